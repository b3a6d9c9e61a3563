import type { CompiledRoute } from "./compile-route.js";
import type { TreeKey } from "./path-pattern.js";

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
