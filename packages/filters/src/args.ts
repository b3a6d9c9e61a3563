import { numberArg as eskipNumberArg, stringArgs as eskipStringArgs, type Arg, type ArgCount } from "@bosun/eskip";
import { invalidFilterParameters } from "./filter.js";

/** The eskip argument checks, with Skipper's filter wording as the reason. */

export function stringArgs(raw: readonly Arg[], count: ArgCount): string[] {
  return eskipStringArgs(raw, count, invalidFilterParameters);
}

export function numberArg(raw: readonly Arg[], index: number): number {
  return eskipNumberArg(raw, index, invalidFilterParameters);
}
