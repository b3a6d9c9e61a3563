import type { AlgorithmSpec } from "./algorithm.js";
import { endpointAt, randomIndex } from "./endpoint.js";

/**
 * leastRequests: the endpoint with the fewest requests in flight; among equals, the first met
 * from a random start, so ties spread instead of always landing on the first endpoint.
 * skipper-semantics §4.5 divides in-flight by a health-derived weight; Bosun keeps no health
 * data, so every weight is equal and the plain count decides.
 */
export const leastRequests: AlgorithmSpec = {
  name: "leastRequests",
  create(endpoints, random) {
    return {
      pick() {
        const start = randomIndex(random, endpoints.length);
        let best = endpointAt(endpoints, start);
        for (let step = 1; step < endpoints.length; step++) {
          const candidate = endpointAt(endpoints, (start + step) % endpoints.length);
          if (candidate.inFlight < best.inFlight) best = candidate;
        }
        return best;
      },
    };
  },
};
