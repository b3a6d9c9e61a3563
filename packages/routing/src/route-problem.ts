import { originPlace, type Problem, type Route } from "@bosun/eskip";

/** The part of a route a problem is in, so that a tool can point at it. */
export type RoutePart =
  | { readonly kind: "predicate" | "filter"; readonly index: number }
  | { readonly kind: "backend" };

/**
 * One reason a route cannot be served, relative to the route: `check` places it at the part's
 * line and column, `validate` at the part's field of its object.
 */
export interface RouteProblem {
  readonly reason: string;
  /** Undefined when the problem is the route as a whole (a repeated id, two tree predicates). */
  readonly part?: RoutePart;
  /** A route that lost to a later one with its id; otherwise the route is invalid. */
  readonly replaced?: true;
}

/** A rejection as bosun's one Problem shape, with the line Skipper logs for it. */
export interface RouteRejectionProblem extends Problem {
  readonly code: "invalid_route" | "replaced_route";
  /** `failed to process route <id>: <reason>`, Skipper's wording. */
  readonly message: string;
}

export interface RejectedRoute {
  readonly route: Route;
  /** Every problem of the route, in the order of its parts. */
  readonly problems: readonly RouteProblem[];
  /** The problems in one line, for logs. */
  readonly reason: string;
  /** The whole rejection, placed where the route was written (the admin listener, serve's log). */
  readonly problem: RouteRejectionProblem;
}

export function rejectedRoute(route: Route, problems: readonly RouteProblem[]): RejectedRoute {
  const reason = problems.map((problem) => problem.reason).join("; ");
  const problem: RouteRejectionProblem = {
    level: "error",
    place: route.origin === undefined ? { kind: "other", what: "routes" } : originPlace(route.origin),
    code: problems.length > 0 && problems.every((each) => each.replaced) ? "replaced_route" : "invalid_route",
    reason: `route "${route.id}": ${reason}`,
    message: `failed to process route ${route.id}: ${reason}`,
  };
  return { route, problems, reason, problem };
}
