export { Directives, type FilterContext, type FilterRequest, type FilterResponse, type MirrorRequest, type ServedResponse } from "./context.js";
export { invalidFilterParameters, type AnyFilterSpec, type Filter, type FilterEnvironment, type FilterSpec } from "./filter.js";
export { defaultFilterRegistry, FilterRegistry } from "./registry.js";
export { Template, type TemplateResult } from "./template.js";
export { RateLimiters } from "./ratelimit/limiters.js";
export { builtinFilters } from "./builtins/index.js";
export { parseDuration } from "./duration.js";
export { RateLimiter, type RateLimitSettings, type RateLimitersOptions } from "./ratelimit/limiters.js";
export { skipperFilterNames } from "./skipper-filter-names.js";
