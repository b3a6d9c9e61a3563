import { stringArgs } from "../args.js";
import type { PredicateSpec, TreePath } from "../predicate.js";

/**
 * Path and PathSubtree place a route in the path tree (skipper-semantics §2.2); the tree does the
 * matching, so their matcher has nothing left to check, and they add nothing to the weight.
 */
const alwaysTrue = () => true;

function treePredicate(name: string, kind: TreePath["kind"]): PredicateSpec<string> {
  return {
    name,
    args: (raw) => stringArgs(raw, { min: 1 }, `${name} predicate expects 1 string argument`)[0]!,
    weight: () => 0,
    treePath: (pattern) => ({ kind, pattern }),
    create: () => alwaysTrue,
  };
}

export const pathPredicate = treePredicate("Path", "path");
export const pathSubtreePredicate = treePredicate("PathSubtree", "subtree");
