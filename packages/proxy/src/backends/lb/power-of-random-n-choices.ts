import type { AlgorithmSpec } from "./algorithm.js";
import { endpointAt, randomIndex } from "./endpoint.js";

/** How many endpoints are drawn per pick; Skipper's powerOfRandomNChoicesDefaultN. */
const CHOICES = 2;

/**
 * powerOfRandomNChoices: draw two endpoints uniformly, with replacement, and take the one with
 * fewer requests in flight (skipper-semantics §4.5). On a tie the first draw wins, as in Skipper.
 */
export const powerOfRandomNChoices: AlgorithmSpec = {
  name: "powerOfRandomNChoices",
  create(endpoints, random) {
    const draw = () => endpointAt(endpoints, randomIndex(random, endpoints.length));
    return {
      pick() {
        let best = draw();
        for (let choice = 1; choice < CHOICES; choice++) {
          const candidate = draw();
          if (candidate.inFlight < best.inFlight) best = candidate;
        }
        return best;
      },
    };
  },
};
