import { ArgsError } from "@bosun/eskip";
import { stringArgs } from "../args.js";
import { invalidFilterParameters, type FilterSpec } from "../filter.js";
import { Template } from "../template.js";

/**
 * consistentHashKey(tpl) and consistentHashBalanceFactor(f): what the consistentHash algorithm
 * hashes instead of the client address, and its bounded-load factor (skipper-semantics §4.5).
 */

export const consistentHashKeyFilter: FilterSpec<Template> = {
  name: "consistentHashKey",
  args: (raw) => Template.parse(stringArgs(raw, { min: 1 })[0]!),
  create: (template) => ({
    request: (context) => {
      // An unresolved placeholder leaves the key unset, so the client address is hashed.
      const key = template.apply(context);
      if (key.complete) context.directives.consistentHashKey = key.value;
    },
  }),
};

export const consistentHashBalanceFactorFilter: FilterSpec<number> = {
  name: "consistentHashBalanceFactor",
  args: (raw) => {
    const [factor] = raw;
    if (raw.length !== 1 || typeof factor !== "number" || !(factor > 0)) throw new ArgsError(invalidFilterParameters);
    return factor;
  },
  create: (factor) => ({
    request: (context) => {
      context.directives.consistentHashBalanceFactor = factor;
    },
  }),
};
