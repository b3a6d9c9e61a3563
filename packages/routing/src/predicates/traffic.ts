import type { Arg } from "@bosun/eskip";
import { ArgsError, invalidParameters, type PredicateSpec } from "../predicate.js";

/**
 * Traffic and TrafficSegment (skipper-semantics §2.3), the two ways to split traffic between
 * routes that are otherwise alike.
 */

interface TrafficArgs {
  readonly chance: number;
  /** The sticky form: a request carrying this cookie matches iff its value is the group. */
  readonly sticky?: { readonly cookie: string; readonly group: string };
}

export const trafficPredicate: PredicateSpec<TrafficArgs> = {
  name: "Traffic",
  args: (raw: readonly Arg[]) => {
    const [chance, cookie, group] = raw;
    if (typeof chance !== "number" || chance < 0 || chance > 1) throw new ArgsError(invalidParameters);
    if (raw.length === 1) return { chance };
    if (raw.length === 3 && typeof cookie === "string" && typeof group === "string") {
      return { chance, sticky: { cookie, group } };
    }
    throw new ArgsError(invalidParameters);
  },
  create: ({ chance, sticky }) => ({ request, environment }) => {
    if (sticky) {
      const value = request.cookie(sticky.cookie);
      if (value !== undefined) return value === sticky.group;
    }
    // A fresh draw for every evaluation, as Skipper's rand.Float64() < chance.
    return environment.random() < chance;
  },
};

interface Segment {
  readonly min: number;
  readonly max: number;
}

export const trafficSegmentPredicate: PredicateSpec<Segment> = {
  name: "TrafficSegment",
  args: (raw) => {
    const [min, max] = raw;
    if (raw.length !== 2 || typeof min !== "number" || typeof max !== "number") {
      throw new ArgsError(`${invalidParameters}: invalid number of arguments, expects two arguments`);
    }
    if (min < 0 || min > 1) throw new ArgsError(`${invalidParameters}: min is out of range`);
    if (max < 0 || max > 1) throw new ArgsError(`${invalidParameters}: max is out of range`);
    if (min > max) throw new ArgsError(`${invalidParameters}: invalid range`);
    return { min, max };
  },
  // Skipper gives TrafficSegment an extra weight of −1, so it adds 1 − 1 = 0.
  weight: () => 0,
  create: ({ min, max }) => (context) => {
    const draw = context.trafficSegmentDraw();
    return min <= draw && draw < max;
  },
};
