import type { AlgorithmSpec } from "./algorithm.js";
import { endpointAt, randomIndex } from "./endpoint.js";

/**
 * roundRobin, the default: a random start, then the next endpoint on every pick
 * (skipper-semantics §4.5). As in Skipper, the index moves before it is read, so the first
 * pick is the endpoint after the drawn start, which is just as random.
 */
export const roundRobin: AlgorithmSpec = {
  name: "roundRobin",
  create(endpoints, random) {
    let index = randomIndex(random, endpoints.length);
    return {
      pick() {
        index = (index + 1) % endpoints.length;
        return endpointAt(endpoints, index);
      },
    };
  },
};
