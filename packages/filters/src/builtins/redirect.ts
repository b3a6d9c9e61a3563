import { ArgsError, type Arg } from "@bosun/eskip";
import { invalidFilterParameters, type FilterSpec } from "../filter.js";
import { completeLocation, parseLocation, type Location } from "./location.js";
import { statusCodeArg } from "./status.js";

/**
 * redirectTo(code[, location]) and redirectToLower: serve `code` with a Location completed from the
 * request, and no body; the chain stops there (skipper-semantics §3.1, §3.3).
 */

interface RedirectArgs {
  readonly code: number;
  readonly location: Location;
}

function redirectArgs(raw: readonly Arg[]): RedirectArgs {
  if (raw.length < 1 || raw.length > 2) throw new ArgsError(invalidFilterParameters);
  const location = raw[1] ?? "";
  if (typeof location !== "string") throw new ArgsError(invalidFilterParameters);
  return { code: statusCodeArg(raw, 0), location: parseLocation(location) };
}

function redirectSpec(name: string, lower: boolean): FilterSpec<RedirectArgs> {
  return {
    name,
    args: redirectArgs,
    create: ({ code, location }) => ({
      request: (context) => {
        context.serve({ status: code, headers: { Location: completeLocation(location, context.request, lower) } });
      },
    }),
  };
}

export const redirectToFilter = redirectSpec("redirectTo", false);
export const redirectToLowerFilter = redirectSpec("redirectToLower", true);
