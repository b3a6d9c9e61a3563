import { stringArgs } from "../args.js";
import type { PredicateSpec } from "../predicate.js";
import { compileRe2 } from "@bosun/eskip";

/** Cookie(name, rx): the cookie is present and its value matches rx (unanchored). */
export const cookiePredicate: PredicateSpec<{ name: string; regexp: RegExp }> = {
  name: "Cookie",
  args: (raw) => {
    const [name, source] = stringArgs(raw, { min: 2 });
    return { name: name!, regexp: compileRe2(source!) };
  },
  create: ({ name, regexp }) => ({ request }) => {
    const value = request.cookie(name);
    return value !== undefined && regexp.test(value);
  },
};
