/**
 * Every predicate name Skipper registers, so that a route using one bosun does not have yet is
 * told so, rather than taken for a typo.
 */
export const skipperPredicateNames: ReadonlySet<string> = new Set(
  `Path PathSubtree PathRegexp Host HostAny ForwardedHost ForwardedProtocol Weight True False Shutdown Method
  Methods Header HeaderRegexp HeaderSHA256 Cookie JWTPayloadAnyKV JWTPayloadAllKV JWTPayloadAnyKVRegexp
  JWTPayloadAllKVRegexp After Before Between Cron QueryParam Source SourceFromLast ClientIP Tee Traffic
  TrafficSegment ContentLengthBetween OTelBaggage Any`.split(/\s+/),
);
