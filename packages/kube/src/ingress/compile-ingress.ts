import type { Call, Predicate, Route } from "@bosun/eskip";
import type { JsonObject, KubeObject } from "../cluster-state.js";
import { hostRegexp } from "../host-regexp.js";
import { arrayField, isObject, objectField, stringField } from "../json.js";
import { eastWestId, ingressRouteId } from "../names.js";
import { isInternalHost, withAdditions } from "../additions.js";
import type { CompileOptions } from "../options.js";
import { trafficPredicatesOf } from "../traffic.js";
import type { IngressAnnotations } from "./annotations.js";
import { ingressBackendRef, type IngressBackends, type IngressTarget } from "./backend.js";
import { rulePath } from "./paths.js";
import { noEndpointsFilters as noEndpoints } from "../services/no-endpoints.js";

export interface IngressEnvironment {
  readonly options: CompileOptions;
  readonly backends: IngressBackends;
  defaultFilters(service: string, namespace: string, report: (message: string) => void): readonly Call[];
}

/** A route of a host, with what the catch-all rule needs to know of it. */
interface HostRoute {
  readonly route: Route;
  readonly legacyRegexp: string | undefined;
}

const redirectPredicates: readonly Predicate[] = [
  { name: "Weight", args: [1000] },
  { name: "Header", args: ["X-Forwarded-Proto", "http"] },
];

/**
 * The routes of one valid Ingress (skipper-semantics §5.13): the default backend route, then per
 * host its rule routes, extra routes and redirect copies, and its catch-all.
 */
export class IngressCompiler {
  private readonly namespace: string;
  private readonly name: string;
  private readonly byHost = new Map<string, HostRoute[]>();

  constructor(
    private readonly object: KubeObject,
    private readonly annotations: IngressAnnotations,
    private readonly environment: IngressEnvironment,
    private readonly report: (level: "error" | "info", message: string, fieldPath: string) => void,
  ) {
    this.namespace = object.metadata.namespace;
    this.name = object.metadata.name;
  }

  routes(): Route[] {
    const spec = objectField(this.object.body, "spec");
    const routes: Route[] = [];
    const defaultBackend = ingressBackendRef(objectField(spec, "defaultBackend"));
    if (defaultBackend) {
      const target = this.resolve(defaultBackend, "spec.defaultBackend");
      if (target) routes.push(this.defaultBackendRoute(target));
    }
    (arrayField(spec, "rules") ?? []).filter(isObject).forEach((rule, i) => this.ruleRoutes(rule, i));
    const eastWest: Route[] = [];
    for (const [host, hostRoutes] of this.byHost) {
      const internal = isInternalHost(host, this.environment.options);
      const annotations = this.object.metadata.annotations;
      const made = [...hostRoutes.map((entry) => entry.route), ...this.catchAll(host, hostRoutes)].map((route) => withAdditions(route, this.environment.options, annotations, internal));
      routes.push(...made);
      eastWest.push(...made.filter((route) => this.hasEastWestCopy(host, route)).map((route) => this.eastWestCopy(route)));
    }
    return [...routes, ...eastWest].map((route) => this.forwarded(route));
  }

  private resolve(ref: NonNullable<ReturnType<typeof ingressBackendRef>>, fieldPath: string): Exclude<IngressTarget, { kind: "dropped" }> | undefined {
    const target = this.environment.backends.resolve(this.namespace, ref, this.annotations.protocol, this.annotations.lbAlgorithm);
    if (target.kind === "dropped") {
      this.report(target.level, target.message, fieldPath);
      return undefined;
    }
    return target;
  }

  private defaultBackendRoute(target: Exclude<IngressTarget, { kind: "dropped" }>): Route {
    const host = target.kind === "externalName" ? "default" : "";
    const id = ingressRouteId(this.namespace, this.name, host, "", target.kind === "externalName" ? target.externalName : "");
    const own = target.kind === "externalName" ? target.filters : target.noEndpoints ? noEndpoints : [];
    return this.route(id, [], [...this.application(), ...own], target.backend, "spec.defaultBackend");
  }

  private ruleRoutes(rule: JsonObject, i: number): void {
    const host = stringField(rule, "host") ?? "";
    const paths = (arrayField(objectField(rule, "http"), "paths") ?? []).filter(isObject);
    // §5.13.3: weights split the path rules that share one path string.
    const groups = new Map<string, number[]>();
    paths.forEach((path, j) => groups.set(stringField(path, "path") ?? "", [...(groups.get(stringField(path, "path") ?? "") ?? []), j]));
    const traffic = new Map<number, Predicate[]>();
    for (const members of groups.values()) {
      const weights = members.map((j) => this.annotations.weights.get(ingressBackendRef(objectField(paths[j], "backend"))?.service ?? "") ?? 0);
      const predicates = trafficPredicatesOf(weights, this.environment.options.backendTrafficAlgorithm);
      members.forEach((j, k) => traffic.set(j, predicates[k]!));
    }
    paths.forEach((path, j) => this.pathRoute(host, path, traffic.get(j)!, `spec.rules[${i}].http.paths[${j}]`));
  }

  private pathRoute(host: string, pathRule: JsonObject, traffic: Predicate[], fieldPath: string): void {
    const ref = ingressBackendRef(objectField(pathRule, "backend"));
    const path = stringField(pathRule, "path") ?? "";
    const { predicate: pathPredicate, legacyRegexp } = rulePath(path, stringField(pathRule, "pathType") ?? "", this.annotations.pathMode);
    this.extraRoutes(host, path, pathPredicate, legacyRegexp);
    // A split that gives this backend no traffic makes no route at all (§5.13.3).
    if (traffic.some((predicate) => (predicate.name === "Traffic" && predicate.args[0] === 0) || (predicate.name === "TrafficSegment" && predicate.args[0] === predicate.args[1]))) return;
    if (!ref) return;
    const target = this.resolve(ref, `${fieldPath}.backend`);
    if (!target) return;
    const hostPredicates: Predicate[] = host === "" ? [] : [{ name: "Host", args: [hostRegexp([host])] }];
    if (target.kind === "externalName") {
      const id = ingressRouteId(this.namespace, this.name, host, "", target.externalName);
      return this.addForHost(host, this.route(id, hostPredicates, [...this.application(), ...target.filters], target.backend, fieldPath), undefined);
    }
    const id = ingressRouteId(this.namespace, this.name, host, path, ref.service);
    const annotationPredicates = this.annotations.predicates;
    const replacesPath = this.annotations.pathMode === "path-prefix" && annotationPredicates.some((p) => p.name === "Path" || p.name === "PathSubtree");
    const predicates = [...hostPredicates, ...(pathPredicate && !replacesPath ? [pathPredicate] : []), ...traffic, ...annotationPredicates];
    const defaults = this.environment.defaultFilters(ref.service, this.namespace, (message) => this.report("error", message, fieldPath));
    const filters = target.noEndpoints
      ? [...this.application(), ...defaults, ...noEndpoints]
      : [...this.application(), ...defaults, ...this.annotations.filters];
    this.addForHost(host, this.route(id, predicates, filters, target.backend, fieldPath), legacyRegexp);
  }

  /** §5.13.6: the annotation's routes, for this path rule and host. */
  private extraRoutes(host: string, path: string, pathPredicate: Predicate | undefined, legacyRegexp: string | undefined): void {
    this.annotations.extraRoutes.forEach((extra, k) => {
      const predicates = [
        ...extra.predicates.filter((predicate) => predicate.name !== "Host"),
        ...(host === "" ? [] : [{ name: "Host", args: [hostRegexp([host])] }]),
        ...(pathPredicate ? [pathPredicate] : []),
      ];
      if (predicates.filter((predicate) => predicate.name === "Path" || predicate.name === "PathSubtree").length > 1) {
        this.report("error", "Ignoring route due to multiple path predicates", "metadata.annotations");
        return;
      }
      const id = ingressRouteId(this.namespace, `${this.name}_${extra.id}_${k}`, `${host}${path}`, "", "");
      this.addForHost(host, this.route(id, predicates, [...this.application(), ...extra.filters], extra.backend, extraRouteField), legacyRegexp, false);
    });
  }

  private addForHost(host: string, route: Route, legacyRegexp: string | undefined, redirects = true): void {
    const list = this.byHost.get(host) ?? [];
    this.byHost.set(host, list);
    list.push({ route, legacyRegexp });
    if (redirects && host !== "") list.push(...this.redirectCopies(host, route).map((copy) => ({ route: copy, legacyRegexp })));
  }

  /** §5.13.5: `_https_redirect` when redirects are on for this Ingress, `_disable_https_redirect` when it opts out of a global one. */
  private redirectCopies(host: string, route: Route): Route[] {
    const options = this.environment.options;
    if (this.annotations.testsForwardedProto || host.endsWith(options.eastWestDomain)) return [];
    const enabled = this.annotations.redirect ?? options.httpsRedirect;
    const predicates = [...redirectPredicates, ...route.predicates];
    if (enabled) {
      const code = this.annotations.redirectCode ?? options.httpsRedirectCode;
      return [{ ...route, id: `${route.id}_https_redirect`, predicates, filters: [{ name: "redirectTo", args: [code, "https:"] }], backend: { type: "shunt" } }];
    }
    if (options.httpsRedirect && this.annotations.redirect === false) return [{ ...route, id: `${route.id}_disable_https_redirect`, predicates }];
    return [];
  }

  /** §5.13.5: a host's catch-all, unless one of its routes takes every path already. */
  private catchAll(host: string, routes: readonly HostRoute[]): Route[] {
    if (host === "" || this.environment.options.disableCatchAllRoutes) return [];
    if (routes.some((entry) => entry.legacyRegexp === undefined || entry.legacyRegexp === "^/")) return [];
    const id = ingressRouteId("", "catchall", host, "", "");
    const catchAll = this.route(id, [{ name: "Host", args: [hostRegexp([host])] }], [], { type: "shunt" }, "");
    return [catchAll, ...this.redirectCopies(host, catchAll)];
  }

  /**
   * `zalando.org/skipper-backend: forward`: every route but the catch-alls goes to the forward URL
   * without filters; an annotation route with a shunt backend stays a shunt (§5.13.1, §5.13.6).
   */
  private forwarded(route: Route): Route {
    const url = this.environment.options.forwardBackendUrl;
    if (!this.annotations.forward || url === undefined || isCatchAll(route)) return route;
    const extraShunt = route.backend.type === "shunt" && route.origin?.kind === "object" && route.origin.fieldPath === extraRouteField;
    return { ...route, filters: [], backend: extraShunt ? route.backend : { type: "network", address: url } };
  }

  /** Legacy east-west (§5.11): rule and annotation routes of other hosts get a copy for `<name>.<ns>.<domain>`. */
  private hasEastWestCopy(host: string, route: Route): boolean {
    const options = this.environment.options;
    return options.eastWest && host !== "" && !host.endsWith(options.eastWestDomain) && !isCatchAll(route) && !route.id.endsWith("_https_redirect");
  }

  private eastWestCopy(route: Route): Route {
    const host = `${this.name}.${this.namespace}.${this.environment.options.eastWestDomain}`;
    const predicates = [...route.predicates.filter((predicate) => predicate.name !== "Host"), { name: "Host", args: [hostRegexp([host])] }];
    return { ...route, id: eastWestId(route.id), predicates };
  }

  private application(): Call[] {
    const label = this.environment.options.applicationAnnotationLabel;
    const value = label === undefined ? undefined : this.object.metadata.labels[label];
    return value === undefined ? [] : [{ name: "annotate", args: ["Application", value] }];
  }

  private route(id: string, predicates: readonly Predicate[], filters: readonly Call[], backend: Route["backend"], fieldPath: string): Route {
    return { id, predicates, filters, backend, origin: { kind: "object", objectKind: "Ingress", namespace: this.namespace, name: this.name, fieldPath } };
  }
}

/** A host's catch-all (§5.13.5): `ingressRouteId("", "catchall", host, "", "")`, so its id starts so. */
const catchAllIdPrefix = "kube___catchall__";
const isCatchAll = (route: Route) => route.id.startsWith(catchAllIdPrefix);

/** Where annotation routes come from, as their origin says. */
const extraRouteField = "metadata.annotations[zalando.org/skipper-routes]";
