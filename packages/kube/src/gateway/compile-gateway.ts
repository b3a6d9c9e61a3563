import type { Route } from "@bosun/eskip";
import type { ClusterState, JsonObject } from "../cluster-state.js";
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
import { ruleMatchRoutes, unsupportedInRule, type RuleMatchOnListener } from "./rule-routes.js";
import { condition, conditionsJson, type Condition, type ObjectStatus } from "./status.js";
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

/** A rule that cannot be served as written (an UnsupportedValue): dropped, the others kept (§2.12). */
interface DroppedRule {
  readonly fieldPath: string;
  readonly reason: string;
}

interface RouteFindings {
  readonly unresolved: Map<string, UnresolvedRef>;
  readonly dropped: Map<number, DroppedRule>;
}

/** `spec.rules[0].matches[1].path.type: unsupported …` to its field and reason. */
function droppedRule(text: string): DroppedRule {
  const colon = text.indexOf(": ");
  return { fieldPath: text.slice(0, colon), reason: text.slice(colon + 2) };
}

export function compileGateways(state: ClusterState, options: CompileOptions): GatewayCompilation {
  const problems: ObjectProblem[] = [];
  const statuses: ObjectStatus[] = [];
  const ours = classesOf(state.gatewayClasses, options.gatewayControllerName);
  const gateways = new Map<string, Gateway>();
  const findings = new Map<Gateway, Map<Listener, ListenerFindings>>();
  const knownClasses = new Set(state.gatewayClasses.map((gatewayClass) => gatewayClass.metadata.name));
  const grants = new ReferenceGrants(state.referenceGrants);
  for (const object of state.gateways) {
    const gateway = gatewayOf(object);
    if (!knownClasses.has(gateway.className)) {
      problems.push(objectProblem("warning", objectPlace(object, "spec.gatewayClassName"), "invalid_object", `GatewayClass ${JSON.stringify(gateway.className)} not found: the Gateway is not served`));
    }
    if (!ours.has(gateway.className)) continue;
    gateways.set(gatewayKey(gateway), gateway);
    findings.set(gateway, listenerFindings(gateway, (listener) => listenerCertificates(gateway, listener, state.secrets, grants)));
  }
  for (const gatewayClass of state.gatewayClasses) {
    if (ours.has(gatewayClass.metadata.name)) statuses.push({ object: gatewayClass, status: { conditions: conditionsJson(gatewayClass, [condition("Accepted", true, "Accepted", "")]) } });
  }
  const namespaces = new Map(state.namespaces.map((namespace) => [namespace.metadata.name, namespace.metadata.labels]));
  const context = {
    gateways,
    namespaceLabels: (namespace: string) => namespaces.get(namespace) ?? { "kubernetes.io/metadata.name": namespace },
    unusable: (gateway: Gateway, listener: Listener) => !isUsable(findings.get(gateway)!.get(listener)!),
  };
  const backends = new BackendResolver(state, new ServiceEndpoints(state, options.endpointSlices), grants);
  const routeFindings = new Map<HttpRoute, RouteFindings>();
  const environment = {
    backends,
    lbAlgorithm: options.defaultLbAlgorithm || "roundRobin",
    unresolved: (route: HttpRoute, ref: UnresolvedRef) => routeFindings.get(route)!.unresolved.set(ref.fieldPath, ref),
  };
  const byListener = new Map<string, RuleMatchOnListener[]>();
  const attachments = new Map<HttpRoute, ParentAttachment[]>();
  const existing = new Set(state.gateways.map((object) => `${object.metadata.namespace}/${object.metadata.name}`));
  for (const object of state.httpRoutes) {
    const route = httpRouteOf(object);
    const own: RouteFindings = { unresolved: new Map(), dropped: new Map() };
    routeFindings.set(route, own);
    route.rules.forEach((rule, index) => {
      const unsupported = unsupportedInRule(rule);
      if (unsupported) own.dropped.set(index, droppedRule(unsupported));
    });
    for (const parentRef of route.parentRefs) {
      if (!existing.has(`${parentRef.namespace}/${parentRef.name}`) && parentRef.kind === "Gateway") {
        problems.push(objectProblem("warning", objectPlace(object, parentRef.fieldPath), "invalid_object", `Gateway ${parentRef.namespace}/${parentRef.name} not found: the route is not attached there`));
      }
    }
    const attached = attach(route, context);
    attachments.set(route, attached);
    for (const { gateway, listeners } of attached) {
      for (const { listener, hostnames } of listeners) {
        const key = listenerKey(gateway, listener);
        const list = byListener.get(key) ?? [];
        byListener.set(key, list);
        route.rules.forEach((rule, ruleIndex) => {
          if (own.dropped.has(ruleIndex)) return;
          rule.matches.forEach((_, matchIndex) => {
            (hostnames ?? [undefined]).forEach((hostname, hostnameIndex) => list.push({ route, gateway, listener, ruleIndex, matchIndex, hostname, hostnameIndex }));
          });
        });
      }
    }
  }
  const made: { readonly candidate: RuleMatchOnListener; readonly routes: readonly Route[] }[] = [];
  const programmed = new Map<string, Set<HttpRoute>>();
  for (const [key, candidates] of byListener) {
    candidates.sort(byPrecedence);
    const served = new Set<HttpRoute>();
    programmed.set(key, served);
    candidates.forEach((candidate, position) => {
      const own = routeFindings.get(candidate.route)!;
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
  const kept = made.filter(({ candidate }) => !routeFindings.get(candidate.route)!.dropped.has(candidate.ruleIndex)).flatMap(({ routes }) => routes);
  for (const [route, attached] of attachments) statuses.push(routeStatus(route, attached, routeFindings.get(route)!, options.gatewayControllerName, problems));
  for (const gateway of gateways.values()) {
    const attachedRoutes = (listener: Listener) => [...(programmed.get(listenerKey(gateway, listener)) ?? [])].filter((route) => routeFindings.get(route)!.dropped.size < route.rules.length).length;
    statuses.push({ object: gateway.object, status: gatewayStatus(gateway, findings.get(gateway)!, attachedRoutes) });
    for (const [listener, found] of findings.get(gateway)!) {
      if (found.conflicted) problems.push(objectProblem("error", objectPlace(gateway.object, listener.fieldPath), "invalid_object", `listener ${listener.name}: another listener has the same port, protocol and hostname (HostnameConflict): neither is served`));
      else if (found.unsupportedProtocol) problems.push(objectProblem("warning", objectPlace(gateway.object, listener.fieldPath), "invalid_object", `listener ${listener.name}: protocol ${listener.protocol} is not served by bosun`));
      for (const ref of unresolvedCertificates(found)) problems.push(objectProblem("error", objectPlace(gateway.object, ref.fieldPath), "invalid_object", `${ref.reason}: ${ref.message}`));
    }
  }
  const listeners = [...gateways.values()].flatMap((gateway) =>
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
  return { routes: kept, problems, statuses, listeners };
}

const acceptedMessages: Readonly<Record<string, string>> = {
  NoMatchingParent: "no listener of the Gateway has the parentRef's sectionName and port",
  NotAllowedByListeners: "no listener of the Gateway allows routes of this kind from this namespace",
  NoMatchingListenerHostname: "no listener's hostname intersects the route's hostnames",
};

/** Accepted and ResolvedRefs per parent (§2.12), and the same findings as problems. */
function routeStatus(route: HttpRoute, attached: readonly ParentAttachment[], own: RouteFindings, controllerName: string, problems: ObjectProblem[]): ObjectStatus {
  const object = route.object;
  const allDropped = own.dropped.size >= route.rules.length;
  for (const { fieldPath, reason } of own.dropped.values()) problems.push(objectProblem("error", objectPlace(object, fieldPath), "invalid_object", `UnsupportedValue: ${reason}`));
  const droppedText = [...own.dropped.values()].map(({ fieldPath, reason }) => `${fieldPath}: ${reason}`).join("; ");
  route.rules.forEach((rule, index) => {
    if (own.dropped.has(index)) return;
    for (const field of rule.ignoredFields) {
      problems.push(objectProblem("warning", objectPlace(object, `${rule.fieldPath}.${field}`), "invalid_object", `${field} is not supported by bosun: the rule is served without it`));
    }
  });
  for (const ref of own.unresolved.values()) problems.push(objectProblem("error", objectPlace(object, ref.fieldPath), "invalid_object", `${ref.reason}: ${ref.message}`));
  const parents: JsonObject[] = attached.map((attachment) => {
    const conditions: Condition[] = [];
    if (attachment.notAccepted !== undefined) {
      conditions.push(condition("Accepted", false, attachment.notAccepted, acceptedMessages[attachment.notAccepted]!));
      problems.push(objectProblem("error", objectPlace(object, attachment.parentRef.fieldPath), "invalid_object", `${attachment.notAccepted}: ${acceptedMessages[attachment.notAccepted]} (Gateway ${gatewayKey(attachment.gateway)})`));
    } else if (allDropped) conditions.push(condition("Accepted", false, "UnsupportedValue", droppedText));
    else conditions.push(condition("Accepted", true, "Accepted", ""));
    const firstUnresolved = own.unresolved.values().next().value as UnresolvedRef | undefined;
    conditions.push(firstUnresolved ? condition("ResolvedRefs", false, firstUnresolved.reason, `${firstUnresolved.fieldPath}: ${firstUnresolved.message}`) : condition("ResolvedRefs", true, "ResolvedRefs", ""));
    if (own.dropped.size > 0 && !allDropped) conditions.push(condition("PartiallyInvalid", true, "UnsupportedValue", `Dropped Rule: ${droppedText}`));
    return { parentRef: attachment.parentRef.written, controllerName, conditions: conditionsJson(object, conditions) };
  });
  return { object, status: { parents } };
}
