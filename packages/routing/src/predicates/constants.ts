import { numberArg } from "../args.js";
import type { PredicateSpec } from "../predicate.js";

/** True() and False() ignore their arguments; both count 1 towards the route weight. */
export const truePredicate: PredicateSpec<null> = {
  name: "True",
  args: () => null,
  create: () => () => true,
};

export const falsePredicate: PredicateSpec<null> = {
  name: "False",
  args: () => null,
  create: () => () => false,
};

/** Weight(n) matches everything and adds int(n) to the route weight, instead of 1. */
export const weightPredicate: PredicateSpec<number> = {
  name: "Weight",
  args: (raw) => Math.trunc(numberArg(raw, 0, "invalid argument for the Weight predicate")),
  weight: (weight) => weight,
  create: () => () => true,
};
