import { NamedRegistry } from "@bosun/eskip";
import type { AnyFilterSpec } from "./filter.js";
import { builtinFilters } from "./builtins/index.js";

/** Filter specs by name. Built-ins are added exactly as a user's own filter would be. */
export class FilterRegistry extends NamedRegistry<AnyFilterSpec> {
  constructor() {
    super("filter");
  }
}

export function defaultFilterRegistry(): FilterRegistry {
  const registry = new FilterRegistry();
  for (const spec of builtinFilters) registry.add(spec);
  return registry;
}
