import { stringArgs } from "../args.js";
import type { PredicateSpec } from "../predicate.js";
import { compileRe2 } from "@bosun/eskip";

/** QueryParam(name) — present, even empty; QueryParam(name, rx) — some value matches. */
export const queryParamPredicate: PredicateSpec<{ name: string; regexp?: RegExp }> = {
  name: "QueryParam",
  args: (raw) => {
    const [name, source] = stringArgs(raw, { min: 1, max: 2 });
    return source === undefined ? { name: name! } : { name: name!, regexp: compileRe2(source) };
  },
  create: ({ name, regexp }) => ({ request }) => {
    const values = request.query(name);
    if (values === undefined) return false;
    return regexp === undefined || values.some((value) => regexp.test(value));
  },
};
