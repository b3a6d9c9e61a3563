import type { Arg } from "@bosun/eskip";
import { ArgsError, invalidParameters } from "./predicate.js";

/** Argument checks shared by predicate specs. */

export function stringArgs(raw: readonly Arg[], count: { min: number; max?: number }, reason = invalidParameters): string[] {
  const max = count.max ?? count.min;
  if (raw.length < count.min || raw.length > max || raw.some((arg) => typeof arg !== "string")) {
    throw new ArgsError(reason);
  }
  return raw as string[];
}

export function atLeastOneString(raw: readonly Arg[], reason = invalidParameters): string[] {
  return stringArgs(raw, { min: 1, max: Infinity }, reason);
}

export function numberArg(raw: readonly Arg[], index: number, reason = invalidParameters): number {
  const value = raw[index];
  if (typeof value !== "number") throw new ArgsError(reason);
  return value;
}
