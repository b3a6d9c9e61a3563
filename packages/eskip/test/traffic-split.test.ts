import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { printPredicates, trafficChainPredicates, trafficSegments } from "../src/index.js";

describe("the Traffic chain of skipper-semantics §5.8", () => {
  it.each([
    [[84, 42, 0, 0], ["Traffic(0.6666666666666666) && True() && True()", "*", "Traffic(0)", "Traffic(0)"]],
    [[6, 3, 1], ["Traffic(0.6) && True()", "Traffic(0.75)", "*"]],
    [[3, 1, 6], ["Traffic(0.3) && True()", "Traffic(0.14285714285714285)", "*"]],
    [[80, 20], ["Traffic(0.8)", "*"]],
    [[0, 0], ["Traffic(0.5)", "*"]],
    [[5], ["*"]],
  ])("weights %j", (weights, expected) => {
    expect(trafficChainPredicates(weights).map(printPredicates)).toEqual(expected);
  });

  it("gives each variant its share: the chance of reaching it times its Traffic value", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 8 }), (weights) => {
        const chains = trafficChainPredicates(weights);
        const effective = weights.every((w) => w === 0) ? weights.map(() => 1) : weights;
        const total = effective.reduce((a, b) => a + b, 0);
        let reach = 1;
        chains.forEach((predicates, k) => {
          const traffic = predicates.find((p) => p.name === "Traffic");
          const chance = traffic ? (traffic.args[0] as number) : 1;
          expect(reach * chance).toBeCloseTo(effective[k]! / total, 12);
          reach *= 1 - chance;
          // Earlier variants carry more predicates, so the route table tries them first.
          if (k > 0 && effective[k]! > 0) expect(predicates.length).toBeLessThanOrEqual(chains[k - 1]!.length);
        });
      }),
    );
  });
});

describe("traffic segments", () => {
  it("split 1/3 each with touching bounds", () => {
    expect(trafficSegments([1, 1, 1])).toEqual([
      { min: 0, max: 1 / 3 },
      { min: 1 / 3, max: 2 / 3 },
      { min: 2 / 3, max: 1 },
    ]);
  });
});
