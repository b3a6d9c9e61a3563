export type { Arg, Backend, BackendType, Call, Filter, LbEndpoint, ObjectOrigin, Predicate, Route, RouteOrigin, SourceOrigin } from "./ast.js";
export { describeOrigin } from "./ast.js";
export { EskipParseError, type EskipErrorCode, type EskipParseErrorDetails } from "./errors.js";
export {
  parse,
  parseDocument,
  parseFilters,
  parsePredicates,
  type EskipComment,
  type ParseOptions,
  type ParsedDocument,
} from "./parse.js";
export {
  printArg,
  printBackend,
  printCall,
  printFilters,
  printPredicates,
  printRegexp,
  printRoute,
  printRoutes,
  type PrintOptions,
} from "./print.js";
export { formatNumber } from "./numbers.js";
export { formatDocument } from "./format.js";
export { routesGeneration, routesGenerationWork } from "./generation.js";
export { runInSlices, runNow, WorkCancelled, type SlicedRun, type SliceOptions, type Work } from "./slices-of-work.js";
export { canonicalRoute, routeListsEqual, routesEqual } from "./canonical.js";
export { trafficChainPredicates, trafficSegmentPredicates, trafficSegments } from "./traffic-split.js";
export { ArgsError, numberArg, stringArgs, type ArgCount } from "./args.js";
export { compileRe2, translateRe2 } from "./re2.js";
export { NamedRegistry } from "./named-registry.js";
export { CallRegistry, type CallSpec, type CheckedCall } from "./call-registry.js";
export { editDistance, nearestNames } from "./unknown-name.js";
export { routePartOffsets, type RoutePartOffsets } from "./route-parts.js";
export { SourceText } from "./location.js";
export {
  describePlace,
  describeProblem,
  filePlace,
  originPlace,
  parseProblem,
  type FilePlace,
  type ObjectPlace,
  type OtherPlace,
  type Problem,
  type ProblemLevel,
  type ProblemPlace,
} from "./problem.js";
export type { GatewayListenerSpec, HostCertificate, RouteSnapshot, RouteSource, SnapshotSink } from "./route-source.js";
export { hostnameCovers, isWildcardHostname, listenerSpecificity } from "./gateway-hostnames.js";
