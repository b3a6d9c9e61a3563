import type { Route } from "@bosun/eskip";
import type { ClusterState } from "../cluster-state.js";
import type { CompileOptions } from "../options.js";
import { objectPlace, objectProblem, type ObjectProblem } from "../problem.js";
import { ServiceEndpoints } from "../services/service-endpoints.js";
import { attach, type ParentAttachment } from "./attachment.js";
import { BackendResolver, type UnresolvedRef } from "./backends.js";
import { classesOf, gatewayKey, gatewayOf, listenerKey, type Gateway, type Listener } from "./gateways.js";
import { httpRouteOf, type HttpRoute } from "./http-routes.js";
import { listenerCertificates } from "./listener-certificates.js";
import { gatewayStatus, isUsable, listenerFindings, servedCertificates, unresolvedCertificates, type ListenerFindings } from "./listener-status.js";
import { byPrecedence } from "./precedence.js";
import { ReferenceGrants } from "./reference-grants.js";
import { droppedRule, routeStatus, type RouteFindings } from "./route-status.js";
import { ruleMatchRoutes, unsupportedInRule, type RuleEnvironment, type RuleMatchOnListener } from "./rule-routes.js";
import { condition, conditionsJson, type ObjectStatus } from "./status.js";
import type { TlsCertificate } from "../tls-secret.js";

/**
 * Gateways and HTTPRoutes to routes (gateway-api.md §3.1): pure, like the other compilers. Each
 * listener's rule-matches are ranked by the spec's precedence and carry a `Listener` predicate,
 * so they are tried only for requests the proxy's listener selection gave that listener, and
 * never compete with eskip, RouteGroup or Ingress routes.
 */

/** A listener the proxy binds and selects requests for (§2.2). */
export interface GatewayListener {
  /** `ns/gateway/listener`: what the `Listener` predicate names. */
  readonly key: string;
  readonly gateway: string;
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostname: string | undefined;
  /** An HTTPS listener's certificates, from its certificateRefs; undefined for HTTP. */
  readonly tls: readonly TlsCertificate[] | undefined;
}

export interface GatewayCompilation {
  readonly routes: Route[];
  readonly problems: ObjectProblem[];
  readonly statuses: ObjectStatus[];
  readonly listeners: GatewayListener[];
}

/** Bosun's GatewayClasses by name, its Gateways by `ns/name`, and what was found of each listener. */
interface BosunGateways {
  readonly classes: ReadonlySet<string>;
  readonly gateways: Map<string, Gateway>;
  readonly findings: Map<Gateway, Map<Listener, ListenerFindings>>;
}

/** The HTTPRoutes as attached: each listener's rule-matches, and each route's parents and findings. */
interface Attached {
  readonly byListener: Map<string, RuleMatchOnListener[]>;
  readonly attachments: Map<HttpRoute, ParentAttachment[]>;
  readonly findings: Map<HttpRoute, RouteFindings>;
}

export function compileGateways(state: ClusterState, options: CompileOptions): GatewayCompilation {
  const problems: ObjectProblem[] = [];
  const grants = new ReferenceGrants(state.referenceGrants);
  const ours = bosunGateways(state, options, grants, problems);
  const attached = attachRoutes(state, ours, problems);
  const environment: RuleEnvironment = {
    backends: new BackendResolver(state, new ServiceEndpoints(state, options.endpointSlices), grants),
    lbAlgorithm: options.defaultLbAlgorithm || "roundRobin",
    unresolved: (route, ref: UnresolvedRef) => attached.findings.get(route)!.unresolved.set(ref.fieldPath, ref),
  };
  const { routes, programmed } = rankedRoutes(attached, environment);
  const statuses: ObjectStatus[] = classStatuses(state, ours.classes);
  for (const [route, parents] of attached.attachments) statuses.push(routeStatus(route, parents, attached.findings.get(route)!, options.gatewayControllerName, problems));
  for (const gateway of ours.gateways.values()) {
    // A route counts once it is served on the listener by a rule not dropped since (§2.12).
    const attachedRoutes = (listener: Listener) => [...(programmed.get(listenerKey(gateway, listener)) ?? [])].filter((route) => attached.findings.get(route)!.dropped.size < route.rules.length).length;
    statuses.push({ object: gateway.object, status: gatewayStatus(gateway, ours.findings.get(gateway)!, attachedRoutes) });
    listenerProblems(gateway, ours.findings.get(gateway)!, problems);
  }
  return { routes, problems, statuses, listeners: servedListeners(ours) };
}

/** The Gateways of bosun's classes; a Gateway of a class that does not exist is reported. */
function bosunGateways(state: ClusterState, options: CompileOptions, grants: ReferenceGrants, problems: ObjectProblem[]): BosunGateways {
  const ours = classesOf(state.gatewayClasses, options.gatewayControllerName);
  const knownClasses = new Set(state.gatewayClasses.map((gatewayClass) => gatewayClass.metadata.name));
  const gateways = new Map<string, Gateway>();
  const findings = new Map<Gateway, Map<Listener, ListenerFindings>>();
  for (const object of state.gateways) {
    const gateway = gatewayOf(object);
    if (!knownClasses.has(gateway.className)) {
      problems.push(objectProblem("warning", objectPlace(object, "spec.gatewayClassName"), "invalid_object", `GatewayClass ${JSON.stringify(gateway.className)} not found: the Gateway is not served`));
    }
    if (!ours.has(gateway.className)) continue;
    gateways.set(gatewayKey(gateway), gateway);
    findings.set(gateway, listenerFindings(gateway, (listener) => listenerCertificates(gateway, listener, state.secrets, grants)));
  }
  return { classes: ours, gateways, findings };
}

function classStatuses(state: ClusterState, ours: ReadonlySet<string>): ObjectStatus[] {
  return state.gatewayClasses
    .filter((gatewayClass) => ours.has(gatewayClass.metadata.name))
    .map((gatewayClass) => ({ object: gatewayClass, status: { conditions: conditionsJson(gatewayClass, [condition("Accepted", true, "Accepted", "")]) } }));
}

/** Every HTTPRoute attached to the listeners that take it, one rule-match per effective hostname. */
function attachRoutes(state: ClusterState, ours: BosunGateways, problems: ObjectProblem[]): Attached {
  const namespaces = new Map(state.namespaces.map((namespace) => [namespace.metadata.name, namespace.metadata.labels]));
  const context = {
    gateways: ours.gateways,
    namespaceLabels: (namespace: string) => namespaces.get(namespace) ?? { "kubernetes.io/metadata.name": namespace },
    unusable: (gateway: Gateway, listener: Listener) => !isUsable(ours.findings.get(gateway)!.get(listener)!),
  };
  const existing = new Set(state.gateways.map((object) => `${object.metadata.namespace}/${object.metadata.name}`));
  const attached: Attached = { byListener: new Map(), attachments: new Map(), findings: new Map() };
  for (const object of state.httpRoutes) {
    const route = httpRouteOf(object);
    const own: RouteFindings = { unresolved: new Map(), dropped: new Map() };
    attached.findings.set(route, own);
    route.rules.forEach((rule, index) => {
      const unsupported = unsupportedInRule(rule);
      if (unsupported) own.dropped.set(index, droppedRule(unsupported));
    });
    for (const parentRef of route.parentRefs) {
      if (!existing.has(`${parentRef.namespace}/${parentRef.name}`) && parentRef.kind === "Gateway") {
        problems.push(objectProblem("warning", objectPlace(object, parentRef.fieldPath), "invalid_object", `Gateway ${parentRef.namespace}/${parentRef.name} not found: the route is not attached there`));
      }
    }
    const parents = attach(route, context);
    attached.attachments.set(route, parents);
    for (const { gateway, listeners } of parents) {
      for (const { listener, hostnames } of listeners) {
        const key = listenerKey(gateway, listener);
        const list = attached.byListener.get(key) ?? [];
        attached.byListener.set(key, list);
        route.rules.forEach((rule, ruleIndex) => {
          if (own.dropped.has(ruleIndex)) return;
          rule.matches.forEach((_, matchIndex) => {
            (hostnames ?? [undefined]).forEach((hostname, hostnameIndex) => list.push({ route, gateway, listener, ruleIndex, matchIndex, hostname, hostnameIndex }));
          });
        });
      }
    }
  }
  return attached;
}

/** Each listener's rule-matches in precedence order, made into routes of falling rank; and the routes each listener serves. */
function rankedRoutes(attached: Attached, environment: RuleEnvironment): { routes: Route[]; programmed: Map<string, Set<HttpRoute>> } {
  const made: { readonly candidate: RuleMatchOnListener; readonly routes: readonly Route[] }[] = [];
  const programmed = new Map<string, Set<HttpRoute>>();
  for (const [key, candidates] of attached.byListener) {
    candidates.sort(byPrecedence);
    const served = new Set<HttpRoute>();
    programmed.set(key, served);
    candidates.forEach((candidate, position) => {
      const own = attached.findings.get(candidate.route)!;
      if (own.dropped.has(candidate.ruleIndex)) return;
      const routes = ruleMatchRoutes(candidate, candidates.length - position, environment);
      if (typeof routes === "string") {
        own.dropped.set(candidate.ruleIndex, droppedRule(routes));
        return;
      }
      made.push({ candidate, routes });
      served.add(candidate.route);
    });
  }
  // A rule dropped on one listener (a backend filter it cannot have) is dropped on all: take its routes out again.
  const routes = made.filter(({ candidate }) => !attached.findings.get(candidate.route)!.dropped.has(candidate.ruleIndex)).flatMap((entry) => entry.routes);
  return { routes, programmed };
}

function listenerProblems(gateway: Gateway, findings: ReadonlyMap<Listener, ListenerFindings>, problems: ObjectProblem[]): void {
  const at = (listener: Listener, fieldPath = listener.fieldPath) => objectPlace(gateway.object, fieldPath);
  for (const [listener, found] of findings) {
    if (found.conflicted) problems.push(objectProblem("error", at(listener), "invalid_object", `listener ${listener.name}: another listener has the same port, protocol and hostname (HostnameConflict): neither is served`));
    else if (found.unsupportedProtocol) problems.push(objectProblem("warning", at(listener), "invalid_object", `listener ${listener.name}: protocol ${listener.protocol} is not served by bosun`));
    for (const ref of unresolvedCertificates(found)) problems.push(objectProblem("error", at(listener, ref.fieldPath), "invalid_object", `${ref.reason}: ${ref.message}`));
  }
}

/** The listeners the proxy serves: those of bosun's Gateways that are usable, with their certificates. */
function servedListeners({ gateways, findings }: BosunGateways): GatewayListener[] {
  return [...gateways.values()].flatMap((gateway) =>
    gateway.listeners
      .filter((listener) => isUsable(findings.get(gateway)!.get(listener)!))
      .map((listener) => ({
        key: listenerKey(gateway, listener),
        gateway: gatewayKey(gateway),
        name: listener.name,
        port: listener.port,
        protocol: listener.protocol,
        hostname: listener.hostname,
        tls: servedCertificates(findings.get(gateway)!.get(listener)!),
      })),
  );
}
