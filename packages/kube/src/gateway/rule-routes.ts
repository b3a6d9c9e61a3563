import type { Filter, Predicate, Route } from "@bosun/eskip";
import { sym } from "../names.js";
import { backendPoolName, sharesOf, statusAnswer, type BackendResolver, type Resolved, type UnresolvedRef } from "./backends.js";
import { parseGatewayDuration } from "./durations.js";
import { gatewayFilters, type GatewayFilters } from "./filters.js";
import type { Gateway, Listener } from "./gateways.js";
import { hostRegexpOf } from "./hostnames.js";
import type { HttpRoute, RouteMatch, RouteRule } from "./http-routes.js";
import { matchPredicates, unsupportedInMatch } from "./matches.js";

/**
 * The eskip routes of one rule-match of an HTTPRoute on one listener and effective hostname
 * (gateway-api.md §3.4): one route per backend share, all at the match's rank, or one route that
 * answers itself (a redirect, a 500).
 */

export interface RuleMatchOnListener {
  readonly route: HttpRoute;
  readonly gateway: Gateway;
  readonly listener: Listener;
  readonly ruleIndex: number;
  readonly matchIndex: number;
  /** undefined for any host. */
  readonly hostname: string | undefined;
  readonly hostnameIndex: number;
}

export interface RuleEnvironment {
  readonly backends: BackendResolver;
  readonly lbAlgorithm: string;
  /** Records a reference that could not be resolved (ResolvedRefs=False). */
  readonly unresolved: (route: HttpRoute, ref: UnresolvedRef) => void;
}

/** Why a rule is dropped (an UnsupportedValue), checked once per rule, before any route is made of it. */
export function unsupportedInRule(rule: RouteRule): string | undefined {
  for (const match of rule.matches) {
    const unsupported = unsupportedInMatch(match);
    if (unsupported) return unsupported;
  }
  for (const [name, value] of Object.entries(rule.timeouts)) {
    if (value !== undefined && parseGatewayDuration(value) === undefined) return `${rule.fieldPath}.timeouts.${name}: ${JSON.stringify(value)} is not a duration`;
  }
  return undefined;
}

/** `backendTimeout` for the shorter of the rule's timeouts; `0s` is no timeout (§2.9). */
function timeoutFilters(rule: RouteRule): Filter[] {
  const limits = [rule.timeouts.request, rule.timeouts.backendRequest].map((text) => (text === undefined ? 0 : parseGatewayDuration(text)!)).filter((ms) => ms > 0);
  return limits.length === 0 ? [] : [{ name: "backendTimeout", args: [`${Math.min(...limits)}ms`] }];
}

function routeId(candidate: RuleMatchOnListener, share: number | undefined): string {
  const { route, gateway, listener } = candidate;
  const parent = `${sym(gateway.namespace)}_${sym(gateway.name)}_${sym(listener.name)}`;
  const place = `r${candidate.ruleIndex}_m${candidate.matchIndex}_h${candidate.hostnameIndex}${share === undefined ? "" : `_b${share}`}`;
  return `kube_gw__${sym(route.namespace)}__${sym(route.name)}__${parent}__${place}`;
}

const origin = (route: HttpRoute, fieldPath: string): Route["origin"] => ({ kind: "object", objectKind: "HTTPRoute", namespace: route.namespace, name: route.name, fieldPath });

/**
 * The routes, or the reason the rule cannot be served (then it is dropped, §2.12). `rank` is
 * the match's place in the listener's precedence order: the higher, the earlier it is tried.
 */
export function ruleMatchRoutes(candidate: RuleMatchOnListener, rank: number, environment: RuleEnvironment): Route[] | string {
  const { route, gateway, listener } = candidate;
  const rule = route.rules[candidate.ruleIndex]!;
  const match: RouteMatch = rule.matches[candidate.matchIndex]!;
  const predicates: Predicate[] = [
    { name: "Listener", args: [`${gateway.namespace}/${gateway.name}`, listener.name] },
    ...(candidate.hostname === undefined ? [] : [{ name: "Host", args: [hostRegexpOf(candidate.hostname)] }]),
    ...matchPredicates(match),
  ];
  // §3.3: a rank factor above any natural predicate count, so the rank alone orders the routes.
  const weight: Predicate = { name: "Weight", args: [1000 * rank] };
  const mirrorUrl = (ref: Parameters<BackendResolver["resolve"]>[0], fieldPath: string) => {
    const resolved = environment.backends.resolve(ref, route.namespace, fieldPath);
    if ("reason" in resolved) {
      environment.unresolved(route, resolved);
      return undefined;
    }
    return resolved.urls[0];
  };
  const filterEnvironment = { namespace: route.namespace, listener, match, mirrorUrl };
  const ruleFilters: GatewayFilters = gatewayFilters(rule.filters, filterEnvironment);
  if (ruleFilters.unsupported) return ruleFilters.unsupported;
  // Gateway routes forward the Host as the client sent it (§2.3), unless a filter rewrites it.
  const forwarding: Filter[] = [{ name: "preserveHost", args: ["true"] }, ...ruleFilters.filters];
  const answer = (status: number): Route[] => {
    const { filters, backend } = statusAnswer(status);
    return [{ id: routeId(candidate, undefined), predicates: [...predicates, weight], filters, backend, origin: origin(route, match.fieldPath) }];
  };
  if (ruleFilters.unresolved) return answer(500);
  if (ruleFilters.redirects) return [{ id: routeId(candidate, undefined), predicates: [...predicates, weight], filters: forwarding, backend: { type: "shunt" }, origin: origin(route, match.fieldPath) }];
  const resolved: Resolved[] = rule.backendRefs.map((ref) => {
    const resolution = environment.backends.resolve(ref, route.namespace, ref.fieldPath);
    if ("reason" in resolution) environment.unresolved(route, resolution);
    return resolution;
  });
  const shares = sharesOf(rule.backendRefs, resolved, environment.lbAlgorithm);
  // §2.8: no backendRefs, or weights that sum to 0, leave nothing to serve.
  if (shares.length === 0) return answer(500);
  // One balancer state per pool across the rules and HTTPRoutes that share it (§3.6).
  const pool: Filter = { name: "backendPool", args: [backendPoolName(route.namespace, rule.backendRefs)] };
  const routes: Route[] = [];
  for (const share of shares) {
    const id = routeId(candidate, share.index);
    const sharePredicates = [...predicates, ...share.predicates, weight];
    // The rule-match is where the route came from; the id's `_b<l>` names the backendRef.
    const shareOrigin = origin(route, match.fieldPath);
    if ("status" in share.target) {
      const { filters, backend } = statusAnswer(share.target.status);
      routes.push({ id, predicates: sharePredicates, filters, backend, origin: shareOrigin });
      continue;
    }
    const backendFilters = gatewayFilters(share.ref.filters, filterEnvironment, true);
    if (backendFilters.unsupported) return backendFilters.unsupported;
    const filters = [...forwarding, ...backendFilters.filters, ...timeoutFilters(rule), pool];
    routes.push({ id, predicates: sharePredicates, filters, backend: share.target.backend, origin: shareOrigin });
  }
  return routes;
}
