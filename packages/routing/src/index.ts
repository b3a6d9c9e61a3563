export { ArgsError, type AnyPredicateSpec, type MatchContext, type Predicate, type PredicateEnvironment, type PredicateSpec, type TreePath } from "./predicate.js";
export { defaultPredicateRegistry, PredicateRegistry } from "./registry.js";
export { decodePath, HttpRoutingRequest, parseCookies, parseQuery, type HeaderValues, type RequestInit, type RoutingRequest } from "./request.js";
export { cleanPath } from "./clean-path.js";
export { RouteTable, type RejectedRoute, type RouteMatch, type RouteTableOptions } from "./table.js";
export type { CompiledRoute } from "./compile-route.js";
export { explain, type CandidateExplanation, type Explanation, type Verdict } from "./explain.js";
export { referenceLookup, referenceOrder, type ReferenceOrder } from "./reference-order.js";
export { hostKeysOf } from "./host-index.js";
