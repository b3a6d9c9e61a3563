import { ArgsError, type Arg } from "@bosun/eskip";
import type { RoutingRequest } from "./request.js";

/**
 * The shape every predicate has, built-in or a user's own (ARCHITECTURE.md, extension points).
 * A spec checks and types its arguments once, when the table is built, and creates the matcher
 * that runs on the request path.
 */
export interface PredicateSpec<A = unknown> {
  /** The name as written in eskip: "Path", "Traffic", … */
  readonly name: string;
  /** Validates and types the arguments; throws ArgsError with the reason. */
  args(raw: readonly Arg[]): A;
  /**
   * What the predicate adds to the route's weight (skipper-semantics §2.2). Default 1.
   * Predicates Skipper keeps in maps count once per key: see `weightKey`.
   */
  weight?(args: A): number;
  /** Predicates with the same name and key add their weight only once (Header, HeaderRegexp). */
  weightKey?(args: A): string;
  /**
   * What a request must have for the predicate to match, in terms the table can index: the
   * route is then tried only for such requests. The predicate still decides the match.
   */
  narrows?(args: A): Narrowing | undefined;
  /** Path and PathSubtree place the route in the path tree instead of matching themselves. */
  treePath?(args: A): TreePath;
  create(args: A, environment: PredicateEnvironment): Predicate;
}

export interface Narrowing {
  /** The request's host, without port and trailing dot, is one of these. */
  readonly hosts?: readonly string[];
  /**
   * A request whose Host header is exactly one of `hosts` (no port, no trailing dot) matches:
   * the index then does the predicate's whole work, and a lookup skips it.
   */
  readonly matchesEveryHostKey?: boolean;
  /** The request path's first segment is this. */
  readonly firstPathSegment?: string;
  /**
   * The request came on this Gateway listener (`RoutingRequest.listener`): the route is in that
   * listener's domain of the table, which does the predicate's whole work, so a lookup never runs
   * it. A route without such a narrowing is only tried for requests that came on no listener.
   */
  readonly listener?: string;
}

/** The matcher a spec creates: hot-path code, called once per candidate route per request. */
export type Predicate = (context: MatchContext) => boolean;

/** Where a route sits in the path tree. */
export interface TreePath {
  readonly kind: "path" | "subtree";
  readonly pattern: string;
}

/** What predicates may use beside the request; tests pass their own clock and random source. */
export interface PredicateEnvironment {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Uniform in [0, 1). */
  random(): number;
}

/** One lookup of one request. */
export interface MatchContext {
  readonly request: RoutingRequest;
  readonly environment: PredicateEnvironment;
  /**
   * The one random number of this request that every TrafficSegment predicate sees
   * (skipper-semantics §2.3), drawn when first asked for.
   */
  trafficSegmentDraw(): number;
}

/** A predicate's arguments do not fit; the message is the reason Skipper's users know. */
export { ArgsError };

/** Skipper's generic creation error text. */
export const invalidParameters = "invalid predicate parameters";

/** A spec of any argument type, as registries hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPredicateSpec = PredicateSpec<any>;

/**
 * Whether every predicate of `list[start, end)` matches, stopping at the first that does not. The
 * list may hold other things outside the range (the candidate index keeps payloads beside them).
 */
export function allMatchIn(list: readonly unknown[], start: number, end: number, context: MatchContext): boolean {
  for (let i = start; i < end; i++) {
    if (!(list[i] as Predicate)(context)) return false;
  }
  return true;
}

export function allMatch(predicates: readonly Predicate[], context: MatchContext): boolean {
  return allMatchIn(predicates, 0, predicates.length, context);
}
