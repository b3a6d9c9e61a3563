import { trafficChainPredicates, trafficSegmentPredicates, type Predicate } from "@bosun/eskip";
import type { CompileOptions } from "./options.js";

/** The traffic predicates of each backend of a weighted list (skipper-semantics §5.8). */
export function trafficPredicatesOf(weights: readonly number[], algorithm: CompileOptions["backendTrafficAlgorithm"]): Predicate[][] {
  return algorithm === "traffic-segment-predicate" ? trafficSegmentPredicates(weights) : trafficChainPredicates(weights);
}
