import type { MatchContext, PredicateEnvironment } from "./predicate.js";
import type { RoutingRequest } from "./request.js";

/** The state of one lookup: TrafficSegment's one draw per request is taken when first needed. */
export class RequestMatchContext implements MatchContext {
  private draw = -1;

  constructor(
    public request: RoutingRequest,
    readonly environment: PredicateEnvironment,
  ) {}

  /** Starts the context over for another request; a table reuses one context for all lookups. */
  reset(request: RoutingRequest): this {
    this.request = request;
    this.draw = -1;
    return this;
  }

  trafficSegmentDraw(): number {
    if (this.draw < 0) this.draw = this.environment.random();
    return this.draw;
  }
}

export const systemEnvironment: PredicateEnvironment = {
  now: () => Date.now(),
  random: () => Math.random(),
};
