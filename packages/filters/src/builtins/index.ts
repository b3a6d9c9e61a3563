import type { AnyFilterSpec } from "../filter.js";

/** Every built-in filter spec, registered by defaultFilterRegistry. */
export const builtinFilters: readonly AnyFilterSpec[] = [];
