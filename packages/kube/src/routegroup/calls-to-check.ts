import { EskipParseError, parseFilters, parsePredicates, type Call } from "@bosun/eskip";
import { callsToCheck, type RouteToCheck } from "../validate/field-problem.js";
import type { DecodedSpec } from "./decode.js";

interface Located {
  readonly call: Call;
  readonly field: string;
}

/** The one call an item holds; an item that does not parse to one is phase B's failure (§5.3), not checked again. */
function singleCall(item: string, parse: (text: string) => Call[]): Call | undefined {
  try {
    const calls = parse(item);
    return calls.length === 1 ? calls[0] : undefined;
  } catch (error) {
    if (error instanceof EskipParseError) return undefined;
    throw error;
  }
}

function locatedCalls(items: readonly string[], field: string, parse: (text: string) => Call[]): Located[] {
  return items.flatMap((item, j) => {
    const call = singleCall(item, parse);
    return call === undefined ? [] : [{ call, field: `${field}[${j}]` }];
  });
}

/** Per route of the group, its predicates (pathRegexp among them) and filters, for the route check. */
export function routeGroupCallsToCheck(spec: DecodedSpec): RouteToCheck[] {
  return (spec.routes ?? []).flatMap((route, i) => {
    if (route === null) return [];
    const at = `spec.routes[${i}]`;
    const pathRegexp: Located[] = route.pathRegexp === "" ? [] : [{ call: { name: "PathRegexp", args: [route.pathRegexp] }, field: `${at}.pathRegexp` }];
    const predicates = [...pathRegexp, ...locatedCalls(route.predicates, `${at}.predicates`, parsePredicates)];
    const filters = locatedCalls(route.filters, `${at}.filters`, parseFilters);
    return predicates.length + filters.length === 0 ? [] : [callsToCheck(predicates, filters)];
  });
}
