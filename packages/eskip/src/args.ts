import type { Arg } from "./ast.js";

/**
 * Argument checks for the specs of predicates and filters, which take the same eskip arguments
 * and reject them the same way: an ArgsError whose message is the reason Skipper's users know.
 */

export class ArgsError extends Error {
  override readonly name = "ArgsError";
  readonly code = "BOSUN_ARGS";
}

export interface ArgCount {
  readonly min: number;
  readonly max?: number;
}

/** All arguments strings, `count.min` to `count.max` (default `min`) of them. */
export function stringArgs(raw: readonly Arg[], count: ArgCount, reason: string): string[] {
  const max = count.max ?? count.min;
  if (raw.length < count.min || raw.length > max || raw.some((arg) => typeof arg !== "string")) {
    throw new ArgsError(reason);
  }
  return raw as string[];
}

export function numberArg(raw: readonly Arg[], index: number, reason: string): number {
  const value = raw[index];
  if (typeof value !== "number") throw new ArgsError(reason);
  return value;
}
