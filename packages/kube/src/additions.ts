import type { Call, Predicate, Route } from "@bosun/eskip";
import type { AnnotationAddition, CompileOptions } from "./options.js";

/**
 * What the options add to an object's routes (skipper-semantics §5.11): predicates and filters
 * for annotation values, and for internal (east-west range) hosts the range predicates first.
 */
export function withAdditions(route: Route, options: CompileOptions, annotations: Readonly<Record<string, string>>, internal: boolean): Route {
  const matching = (additions: readonly AnnotationAddition[]) =>
    additions.filter((addition) => annotations[addition.key] === addition.value).flatMap((addition) => addition.calls);
  const predicates: Predicate[] = internal
    ? [...options.eastWestRangePredicates, ...matching(options.eastWestRangeAnnotationPredicates)]
    : matching(options.annotationPredicates);
  const filters: Call[] = matching(internal ? options.eastWestRangeAnnotationFiltersAppend : options.annotationFiltersAppend);
  if (predicates.length === 0 && filters.length === 0) return route;
  return { ...route, predicates: [...route.predicates, ...predicates], filters: [...route.filters, ...filters] };
}

/** Whether a host is internal: it ends with one of the east-west range domains. */
export function isInternalHost(host: string, options: CompileOptions): boolean {
  return options.eastWestRangeDomains.some((domain) => host.endsWith(domain));
}
