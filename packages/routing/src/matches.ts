import type { Route } from "@bosun/eskip";
import type { Candidate } from "./candidate.js";
import { captureParams } from "./path-pattern.js";

export interface RouteMatch {
  readonly route: Route;
  /** Path parameters: `:name` segments, wildcards, and `*` of PathSubtree. */
  readonly params: Readonly<Record<string, string>>;
}

const noParams: Readonly<Record<string, string>> = Object.freeze({});

/** What the index holds for each candidate: how to make its match for a request's path. */
export interface MatchMaker {
  /** Whose match it makes: a table of two layers compares the winners of both by it. */
  readonly candidate: Candidate;
  matchFor(path: string): RouteMatch;
}

/** The match of a candidate whose key captures nothing: the same for every request, made once. */
export class FixedMatch implements RouteMatch, MatchMaker {
  readonly params = noParams;
  readonly route: Route;

  constructor(readonly candidate: Candidate) {
    this.route = candidate.compiled.route;
  }

  matchFor(): RouteMatch {
    return this;
  }
}

export class ParamsMatchMaker implements MatchMaker {
  constructor(readonly candidate: Candidate) {}

  matchFor(path: string): RouteMatch {
    return new MatchWithParams(this.candidate, path);
  }
}

/**
 * A match whose params are cut out of the path only when asked for: most requests never need
 * them (only filters with path-parameter templates do), and a lookup waits on memory already.
 */
class MatchWithParams implements RouteMatch {
  private captured: Readonly<Record<string, string>> | undefined;

  constructor(
    private readonly candidate: Candidate,
    private readonly path: string,
  ) {}

  get route(): Route {
    return this.candidate.compiled.route;
  }

  get params(): Readonly<Record<string, string>> {
    this.captured ??= captureParams(this.candidate.key!, this.path);
    return this.captured;
  }
}
