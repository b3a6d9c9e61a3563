import { compileRe2, parseFilters, printRoute, type Call, type HostCertificate, type Route } from "@bosun/eskip";
import { AllowedNames } from "./allowed-names.js";
import type { ClusterState, KubeObject } from "./cluster-state.js";
import type { CompileOptions } from "./options.js";
import { objectPlace, objectProblem, type ObjectProblem } from "./problem.js";
import type { ProblemLevel } from "@bosun/eskip";
import { RouteGroupCompiler, type RouteGroupEnvironment } from "./routegroup/compile-routegroup.js";
import { validateRouteGroup } from "./routegroup/validate.js";
import { ServiceEndpoints } from "./services/service-endpoints.js";
import { readIngressAnnotations } from "./ingress/annotations.js";
import { IngressBackends } from "./ingress/backend.js";
import { IngressCompiler, type IngressEnvironment } from "./ingress/compile-ingress.js";
import { objectField, stringField } from "./json.js";
import { checkTls, ingressTls } from "./tls.js";
import type { RouteGroupMemo } from "./routegroup/routegroup-memo.js";
import { compileGateways, type GatewayListener } from "./gateway/compile-gateway.js";
import type { ObjectStatus } from "./gateway/status.js";

export interface Compilation {
  readonly routes: Route[];
  readonly problems: ObjectProblem[];
  /** The Gateway API objects' status, as the cluster source writes it and `bosun status` prints it. */
  readonly statuses: ObjectStatus[];
  /** The Gateway listeners the proxy binds (with `--listener`) and selects requests for. */
  readonly gatewayListeners: GatewayListener[];
  /** With `enableTls`, the certificates of the Ingresses' and RouteGroups' valid `spec.tls` entries, in that order. */
  readonly certificates: HostCertificate[];
}

/** Go's string order: by UTF-16 code unit here, the same for the ASCII of Kubernetes names. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNamespaceAndName = (a: KubeObject, b: KubeObject) =>
  compareText(a.metadata.namespace, b.metadata.namespace) || compareText(a.metadata.name, b.metadata.name);

type Report = (level: ProblemLevel, message: string, fieldPath: string) => void;

/** How one object's problems are recorded: Skipper's message is also the reason. */
function reporterFor(kind: string, object: KubeObject, problems: ObjectProblem[]): Report {
  return (level, message, fieldPath) => problems.push(objectProblem(level, objectPlace(object, fieldPath, kind), "invalid_object", message));
}

function matchesSelector(object: KubeObject, selector: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([key, value]) => object.metadata.labels[key] === value);
}

/** The objects a list request with the options' label selectors would have returned. */
function selected(state: ClusterState, options: CompileOptions): ClusterState {
  return {
    ...state,
    routeGroups: state.routeGroups.filter((object) => matchesSelector(object, options.routeGroupsLabelSelector)),
    ingresses: state.ingresses.filter((object) => matchesSelector(object, options.ingressLabelSelector)),
    services: state.services.filter((object) => matchesSelector(object, options.servicesLabelSelector)),
    endpoints: state.endpoints.filter((object) => matchesSelector(object, options.endpointsLabelSelector)),
  };
}

/** Default filters by service, parsed once per compilation; a set that does not parse is reported and not used. */
function defaultFiltersOf(options: CompileOptions): RouteGroupEnvironment["defaultFilters"] {
  const parsed = new Map<string, readonly Call[] | Error>();
  return (service, namespace, report) => {
    const key = `${service}.${namespace}`;
    const text = options.defaultFilters.get(key);
    if (text === undefined) return [];
    if (!parsed.has(key)) {
      try {
        parsed.set(key, parseFilters(text));
      } catch (error) {
        parsed.set(key, error as Error);
      }
    }
    const filters = parsed.get(key)!;
    if (filters instanceof Error) {
      report(`cannot use the default filters of ${key}: ${filters.message}`);
      return [];
    }
    return filters;
  };
}

/**
 * Cluster state to routes, as Skipper's Kubernetes data client makes them (skipper-semantics §5.1):
 * Ingress routes, then RouteGroup routes, de-duplicated by id (the first wins). Pure: problems
 * come back as data, and an invalid object never affects another. A `memo` kept from one
 * compilation to the next (routegroup-memo.ts) makes a change to one RouteGroup cheap; the
 * routes and problems are the same as without it.
 */
export function compileCluster(state: ClusterState, options: CompileOptions, memo?: RouteGroupMemo): Compilation {
  const problems: ObjectProblem[] = [];
  const inUse = selected(state, options);
  const environment: RouteGroupEnvironment = {
    options,
    services: new ServiceEndpoints(inUse, options.endpointSlices),
    allowedNames: new AllowedNames(options),
    defaultFilters: defaultFiltersOf(options),
  };
  const ingressEnvironment: IngressEnvironment = { options, backends: new IngressBackends(inUse, options), defaultFilters: environment.defaultFilters };
  const certificates: HostCertificate[] = [];
  const routes = [...ingressRoutes(inUse, options, ingressEnvironment, problems, certificates), ...routeGroupRoutes(inUse, options, environment, problems, memo, certificates)];
  // §5.1: with HTTPS redirects on, one global route sends plain HTTP to HTTPS.
  if (options.httpsRedirect) routes.push(globalRedirect(options.httpsRedirectCode));
  // Gateway routes come last: they carry a Listener predicate, so their place among the others decides nothing.
  const gateways = compileGateways(inUse, options);
  for (const route of gateways.routes) routes.push(route);
  for (const problem of gateways.problems) problems.push(problem);
  return { routes: withoutDuplicateIds(routes, problems), problems, statuses: gateways.statuses, gatewayListeners: gateways.listeners, certificates };
}

function globalRedirect(code: number): Route {
  return {
    id: "kube__redirect",
    predicates: [
      { name: "Header", args: ["X-Forwarded-Proto", "http"] },
      { name: "Weight", args: [1000] },
    ],
    filters: [{ name: "redirectTo", args: [code, "https:"] }],
    backend: { type: "shunt" },
  };
}

function classMatches(pattern: RegExp, value: string | undefined): boolean {
  return value === undefined || value === "" || pattern.test(value);
}

function ingressRoutes(state: ClusterState, options: CompileOptions, environment: IngressEnvironment, problems: ObjectProblem[], certificates: HostCertificate[]): Route[] {
  const ingressClass = compileRe2(options.ingressClass);
  const routes: Route[] = [];
  for (const object of [...state.ingresses].sort(byNamespaceAndName)) {
    const report = reporterFor("Ingress", object, problems);
    if (!classMatches(ingressClass, object.metadata.annotations["kubernetes.io/ingress.class"])) continue;
    if (!classMatches(ingressClass, stringField(objectField(object.body, "spec"), "ingressClassName"))) continue;
    if (object.metadata.namespace === "" || object.metadata.name === "" || objectField(object.body, "spec") === undefined) {
      report("error", "[ingress] invalid ingress item: missing Metadata or Spec", "");
      continue;
    }
    const read = readIngressAnnotations(object.metadata.annotations);
    if ("errors" in read) {
      report("error", `[ingress] ${read.errors.join("\n")}`, "metadata.annotations");
      continue;
    }
    routes.push(...new IngressCompiler(object, read.annotations, environment, report).routes());
    if (options.enableTls) {
      const tls = ingressTls(object);
      certificates.push(...checkTls(tls.entries, tls.hosts, object, state, report));
    }
  }
  return routes;
}

/**
 * Whether RouteGroups of the object's class are this proxy's to serve (a class-less one is
 * everyone's): the compiler skips the others, and the status writer leaves them to their own.
 */
export function routeGroupClassServed(options: CompileOptions): (object: KubeObject) => boolean {
  const routeGroupClass = compileRe2(options.routeGroupClass);
  return (object) => classMatches(routeGroupClass, object.metadata.annotations["zalando.org/routegroup.class"]);
}

function routeGroupRoutes(state: ClusterState, options: CompileOptions, environment: RouteGroupEnvironment, problems: ObjectProblem[], memo: RouteGroupMemo | undefined, certificates: HostCertificate[]): Route[] {
  const served = routeGroupClassServed(options);
  const routes: Route[] = [];
  // The TLS check reads Secrets, which the memo does not follow.
  const remembering = options.enableTls ? undefined : memo;
  for (const object of [...state.routeGroups].sort(byNamespaceAndName)) {
    const recalled = remembering?.recall(object, options, environment.services);
    if (recalled !== undefined) {
      for (const route of recalled.routes) routes.push(route);
      for (const problem of recalled.problems) problems.push(problem);
      continue;
    }
    const recording = remembering?.recording(environment.services);
    const own: ObjectProblem[] = [];
    const made = routeGroupRoutesOf(object, served(object), recording ? { ...environment, services: recording.services } : environment, state, own, certificates);
    for (const route of made) routes.push(route);
    for (const problem of own) problems.push(problem);
    if (recording) remembering!.remember(object, { routes: made, problems: own, resolved: recording.resolved });
  }
  return routes;
}

/** One RouteGroup's routes, its problems added to `problems` and its certificates to `certificates`. */
function routeGroupRoutesOf(object: KubeObject, served: boolean, environment: RouteGroupEnvironment, state: ClusterState, problems: ObjectProblem[], certificates: HostCertificate[]): Route[] {
  const report = reporterFor("RouteGroup", object, problems);
  const validation = validateRouteGroup(object);
  if ("failures" in validation) {
    for (const failure of validation.logged) report("error", `[routegroup] ${failure.message}`, failure.fieldPath);
    return [];
  }
  if (!served) return [];
  const compiler = new RouteGroupCompiler(object, validation.spec, environment, (message, fieldPath) => report("error", message, fieldPath));
  const routes = compiler.routes();
  if (environment.options.enableTls) certificates.push(...checkTls(validation.spec.tls, [...new Set(validation.spec.hosts)], object, state, report));
  return routes;
}

/** §5.1 step 5: the first route with an id wins; a later, different one is reported. */
function withoutDuplicateIds(routes: readonly Route[], problems: ObjectProblem[]): Route[] {
  const kept = new Map<string, Route>();
  for (const route of routes) {
    const existing = kept.get(route.id);
    if (existing === undefined) {
      kept.set(route.id, route);
      continue;
    }
    const printed = printRoute(route);
    if (printed !== printRoute(existing) && route.origin?.kind === "object") {
      const message = `Ignoring route with the same id ${route.id}, existing: ${printRoute(existing)}, ignored: ${printed}`;
      problems.push(objectProblem("warning", route.origin, "duplicate_route", message));
    }
  }
  return [...kept.values()];
}
