import type { AlgorithmSpec } from "./algorithm.js";
import { roundRobin } from "./round-robin.js";

/**
 * weightedRoundRobin: smooth weighted round robin over health-derived weights
 * (skipper-semantics §4.5). Bosun keeps no health data, so every weight is equal, and smooth
 * weighted round robin with equal weights visits the endpoints in turn: it is roundRobin.
 */
export const weightedRoundRobin: AlgorithmSpec = {
  name: "weightedRoundRobin",
  create: (endpoints, random) => roundRobin.create(endpoints, random),
};
