import type { CompiledRoute } from "./compile-route.js";
import type { PatternSegment, TreeKey } from "./path-pattern.js";

/** A route at one place of the tree: the same route sits at several places for PathSubtree. */
export interface Candidate {
  readonly compiled: CompiledRoute;
  /** Where in the tree; undefined for a route without Path or PathSubtree. */
  readonly key: TreeKey | undefined;
}

export function candidate(compiled: CompiledRoute, key: TreeKey | undefined): Candidate {
  return { compiled, key };
}

/** Skipper's order within a leaf: higher weight first; equal weights keep input order. */
export function byPriority(a: Candidate, b: Candidate): number {
  return b.compiled.weight - a.compiled.weight || a.compiled.index - b.compiled.index;
}

/** Static segments outrank `:param`, which outranks the catch-all, position by position. */
const kindRank: Readonly<Record<PatternSegment["kind"], number>> = { static: 0, param: 1, catchAll: 2 };

/** The order of two tree keys that fit the same path: the order in which the path tree visits them. */
export function byTreeKey(a: readonly PatternSegment[], b: readonly PatternSegment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const difference = kindRank[a[i]!.kind] - kindRank[b[i]!.kind];
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Skipper's order of two candidates that both fit one request (skipper-semantics §2.2): by tree
 * key, a route with a path before one without, then by priority.
 */
export function byLookupOrder(a: Candidate, b: Candidate): number {
  if (a.key && b.key) return byTreeKey(a.key.segments, b.key.segments) || byPriority(a, b);
  if (a.key || b.key) return a.key ? -1 : 1;
  return byPriority(a, b);
}
