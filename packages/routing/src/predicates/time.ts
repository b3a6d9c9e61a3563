import type { Arg } from "@bosun/eskip";
import { ArgsError, invalidParameters, type PredicateSpec } from "../predicate.js";

/**
 * After, Before and Between compare the clock with instants given as RFC 3339 strings, unix
 * seconds, or RFC 3339 without offset plus an IANA time zone as the last argument.
 */

function offsetOf(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(epochMs));
  const field = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  const asUtc = Date.UTC(field("year"), field("month") - 1, field("day"), field("hour"), field("minute"), field("second"));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const rfc3339Local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;

function instant(arg: Arg | undefined, timeZone: string | undefined): number {
  if (typeof arg === "number") return arg * 1000;
  if (typeof arg !== "string") throw new ArgsError(invalidParameters);
  if (timeZone === undefined) {
    if (!rfc3339.test(arg)) throw new ArgsError(invalidParameters);
    return Date.parse(arg);
  }
  if (!rfc3339Local.test(arg)) throw new ArgsError(invalidParameters);
  const guess = Date.parse(`${arg}Z`);
  // Two rounds settle the zone's offset also next to a daylight-saving change.
  const first = guess - offsetOf(guess, timeZone);
  return guess - offsetOf(first, timeZone);
}

/** Splits off a trailing time-zone argument when the predicate has one more argument than instants. */
function instants(raw: readonly Arg[], count: number): number[] {
  if (raw.length !== count && raw.length !== count + 1) throw new ArgsError(invalidParameters);
  let timeZone: string | undefined;
  if (raw.length === count + 1) {
    const zone = raw[count];
    if (typeof zone !== "string") throw new ArgsError(invalidParameters);
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
    } catch {
      throw new ArgsError(`${invalidParameters}: unknown time zone ${zone}`);
    }
    timeZone = zone;
  }
  return raw.slice(0, count).map((arg) => instant(arg, timeZone));
}

export const afterPredicate: PredicateSpec<number> = {
  name: "After",
  args: (raw) => instants(raw, 1)[0]!,
  create: (after, environment) => () => environment.now() >= after,
};

export const beforePredicate: PredicateSpec<number> = {
  name: "Before",
  args: (raw) => instants(raw, 1)[0]!,
  create: (before, environment) => () => environment.now() < before,
};

export const betweenPredicate: PredicateSpec<{ from: number; until: number }> = {
  name: "Between",
  args: (raw) => {
    const [from, until] = instants(raw, 2) as [number, number];
    if (!(from < until)) throw new ArgsError(invalidParameters);
    return { from, until };
  },
  create: ({ from, until }, environment) => () => {
    const now = environment.now();
    return from <= now && now < until;
  },
};
