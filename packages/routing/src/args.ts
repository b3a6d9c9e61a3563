import { numberArg as eskipNumberArg, stringArgs as eskipStringArgs, type Arg, type ArgCount } from "@bosun/eskip";
import { invalidParameters } from "./predicate.js";

/** The eskip argument checks, with Skipper's predicate wording as the default reason. */

export function stringArgs(raw: readonly Arg[], count: ArgCount, reason = invalidParameters): string[] {
  return eskipStringArgs(raw, count, reason);
}

export function atLeastOneString(raw: readonly Arg[], reason = invalidParameters): string[] {
  return eskipStringArgs(raw, { min: 1, max: Infinity }, reason);
}

export function numberArg(raw: readonly Arg[], index: number, reason = invalidParameters): number {
  return eskipNumberArg(raw, index, reason);
}
