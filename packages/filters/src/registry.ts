import { CallRegistry } from "@bosun/eskip";
import type { AnyFilterSpec } from "./filter.js";
import { builtinFilters } from "./builtins/index.js";
import { skipperFilterNames } from "./skipper-filter-names.js";

/** Filter specs by name. Built-ins are added exactly as a user's own filter would be. */
export class FilterRegistry extends CallRegistry<AnyFilterSpec> {
  constructor() {
    super("filter", skipperFilterNames);
  }
}

export function defaultFilterRegistry(): FilterRegistry {
  const registry = new FilterRegistry();
  for (const spec of builtinFilters) registry.add(spec);
  return registry;
}
