import type { CompiledRoute } from "./compile-route.js";
import type { TreeKey } from "./path-pattern.js";

/** A route at one place of the tree: the same route sits at several places for PathSubtree. */
export interface Candidate {
  readonly compiled: CompiledRoute;
  readonly key: TreeKey | undefined;
  /** Whether the key captures parameters; most do not, and their matches skip the capture. */
  readonly captures: boolean;
}

export function candidate(compiled: CompiledRoute, key: TreeKey | undefined, captures: boolean): Candidate {
  return { compiled, key, captures };
}

/** Skipper's order within a leaf: higher weight first; equal weights keep input order. */
export function byPriority(a: Candidate, b: Candidate): number {
  return b.compiled.weight - a.compiled.weight || a.compiled.index - b.compiled.index;
}
