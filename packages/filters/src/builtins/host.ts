import { ArgsError } from "@bosun/eskip";
import { stringArgs } from "../args.js";
import { invalidFilterParameters, type FilterSpec } from "../filter.js";

/**
 * preserveHost("true"|"false"): this route's override of the proxy's preserve-host setting, which
 * decides the outgoing Host header (skipper-semantics §4.1).
 */
export const preserveHostFilter: FilterSpec<boolean> = {
  name: "preserveHost",
  args: (raw) => {
    const [value] = stringArgs(raw, { min: 1 });
    if (value !== "true" && value !== "false") throw new ArgsError(invalidFilterParameters);
    return value === "true";
  },
  create: (preserve) => ({
    request: (context) => {
      context.directives.preserveHost = preserve;
    },
  }),
};
