import type { Predicate } from "./ast.js";

/**
 * How a weighted split between otherwise equal routes is written in eskip (skipper-semantics
 * §5.8). Both forms give variant k the share w_k / Σw; all-zero weights count as equal.
 */

function effectiveWeights(weights: readonly number[]): number[] {
  return weights.every((weight) => weight === 0) ? weights.map(() => 1) : [...weights];
}

/**
 * Skipper's default form: variant k gets `Traffic(p_k)`, the chance among the variants not yet
 * taken, padded with `True()` so that earlier variants weigh more and are tried first. The last
 * variant with weight gets no predicate; a zero-weight one gets `Traffic(0)`.
 */
export function trafficChainPredicates(weights: readonly number[]): Predicate[][] {
  const effective = effectiveWeights(weights);
  let last = -1;
  effective.forEach((weight, i) => {
    if (weight > 0) last = i;
  });
  let remaining = effective.reduce((sum, weight) => sum + weight, 0);
  return effective.map((weight, k) => {
    const chance = k === last ? 1 : weight === 0 ? 0 : weight / remaining;
    remaining -= weight;
    if (chance === 1) return [];
    const padding = Math.max(effective.length - k - 2, 0);
    return [{ name: "Traffic", args: [chance] }, ...Array.from({ length: padding }, () => ({ name: "True", args: [] }))];
  });
}

/** The `[min, max)` share of [0, 1) each variant gets: consecutive, touching, covering [0, 1). */
export function trafficSegments(weights: readonly number[]): { min: number; max: number }[] {
  const effective = effectiveWeights(weights);
  const total = effective.reduce((sum, weight) => sum + weight, 0);
  let before = 0;
  return effective.map((weight) => {
    const min = before / total;
    before += weight;
    // The same expression for a segment's max and the next one's min: they are the same double.
    return { min, max: before / total };
  });
}

/** The segment form: `TrafficSegment(min, max)` per variant, none for a variant that takes all. */
export function trafficSegmentPredicates(weights: readonly number[]): Predicate[][] {
  return trafficSegments(weights).map(({ min, max }) =>
    min === 0 && max === 1 ? [] : [{ name: "TrafficSegment", args: [min, max] }],
  );
}
