import type { Route } from "@bosun/eskip";

/** One problem `bosun validate` finds in an object, at a field of it. */
export interface FieldProblem {
  /** `spec.routes[0].backends[1].backendName`; "" for the object as a whole. */
  readonly fieldPath: string;
  readonly reason: string;
  /** A warning is worth knowing but leaves the object valid. */
  readonly severity: "error" | "warning";
}

export const error = (fieldPath: string, reason: string): FieldProblem => ({ fieldPath, reason, severity: "error" });
export const warning = (fieldPath: string, reason: string): FieldProblem => ({ fieldPath, reason, severity: "warning" });

/**
 * The calls of an object written as eskip (predicates, filters, annotation routes), as one route
 * for the route check, which only the caller has (kube never depends on the proxy). Each part
 * carries the field it came from, so a problem the check finds points into the object.
 */
export interface RouteToCheck {
  readonly route: Route;
  readonly predicateFields: readonly string[];
  readonly filterFields: readonly string[];
  /** The field of the route's backend; undefined when the backend only stands in (a shunt). */
  readonly backendField: string | undefined;
  /** Put before each problem when the field holds several routes: `route "r1"`. */
  readonly label: string | undefined;
}

/** A route of the given calls that only stands in for the object's own backend. */
export function callsToCheck(predicates: readonly { call: Route["predicates"][number]; field: string }[], filters: readonly { call: Route["filters"][number]; field: string }[]): RouteToCheck {
  return {
    route: { id: "", predicates: predicates.map((entry) => entry.call), filters: filters.map((entry) => entry.call), backend: { type: "shunt" } },
    predicateFields: predicates.map((entry) => entry.field),
    filterFields: filters.map((entry) => entry.field),
    backendField: undefined,
    label: undefined,
  };
}
