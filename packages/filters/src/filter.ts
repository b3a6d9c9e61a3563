import type { Arg } from "@bosun/eskip";
import type { FilterContext } from "./context.js";
import type { RateLimiters } from "./ratelimit/limiters.js";

/**
 * The shape every filter has, built-in or a user's own (ARCHITECTURE.md, extension points). A spec
 * checks and types its arguments once, when the route table is built, and creates the filter that
 * runs on every request of the route.
 */
export interface FilterSpec<A = unknown> {
  /** The name as written in eskip: "setRequestHeader", "tee", … */
  readonly name: string;
  /** Validates and types the arguments; throws ArgsError with the reason. */
  args(raw: readonly Arg[]): A;
  create(args: A, environment: FilterEnvironment): Filter;
}

/**
 * A filter instance. The request phase runs left to right; the response phase runs, in reverse,
 * only for the filters whose request phase ran (skipper-semantics §3.1).
 */
export interface Filter {
  request?(context: FilterContext): void;
  response?(context: FilterContext): void;
}

/** What filters may use beside the request; the proxy keeps one for its lifetime. */
export interface FilterEnvironment {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Uniform in [0, 1). */
  random(): number;
  /** In-process rate limiters, shared by routes with identical settings and kept across reloads. */
  readonly rateLimiters: RateLimiters;
}

/** A spec of any argument type, as registries hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFilterSpec = FilterSpec<any>;

/** Skipper's generic creation error text (skipper-semantics §3.3). */
export const invalidFilterParameters = "invalid filter parameters";
