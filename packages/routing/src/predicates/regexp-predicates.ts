import { stringArgs } from "../args.js";
import type { PredicateSpec } from "../predicate.js";
import { compileRe2 } from "../re2.js";

/** Host and PathRegexp: one RE2 regexp, unanchored unless anchored explicitly. */

export const hostPredicate: PredicateSpec<RegExp> = {
  name: "Host",
  args: (raw) => compileRe2(stringArgs(raw, { min: 1 }, "Host predicate expects 1 string argument")[0]!),
  create: (regexp) => ({ match: ({ request }) => regexp.test(request.host) }),
};

export const pathRegexpPredicate: PredicateSpec<RegExp> = {
  name: "PathRegexp",
  args: (raw) => compileRe2(stringArgs(raw, { min: 1 }, "PathRegexp predicate expects 1 string argument")[0]!),
  create: (regexp) => ({ match: ({ request }) => regexp.test(request.path) }),
};
