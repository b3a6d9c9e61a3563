import { CallRegistry } from "@bosun/eskip";
import type { AnyPredicateSpec, PredicateSpec } from "./predicate.js";
import { builtinPredicates } from "./predicates/builtins.js";
import { skipperPredicateNames } from "./predicates/skipper-predicate-names.js";

/** The predicates a route table can use, by name. Built-ins are added exactly as a user's own are. */
export class PredicateRegistry extends CallRegistry<AnyPredicateSpec> {
  constructor() {
    super("predicate", skipperPredicateNames);
  }

  /** Typed, so that a user's spec checks its `create` against what its `args` returns. */
  override add<A>(spec: PredicateSpec<A>): this {
    return super.add(spec);
  }
}

/** A registry holding every built-in predicate. */
export function defaultPredicateRegistry(): PredicateRegistry {
  const registry = new PredicateRegistry();
  for (const spec of builtinPredicates) registry.add(spec);
  return registry;
}
