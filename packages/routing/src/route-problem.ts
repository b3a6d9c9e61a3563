import type { Route } from "@bosun/eskip";

/** The part of a route a problem is in, so that a tool can point at it. */
export type RoutePart =
  | { readonly kind: "predicate" | "filter"; readonly index: number }
  | { readonly kind: "backend" };

/** One reason a route cannot be served. */
export interface RouteProblem {
  readonly reason: string;
  /** Undefined when the problem is the route as a whole (a repeated id, two tree predicates). */
  readonly part?: RoutePart;
}

export interface RejectedRoute {
  readonly route: Route;
  /** Every problem of the route, in the order of its parts. */
  readonly problems: readonly RouteProblem[];
  /** The problems in one line, for logs. */
  readonly reason: string;
}

export function rejectedRoute(route: Route, problems: readonly RouteProblem[]): RejectedRoute {
  return { route, problems, reason: problems.map((problem) => problem.reason).join("; ") };
}
