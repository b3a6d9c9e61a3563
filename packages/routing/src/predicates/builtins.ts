import type { AnyPredicateSpec } from "../predicate.js";
import { falsePredicate, truePredicate, weightPredicate } from "./constants.js";
import { contentLengthBetweenPredicate } from "./content-length.js";
import { cookiePredicate } from "./cookie.js";
import { headerPredicate, headerRegexpPredicate } from "./header.js";
import { hostAnyPredicate } from "./host-any.js";
import { listenerPredicate } from "./listener.js";
import { methodPredicate, methodsPredicate } from "./method.js";
import { pathPredicate, pathSubtreePredicate } from "./path.js";
import { queryParamPredicate } from "./query-param.js";
import { hostPredicate, pathRegexpPredicate } from "./regexp-predicates.js";
import { clientIpPredicate, sourceFromLastPredicate, sourcePredicateSpec } from "./source.js";
import { afterPredicate, beforePredicate, betweenPredicate } from "./time.js";
import { teePredicate } from "./tee.js";
import { trafficPredicate, trafficSegmentPredicate } from "./traffic.js";

/**
 * The built-in predicates of skipper-semantics §2.3, and bosun's own Listener (gateway-api §3.3),
 * which Skipper does not have: it is not in skipper-predicate-names.ts.
 */
export const builtinPredicates: readonly AnyPredicateSpec[] = [
  pathPredicate,
  pathSubtreePredicate,
  pathRegexpPredicate,
  hostPredicate,
  hostAnyPredicate,
  methodPredicate,
  methodsPredicate,
  headerPredicate,
  headerRegexpPredicate,
  cookiePredicate,
  queryParamPredicate,
  trafficPredicate,
  trafficSegmentPredicate,
  weightPredicate,
  truePredicate,
  falsePredicate,
  sourcePredicateSpec,
  sourceFromLastPredicate,
  clientIpPredicate,
  afterPredicate,
  beforePredicate,
  betweenPredicate,
  contentLengthBetweenPredicate,
  teePredicate,
  listenerPredicate,
];
