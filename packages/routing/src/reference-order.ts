import type { CompiledRoute } from "./compile-route.js";
import { byPriority, byTreeKey, candidate, type Candidate } from "./candidate.js";
import { RequestMatchContext } from "./match-context.js";
import { captureParams, keyMatches, splitPath, treeKeys, type TreeKey } from "./path-pattern.js";
import type { RoutingRequest } from "./request.js";
import { allMatch } from "./predicate.js";
import type { RouteMatch, RouteTable } from "./table.js";

/**
 * The priority order of skipper-semantics §2.2 computed the slow, obvious way: test every route's
 * path on its own, then sort. The path tree must agree with it for every request; tests hold the
 * two against each other, the benchmark uses it as the naive baseline, and `explain` uses it to
 * say why each route lost.
 */

export interface ReferenceOrder {
  /** Routes whose path fits the request (or that have none), best first. */
  readonly candidates: readonly Candidate[];
  /** Routes whose Path or PathSubtree does not fit the request. */
  readonly pathMismatches: readonly CompiledRoute[];
  /** Routes of another listener domain than the request's (listener-domains.ts): never tried for it. */
  readonly otherDomains: readonly CompiledRoute[];
}

/** Tree keys per route, computed once: the reference matcher is naive about search, not about parsing. */
const keysOf = new WeakMap<CompiledRoute, readonly TreeKey[]>();
function cachedTreeKeys(compiled: CompiledRoute): readonly TreeKey[] {
  let keys = keysOf.get(compiled);
  if (!keys) keysOf.set(compiled, (keys = treeKeys(compiled.treePath!)));
  return keys;
}

/** `listener` is the request's (RoutingRequest.listener): only routes of its domain are candidates. */
export function referenceOrder(routes: readonly CompiledRoute[], segments: readonly string[], listener?: string): ReferenceOrder {
  const withPath: Candidate[] = [];
  const withoutPath: Candidate[] = [];
  const pathMismatches: CompiledRoute[] = [];
  const otherDomains: CompiledRoute[] = [];
  for (const compiled of routes) {
    if (compiled.narrowing.listener !== listener) {
      otherDomains.push(compiled);
      continue;
    }
    if (!compiled.treePath) {
      withoutPath.push(candidate(compiled, undefined));
      continue;
    }
    const key = cachedTreeKeys(compiled).find((candidate) => keyMatches(candidate, segments));
    if (key) withPath.push(candidate(compiled, key));
    else pathMismatches.push(compiled);
  }
  withPath.sort((a, b) => byTreeKey(a.key!.segments, b.key!.segments) || byPriority(a, b));
  withoutPath.sort(byPriority);
  return { candidates: [...withPath, ...withoutPath], pathMismatches, otherDomains };
}

/** The route the reference order chooses: the naive matcher the path tree is checked against. */
export function referenceLookup(table: RouteTable, request: RoutingRequest): RouteMatch | undefined {
  const segments = splitPath(request.path);
  const context = new RequestMatchContext(request, table.environment);
  const winner = referenceOrder(table.compiled, segments, request.listener).candidates.find(({ compiled }) => allMatch(compiled.matchers, context));
  if (!winner) return undefined;
  return { route: winner.compiled.route, params: winner.key ? captureParams(winner.key, request.path) : {} };
}
