import type { MatchContext, PredicateEnvironment } from "./predicate.js";
import type { RoutingRequest } from "./request.js";

/** The state of one lookup: TrafficSegment's one draw per request is taken when first needed. */
export class RequestMatchContext implements MatchContext {
  private draw = -1;

  constructor(
    readonly request: RoutingRequest,
    readonly environment: PredicateEnvironment,
  ) {}

  trafficSegmentDraw(): number {
    if (this.draw < 0) this.draw = this.environment.random();
    return this.draw;
  }
}

export const systemEnvironment: PredicateEnvironment = {
  now: () => Date.now(),
  random: () => Math.random(),
};
