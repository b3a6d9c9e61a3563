import { printCall, type Predicate, type Route } from "@bosun/eskip";
import type { JsonObject } from "../cluster-state.js";
import { arrayField, isObject, objectField, stringField } from "../json.js";
import type { IngressAnnotations } from "../ingress/annotations.js";
import { ingressBackendRef } from "../ingress/backend.js";
import { rulePath } from "../ingress/paths.js";
import type { BackendCatalog, BackendUse, Reports } from "./backends.js";

/** A route of the RouteGroup being made, before it is written as JSON. */
export interface RouteDraft {
  /** `path`, `pathSubtree` or `pathRegexp`, from the path rule; none for a rule without a path. */
  readonly path: { readonly field: string; readonly value: string } | undefined;
  readonly predicates: readonly string[];
  readonly filters: readonly string[];
  /** Empty: the route uses the group's default backends. */
  readonly backends: readonly { readonly backendName: string; readonly weight?: number }[];
}

const pathFields: Readonly<Record<string, string>> = { Path: "path", PathSubtree: "pathSubtree", PathRegexp: "pathRegexp" };
const isTreePredicate = (predicate: Predicate) => predicate.name === "Path" || predicate.name === "PathSubtree";

function pathOf(predicate: Predicate | undefined): RouteDraft["path"] {
  return predicate === undefined ? undefined : { field: pathFields[predicate.name]!, value: String(predicate.args[0]) };
}

/**
 * The routes of an Ingress's rules, by rule host: one route per path of a rule (the path rules of
 * one rule that share a path string are one weighted route, as their weights are computed
 * together: skipper-semantics §5.13.3), and the `zalando.org/skipper-routes` routes copied for
 * each path as Skipper copies them (§5.13.6).
 */
export class RuleRoutes {
  /** Routes by rule host, "" for rules without one; hosts in the order of the rules. */
  readonly byHost = new Map<string, RouteDraft[]>();
  /** Host and path of the path rules whose annotation routes are made already: Skipper's ids make later copies duplicates. */
  private readonly copied = new Set<string>();

  constructor(
    private readonly annotations: IngressAnnotations,
    private readonly catalog: BackendCatalog,
    private readonly reports: Reports,
  ) {}

  addRule(rule: JsonObject, i: number): void {
    const host = stringField(rule, "host") ?? "";
    const routes = this.byHost.get(host) ?? [];
    this.byHost.set(host, routes);
    const paths = (arrayField(objectField(rule, "http"), "paths") ?? []).filter(isObject);
    const groups = new Map<string, number[]>();
    paths.forEach((pathRule, j) => {
      const path = stringField(pathRule, "path") ?? "";
      groups.set(path, [...(groups.get(path) ?? []), j]);
    });
    for (const [path, members] of groups) {
      const fields = members.map((j) => `spec.rules[${i}].http.paths[${j}]`);
      const pathType = this.sharedPathType(path, members.map((j) => paths[j]!), fields);
      if (pathType === undefined) continue;
      const predicate = rulePath(path, pathType, this.annotations.pathMode).predicate;
      const route = this.pathRoute(path, predicate, members.map((j) => paths[j]!), fields);
      if (route !== undefined) routes.push(route);
      if (this.copied.has(`${host}\0${path}`)) continue;
      this.copied.add(`${host}\0${path}`);
      for (const extra of this.annotations.extraRoutes) {
        const copy = this.extraRoute(extra, predicate);
        if (copy !== undefined) routes.push(copy);
      }
    }
  }

  /** The pathType of path rules that share a path, or undefined after reporting that they differ. */
  private sharedPathType(path: string, pathRules: readonly JsonObject[], fields: readonly string[]): string | undefined {
    // Anything but Exact and Prefix is ImplementationSpecific (§5.13.2).
    const kindOf = (pathRule: JsonObject) => {
      const pathType = stringField(pathRule, "pathType") ?? "";
      return pathType === "Exact" || pathType === "Prefix" ? pathType : "ImplementationSpecific";
    };
    const differing = pathRules.findIndex((pathRule) => kindOf(pathRule) !== kindOf(pathRules[0]!));
    if (differing < 0) return kindOf(pathRules[0]!);
    this.reports.problem(`${fields[differing]}.pathType`, `path rules of one rule with the same path "${path}" share their weights; with different pathTypes they cannot be one RouteGroup route`);
    return undefined;
  }

  private pathRoute(path: string, predicate: Predicate | undefined, pathRules: readonly JsonObject[], fields: readonly string[]): RouteDraft | undefined {
    const uses: BackendUse[] = [];
    const weights: number[] = [];
    pathRules.forEach((pathRule, k) => {
      const ref = ingressBackendRef(objectField(pathRule, "backend"));
      if (ref === undefined) return this.reports.problem(`${fields[k]}.backend`, "only service backends can be converted");
      const use = this.catalog.service(ref, `${fields[k]}.backend`);
      if (use === undefined) return;
      if (uses.some((other) => other.name === use.name)) return this.reports.problem(`${fields[k]}.backend`, `backend ${use.name} appears twice for the path "${path}"`);
      uses.push(use);
      weights.push(this.annotations.weights.get(ref.service) ?? 0);
    });
    if (uses.length !== pathRules.length) return undefined;
    if (uses.length > 1 && uses.some((use) => use.filters.length > 0)) {
      this.reports.problem(`${fields[0]}.backend`, `an ExternalName service needs its own Host header filter, which a route shared with other backends for the path "${path}" cannot have`);
      return undefined;
    }
    // All weights 0 split evenly, in Ingresses and RouteGroups alike (§5.8): no weights needed then.
    const weighted = uses.length > 1 && weights.some((weight) => weight !== 0);
    const annotationPredicates = this.annotations.predicates;
    // §5.13.5: in path-prefix mode a Path or PathSubtree of skipper-predicate replaces the rule's path.
    const replacesPath = this.annotations.pathMode === "path-prefix" && annotationPredicates.some(isTreePredicate);
    return {
      path: replacesPath ? undefined : pathOf(predicate),
      predicates: annotationPredicates.map(printCall),
      filters: [...this.annotations.filters, ...uses[0]!.filters].map(printCall),
      backends: uses.map((use, k) => (weighted ? { backendName: use.name, weight: weights[k]! } : { backendName: use.name })),
    };
  }

  /**
   * An annotation route copied for a path rule (§5.13.6): its own Host predicates give way to the
   * group's hosts, the rule's path is added, and a copy with two Path/PathSubtree predicates is
   * dropped, as Skipper drops it. skipper-filter and skipper-predicate do not apply to it.
   */
  private extraRoute(extra: Route, rulePathPredicate: Predicate | undefined): RouteDraft | undefined {
    const predicates = extra.predicates.filter((predicate) => predicate.name !== "Host");
    if ([...predicates, ...(rulePathPredicate ? [rulePathPredicate] : [])].filter(isTreePredicate).length > 1) return undefined;
    // With the forward annotation Skipper sends every route to the forward URL without filters,
    // but an annotation route with a shunt backend stays a shunt (§5.13.1).
    const forward = this.annotations.forward;
    const field = "metadata.annotations[zalando.org/skipper-routes]";
    const backendName = forward && extra.backend.type !== "shunt" ? this.catalog.forward() : this.catalog.eskip(extra.backend, field);
    if (backendName === undefined) return undefined;
    return {
      path: pathOf(rulePathPredicate),
      predicates: predicates.map(printCall),
      filters: forward ? [] : extra.filters.map(printCall),
      backends: [{ backendName }],
    };
  }
}
