import type { AnyPredicateSpec, PredicateSpec } from "./predicate.js";
import { builtinPredicates } from "./predicates/builtins.js";

/** The predicates a route table can use, by name. Built-ins are added exactly as a user's own are. */
export class PredicateRegistry {
  private readonly specs = new Map<string, AnyPredicateSpec>();

  add<A>(spec: PredicateSpec<A>): this {
    if (this.specs.has(spec.name)) throw new Error(`predicate ${spec.name} is registered already`);
    this.specs.set(spec.name, spec);
    return this;
  }

  get(name: string): AnyPredicateSpec | undefined {
    return this.specs.get(name);
  }

  names(): string[] {
    return [...this.specs.keys()].sort();
  }
}

/** A registry holding every built-in predicate. */
export function defaultPredicateRegistry(): PredicateRegistry {
  const registry = new PredicateRegistry();
  for (const spec of builtinPredicates) registry.add(spec);
  return registry;
}
