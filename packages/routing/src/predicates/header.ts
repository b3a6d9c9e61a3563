import { stringArgs } from "../args.js";
import type { PredicateSpec } from "../predicate.js";
import { compileRe2 } from "@bosun/eskip";

/**
 * Header and HeaderRegexp: some value of the header fits. Skipper keeps them in maps keyed by
 * header name, so each name adds 1 to the route weight however often it appears.
 */

export const headerPredicate: PredicateSpec<{ name: string; value: string }> = {
  name: "Header",
  args: (raw) => {
    const [name, value] = stringArgs(raw, { min: 2 }, "Header predicate expects 2 string arguments");
    return { name: name!, value: value! };
  },
  weightKey: ({ name }) => name.toLowerCase(),
  create: ({ name, value }) => {
    // Lowercased once here, so that the lookup of the header allocates nothing per request.
    const header = name.toLowerCase();
    return ({ request }) => request.header(header)?.includes(value) ?? false;
  },
};

export const headerRegexpPredicate: PredicateSpec<{ name: string; regexp: RegExp }> = {
  name: "HeaderRegexp",
  args: (raw) => {
    const [name, source] = stringArgs(raw, { min: 2 }, "HeaderRegexp predicate expects 2 string arguments");
    return { name: name!, regexp: compileRe2(source!) };
  },
  weightKey: ({ name }) => name.toLowerCase(),
  create: ({ name, regexp }) => {
    const header = name.toLowerCase();
    return ({ request }) => request.header(header)?.some((value) => regexp.test(value)) ?? false;
  },
};
