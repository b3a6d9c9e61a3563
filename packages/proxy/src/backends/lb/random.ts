import type { AlgorithmSpec } from "./algorithm.js";
import { endpointAt, randomIndex } from "./endpoint.js";

/** random: every pick drawn uniformly (skipper-semantics §4.5). */
export const random: AlgorithmSpec = {
  name: "random",
  create(endpoints, random) {
    return { pick: () => endpointAt(endpoints, randomIndex(random, endpoints.length)) };
  },
};
