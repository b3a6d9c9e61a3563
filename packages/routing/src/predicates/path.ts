import { stringArgs } from "../args.js";
import type { PredicateSpec } from "../predicate.js";

/**
 * Path and PathSubtree place a route in the path tree (skipper-semantics §2.2); the tree does the
 * matching, so their matcher has nothing left to check.
 */
const alwaysTrue = { match: () => true };

export const pathPredicate: PredicateSpec<string> = {
  name: "Path",
  args: (raw) => stringArgs(raw, { min: 1 }, "Path predicate expects 1 string argument")[0]!,
  weight: () => 0,
  treePath: (pattern) => ({ kind: "path", pattern }),
  create: () => alwaysTrue,
};

export const pathSubtreePredicate: PredicateSpec<string> = {
  name: "PathSubtree",
  args: (raw) => stringArgs(raw, { min: 1 }, "PathSubtree predicate expects 1 string argument")[0]!,
  weight: () => 0,
  treePath: (pattern) => ({ kind: "subtree", pattern }),
  create: () => alwaysTrue,
};
