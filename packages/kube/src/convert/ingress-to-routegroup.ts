import { printCall } from "@bosun/eskip";
import type { ClusterState, Json, JsonObject, KubeObject } from "../cluster-state.js";
import { hostRegexp } from "../host-regexp.js";
import { readIngressAnnotations, type IngressAnnotations } from "../ingress/annotations.js";
import { ingressBackendRef } from "../ingress/backend.js";
import { arrayField, isObject, objectField, stringArray, stringField } from "../json.js";
import { BackendCatalog, type BackendUse, type ReportProblem, type Reports } from "./backends.js";
import { RuleRoutes, type RouteDraft } from "./rule-routes.js";

/**
 * An Ingress to the RouteGroup that routes the same requests the same way, following the mapping
 * of Skipper's docs ("RouteGroups: mapping from Ingress") and what Skipper compiles each Ingress
 * field and annotation to (skipper-semantics §5.13 against §5.4–5.8). Pure: the Ingress and the
 * cluster state in (the Services resolve named ports and ExternalName services), the RouteGroup
 * or the problems out.
 */

export interface ConversionProblem {
  /** Where in the Ingress: `spec.rules[0].http.paths[1].backend.service.port.name`; "" for the whole object. */
  readonly fieldPath: string;
  readonly reason: string;
}

export interface IngressConversion {
  /** Undefined when the Ingress cannot be converted. */
  readonly routeGroup: JsonObject | undefined;
  /** Why the Ingress cannot be converted; beside a RouteGroup, the caveats: where it will not route as the Ingress did. */
  readonly problems: readonly ConversionProblem[];
}

export interface ConvertOptions {
  /** Skipper's `externalNamePreserveHost`: ExternalName services get no `setRequestHeader("Host", …)`. */
  readonly externalNamePreserveHost?: boolean;
}

/** Annotations that become part of the RouteGroup's spec, so the RouteGroup does not carry them. */
const convertedAnnotations = new Set([
  "zalando.org/skipper-filter",
  "zalando.org/skipper-predicate",
  "zalando.org/skipper-routes",
  "zalando.org/backend-weights",
  "zalando.org/ratelimit",
  "zalando.org/skipper-loadbalancer",
  "zalando.org/skipper-ingress-path-mode",
  "kubernetes.io/ingress.class",
  // Describes the Ingress as last applied, not the RouteGroup.
  "kubectl.kubernetes.io/last-applied-configuration",
]);

const ingressClassAnnotation = "kubernetes.io/ingress.class";
const routeGroupClassAnnotation = "zalando.org/routegroup.class";
const forwardAnnotation = "zalando.org/skipper-backend";

/** What a conversion found: a problem makes the Ingress unconvertible, a caveat does not. */
class Findings implements Reports {
  readonly problems: ConversionProblem[] = [];
  convertible = true;
  readonly problem = (fieldPath: string, reason: string) => {
    this.convertible = false;
    this.problems.push({ fieldPath, reason });
  };
  readonly caveat = (fieldPath: string, reason: string) => void this.problems.push({ fieldPath, reason });
}

export function ingressToRouteGroup(ingress: KubeObject, state: ClusterState, options: ConvertOptions = {}): IngressConversion {
  const findings = new Findings();
  const spec = objectField(ingress.body, "spec");
  if (ingress.metadata.name === "") findings.problem("metadata.name", "an Ingress without a name");
  if (spec === undefined) findings.problem("spec", "an Ingress without a spec");
  const read = readIngressAnnotations(ingress.metadata.annotations);
  if ("errors" in read) for (const error of read.errors) findings.problem("metadata.annotations", error);
  if (spec === undefined || "errors" in read) return { routeGroup: undefined, problems: findings.problems };
  const settings = {
    // Manifests without a namespace go where the Services without one go.
    namespace: ingress.metadata.namespace === "" ? "default" : ingress.metadata.namespace,
    forward: read.annotations.forward,
    lbAlgorithm: read.annotations.lbAlgorithm,
    externalNamePreserveHost: options.externalNamePreserveHost ?? false,
  };
  const routeGroupSpec = specOf(spec, read.annotations, new BackendCatalog(state, settings, findings), findings);
  if (!findings.convertible) return { routeGroup: undefined, problems: findings.problems };
  const metadata = metadataOf(ingress, read.annotations.forward);
  return { routeGroup: { apiVersion: "zalando.org/v1", kind: "RouteGroup", metadata, spec: routeGroupSpec }, problems: findings.problems };
}

function specOf(spec: JsonObject, annotations: IngressAnnotations, catalog: BackendCatalog, findings: Findings): JsonObject {
  const defaultRef = ingressBackendRef(objectField(spec, "defaultBackend"));
  if (objectField(spec, "defaultBackend") !== undefined && defaultRef === undefined) findings.problem("spec.defaultBackend", "only service backends can be converted");
  const defaultBackend = defaultRef === undefined ? undefined : catalog.service(defaultRef, "spec.defaultBackend");
  const rules = new RuleRoutes(annotations, catalog, findings);
  (arrayField(spec, "rules") ?? []).filter(isObject).forEach((rule, i) => rules.addRule(rule, i));
  const hosts = [...rules.byHost.keys()].filter((host) => host !== "");
  if (hosts.length > 0 && rules.byHost.has("")) {
    findings.problem("spec.rules", "a rule without a host matches every host, which a RouteGroup with hosts cannot say beside the rules with hosts");
  }
  const routes = withDefaultRoute(routesOf(rules.byHost, hosts), hosts, defaultBackend);
  if (defaultRef === undefined && routes.length === 0 && findings.convertible) findings.problem("spec", "nothing to route: no path rules and no default backend");
  const tls = tlsOf(spec, findings.caveat);
  return {
    ...(hosts.length > 0 ? { hosts } : {}),
    backends: catalog.backends,
    ...(defaultBackend === undefined ? {} : { defaultBackends: [{ backendName: defaultBackend.name }] }),
    ...(routes.length > 0 ? { routes: routes.map(routeJson) } : {}),
    ...(tls.length > 0 ? { tls } : {}),
  };
}

/**
 * The default backend's route (§5.13.5): no predicates, only the Host header filter of an
 * ExternalName service. A RouteGroup without routes makes it by itself (implicit mode, §5.4), one
 * without hosts needs a route for it, and one with hosts and routes cannot say it. A route whose
 * one backend is the default backend need not name it: the docs' idiom.
 */
function withDefaultRoute(routes: readonly RouteDraft[], hosts: readonly string[], defaultBackend: BackendUse | undefined): RouteDraft[] {
  if (defaultBackend === undefined) return [...routes];
  const named = (route: RouteDraft) => route.backends.length === 1 && route.backends[0]!.backendName === defaultBackend.name;
  const made = routes.map((route) => (named(route) ? { ...route, backends: [] } : route));
  const needed = routes.length > 0 ? hosts.length === 0 : defaultBackend.filters.length > 0;
  return needed ? [...made, { path: undefined, predicates: [], filters: defaultBackend.filters.map(printCall), backends: [] }] : made;
}

/**
 * The routes of all hosts. A RouteGroup has one host list for all its routes, so when hosts have
 * different rules, each route also gets a Host predicate for the hosts it is for (Skipper docs,
 * "Ingress with multiple hosts, and different routing"); hosts with the same rules share routes.
 */
function routesOf(byHost: ReadonlyMap<string, readonly RouteDraft[]>, hosts: readonly string[]): RouteDraft[] {
  const classes = new Map<string, string[]>();
  for (const host of hosts) {
    // The same routes in any order, repeated or not: route order means nothing in a RouteGroup.
    const key = JSON.stringify([...new Set(byHost.get(host)!.map((route) => JSON.stringify(route)))].sort());
    classes.set(key, [...(classes.get(key) ?? []), host]);
  }
  if (classes.size <= 1) return unique(byHost.get(hosts[0] ?? "") ?? []);
  return [...classes.values()].flatMap((sameRules) => {
    const host = printCall({ name: "Host", args: [hostRegexp(sameRules)] });
    return unique(byHost.get(sameRules[0]!)!).map((route) => ({ ...route, predicates: [host, ...route.predicates] }));
  });
}

/** Two rules of one host with the same path rule make one route: Skipper gives both the same id. */
function unique(routes: readonly RouteDraft[]): RouteDraft[] {
  const seen = new Set<string>();
  return routes.filter((route) => !seen.has(JSON.stringify(route)) && seen.add(JSON.stringify(route)));
}

function routeJson(route: RouteDraft): JsonObject {
  return {
    ...(route.path === undefined ? {} : { [route.path.field]: route.path.value }),
    ...(route.predicates.length > 0 ? { predicates: [...route.predicates] } : {}),
    ...(route.filters.length > 0 ? { filters: [...route.filters] } : {}),
    ...(route.backends.length > 0 ? { backends: route.backends.map((ref) => ({ ...ref })) } : {}),
  };
}

/** `spec.tls` as is: a RouteGroup's TLS entries have the Ingress's shape, but need hosts (§5.2). */
function tlsOf(spec: JsonObject, caveat: ReportProblem): JsonObject[] {
  const entries: JsonObject[] = [];
  (arrayField(spec, "tls") ?? []).forEach((value: Json, i) => {
    const entry = isObject(value) ? value : undefined;
    const hosts = stringArray(arrayField(entry, "hosts"));
    const secretName = stringField(entry, "secretName") ?? "";
    // Skipper does nothing with an entry without a secret (§5.12).
    if (secretName === "") return;
    if (hosts.length === 0) return caveat(`spec.tls[${i}]`, "left out: a RouteGroup TLS entry needs hosts");
    entries.push({ hosts, secretName });
  });
  return entries;
}

function metadataOf(ingress: KubeObject, forward: boolean): JsonObject {
  const { name, namespace, labels, annotations } = ingress.metadata;
  const kept = Object.entries(annotations).filter(([key]) => !convertedAnnotations.has(key) && !(forward && key === forwardAnnotation));
  const ingressClass = annotations[ingressClassAnnotation] || stringField(objectField(ingress.body, "spec"), "ingressClassName") || "";
  // §5.1: RouteGroups are selected by their own class annotation, as Ingresses by theirs.
  if (ingressClass !== "" && annotations[routeGroupClassAnnotation] === undefined) kept.push([routeGroupClassAnnotation, ingressClass]);
  return {
    name,
    ...(namespace === "" ? {} : { namespace }),
    ...(Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}),
    ...(kept.length > 0 ? { annotations: Object.fromEntries(kept) } : {}),
  };
}
