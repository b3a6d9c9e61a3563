import { printCall, type RouteOrigin } from "@bosun/eskip";
import { RequestMatchContext } from "./match-context.js";
import { captureParams, splitPath } from "./path-pattern.js";
import { referenceOrder } from "./reference-order.js";
import type { RoutingRequest } from "./request.js";
import type { RejectedRoute } from "./route-problem.js";
import type { RouteTable } from "./table.js";

/**
 * Why a request goes where it goes: the winning route, and for every other route the first
 * predicate that turned the request away, or the route that came first.
 */

export type Verdict = "chosen" | "outranked" | "rejected";

export interface CandidateExplanation {
  readonly id: string;
  readonly verdict: Verdict;
  readonly weight: number;
  /**
   * The predicate, as eskip, that did not match (verdict "rejected"); for a route without Listener
   * and a request that came on a Gateway listener, that listener.
   */
  readonly rejectedBy?: string;
  readonly origin?: RouteOrigin;
}

export interface Explanation {
  /** The id of the route the request goes to, or null when no route matches. */
  readonly route: string | null;
  readonly params: Readonly<Record<string, string>>;
  readonly request: { readonly method: string; readonly host: string; readonly path: string; readonly query: string; readonly listener?: string };
  /**
   * Every route of the table: those of the request's listener domain whose path fits, in priority
   * order, then the others of that domain, then the routes of other domains.
   */
  readonly candidates: readonly CandidateExplanation[];
  /** Routes the table could not use, with the reason. */
  readonly unusable: readonly { readonly id: string; readonly reason: string }[];
  /** Said when random predicates took part: the explanation made its own draws. */
  readonly note?: string;
}

const randomPredicates = new Set(["Traffic", "TrafficSegment"]);

/**
 * `rejected` are the routes left out of the table, by it or before it (the proxy rejects routes
 * whose filters or backend it cannot make): they are listed, never chosen.
 */
export function explain(table: RouteTable, request: RoutingRequest, rejected: readonly RejectedRoute[] = table.rejected): Explanation {
  const segments = splitPath(request.path);
  const order = referenceOrder(table.compiled, segments, request.listener);
  const context = new RequestMatchContext(request, table.environment);
  const candidates: CandidateExplanation[] = [];
  let winner: (typeof order.candidates)[number] | undefined;
  let random = false;
  for (const candidate of order.candidates) {
    const { compiled } = candidate;
    random ||= compiled.checks.some((check) => randomPredicates.has(check.call.name));
    const failed = compiled.checks.find((check) => !check.predicate(context));
    const verdict: Verdict = failed ? "rejected" : winner ? "outranked" : "chosen";
    if (verdict === "chosen") winner = candidate;
    candidates.push(describe(compiled.route.id, verdict, compiled.weight, compiled.route.origin, failed && printCall(failed.call)));
  }
  for (const compiled of order.pathMismatches) {
    const pathCall = compiled.route.predicates.find((call) => call.name === "Path" || call.name === "PathSubtree");
    candidates.push(describe(compiled.route.id, "rejected", compiled.weight, compiled.route.origin, pathCall && printCall(pathCall)));
  }
  for (const compiled of order.otherDomains) {
    const rejectedBy = compiled.listenerCheck ? printCall(compiled.listenerCheck.call) : `the listener ${request.listener}: the route has no Listener predicate`;
    candidates.push(describe(compiled.route.id, "rejected", compiled.weight, compiled.route.origin, rejectedBy));
  }
  return {
    route: winner ? winner.compiled.route.id : null,
    params: winner?.key ? captureParams(winner.key, request.path) : {},
    request: { method: request.method, host: request.host, path: request.path, query: request.rawQuery, ...(request.listener === undefined ? {} : { listener: request.listener }) },
    candidates,
    unusable: rejected.map(({ route, reason }) => ({ id: route.id, reason })),
    ...(random ? { note: "Traffic and TrafficSegment draw at random: this explanation made its own draws" } : {}),
  };
}

function describe(id: string, verdict: Verdict, weight: number, origin: RouteOrigin | undefined, rejectedBy: string | undefined): CandidateExplanation {
  return {
    id,
    verdict,
    weight,
    ...(rejectedBy === undefined ? {} : { rejectedBy }),
    ...(origin === undefined ? {} : { origin }),
  };
}
