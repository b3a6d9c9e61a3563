import { ArgsError, type Arg } from "@bosun/eskip";
import { invalidFilterParameters, type FilterSpec } from "../filter.js";

/**
 * status(code): the response phase sets the status, whatever produced the response
 * (skipper-semantics §3.1: it does not serve, so a backend is still called).
 */

/**
 * A status code argument, truncated to an integer as Skipper's `int(code)` does. Codes outside
 * 100–999 are refused here: Go's WriteHeader panics on them, and Node's writeHead throws.
 */
export function statusCodeArg(raw: readonly Arg[], index: number): number {
  const value = raw[index];
  if (typeof value !== "number") throw new ArgsError(invalidFilterParameters);
  const code = Math.trunc(value);
  if (code < 100 || code > 999) throw new ArgsError(invalidFilterParameters);
  return code;
}

export const statusFilter: FilterSpec<number> = {
  name: "status",
  args: (raw) => {
    if (raw.length !== 1) throw new ArgsError(invalidFilterParameters);
    return statusCodeArg(raw, 0);
  },
  create: (code) => ({
    response: (context) => {
      context.response.status = code;
    },
  }),
};
