import type { AnyFilterSpec } from "./filter.js";
import { builtinFilters } from "./builtins/index.js";

/** Filter specs by name. Built-ins are added exactly as a user's own filter would be. */
export class FilterRegistry {
  private readonly specs = new Map<string, AnyFilterSpec>();

  add(spec: AnyFilterSpec): this {
    this.specs.set(spec.name, spec);
    return this;
  }

  get(name: string): AnyFilterSpec | undefined {
    return this.specs.get(name);
  }

  names(): string[] {
    return [...this.specs.keys()];
  }
}

export function defaultFilterRegistry(): FilterRegistry {
  const registry = new FilterRegistry();
  for (const spec of builtinFilters) registry.add(spec);
  return registry;
}
