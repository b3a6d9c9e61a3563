import { stringArgs } from "../args.js";
import type { PredicateSpec } from "../predicate.js";
import { hostKeysOf } from "../host-index.js";
import { compileRe2 } from "@bosun/eskip";
import { firstSegmentOfPathRegexp } from "../regexp-text.js";

/** Host and PathRegexp: one RE2 regexp, unanchored unless anchored explicitly. */

export const hostPredicate: PredicateSpec<RegExp> = {
  name: "Host",
  args: (raw) => compileRe2(stringArgs(raw, { min: 1 }, "Host predicate expects 1 string argument")[0]!),
  narrows: (regexp) => {
    const hosts = regexp.flags === "" ? hostKeysOf(regexp.source) : undefined;
    // Every shape hostKeysOf reads matches its bare host names.
    return hosts && { hosts, matchesEveryHostKey: true };
  },
  create: (regexp) => ({ request }) => regexp.test(request.host),
};

export const pathRegexpPredicate: PredicateSpec<RegExp> = {
  name: "PathRegexp",
  args: (raw) => compileRe2(stringArgs(raw, { min: 1 }, "PathRegexp predicate expects 1 string argument")[0]!),
  narrows: (regexp) => {
    const firstPathSegment = regexp.flags === "" ? firstSegmentOfPathRegexp(regexp.source) : undefined;
    return firstPathSegment === undefined ? undefined : { firstPathSegment };
  },
  create: (regexp) => ({ request }) => regexp.test(request.path),
};
