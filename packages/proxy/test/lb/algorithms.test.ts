import { describe, expect, it } from "vitest";
import { defaultAlgorithms, Endpoint, type Balancer } from "../../src/backends/lb/index.js";
import { endpoints, seededRandom } from "./support.js";

const registry = defaultAlgorithms();
const input = { clientAddress: "192.168.0.1" };

function balancer(name: string, eps: readonly Endpoint[], random = seededRandom(1)): Balancer {
  const spec = registry.get(name);
  if (spec === undefined) throw new Error(`no algorithm ${name}`);
  return spec.create(eps, random);
}

/** How often each endpoint is picked in `picks` picks, in endpoint order. */
function counts(b: Balancer, eps: readonly Endpoint[], picks: number): number[] {
  const tally = new Map<Endpoint, number>(eps.map((ep) => [ep, 0]));
  for (let i = 0; i < picks; i++) {
    const ep = b.pick(input);
    tally.set(ep, (tally.get(ep) ?? 0) + 1);
  }
  return eps.map((ep) => tally.get(ep) ?? 0);
}

describe("algorithm registry (skipper-semantics §4.5)", () => {
  it("holds every built-in by its eskip name", () => {
    expect(registry.names()).toEqual(
      ["consistentHash", "leastRequests", "powerOfRandomNChoices", "random", "roundRobin", "weightedRoundRobin"].sort(),
    );
  });

  it("refuses a second algorithm of the same name", () => {
    const roundRobin = registry.get("roundRobin");
    expect(roundRobin).toBeDefined();
    if (roundRobin !== undefined) expect(() => registry.add(roundRobin)).toThrow(/registered already/);
  });

  it.each(registry.names())("%s always picks a single endpoint without drawing", (name) => {
    const only = endpoints(1);
    const random = () => {
      throw new Error("a single endpoint must not draw");
    };
    const b = balancer(name, only, random);
    for (let i = 0; i < 5; i++) expect(b.pick({ clientAddress: `10.0.0.${i}`, balanceFactor: 1.25 })).toBe(only[0]);
  });

  it.each(registry.names())("%s refuses an empty endpoint list", (name) => {
    expect(() => balancer(name, [])).toThrow(/needs an endpoint/);
  });

  it.each(registry.names())("%s only ever picks one of its endpoints", (name) => {
    const eps = endpoints(5);
    const b = balancer(name, eps);
    for (let i = 0; i < 200; i++) expect(eps).toContain(b.pick({ clientAddress: `10.0.0.${i}` }));
  });
});

describe.each(["roundRobin", "weightedRoundRobin"])("%s", (name) => {
  it("visits the endpoints in order from the drawn start", () => {
    const eps = endpoints(4);
    // 0.5 draws start index 2; as in Skipper the index moves before it is read.
    const b = balancer(name, eps, () => 0.5);
    expect(Array.from({ length: 8 }, () => eps.indexOf(b.pick(input)))).toEqual([3, 0, 1, 2, 3, 0, 1, 2]);
  });

  it("starts at a random place and then cycles through all endpoints", () => {
    const eps = endpoints(5);
    const firsts = new Set<number>();
    for (let seed = 1; seed <= 50; seed++) {
      const b = balancer(name, eps, seededRandom(seed));
      const picks = Array.from({ length: 10 }, () => eps.indexOf(b.pick(input)));
      const first = picks[0] ?? -1;
      firsts.add(first);
      expect(picks).toEqual(picks.map((_, i) => (first + i) % eps.length));
    }
    expect(firsts.size).toBe(eps.length);
  });
});

describe("random", () => {
  it("picks every endpoint about equally often", () => {
    const eps = endpoints(4);
    // 40 000 picks: 10 000 expected each, standard deviation about 87.
    for (const count of counts(balancer("random", eps, seededRandom(7)), eps, 40_000)) {
      expect(count).toBeGreaterThan(9_500);
      expect(count).toBeLessThan(10_500);
    }
  });

  it("copes with a source that returns exactly 1", () => {
    const eps = endpoints(3);
    expect(balancer("random", eps, () => 1).pick(input)).toBe(eps[2]);
  });
});

describe("powerOfRandomNChoices", () => {
  it("of two draws, takes the one with fewer requests in flight", () => {
    const eps = endpoints(4);
    const [a, b] = [eps[0], eps[3]];
    if (a === undefined || b === undefined) throw new Error("four endpoints expected");
    a.inFlight = 5;
    const draws = [0, 0.9]; // endpoint 0, then endpoint 3
    const chooser = balancer("powerOfRandomNChoices", eps, () => draws.shift() ?? 0);
    expect(chooser.pick(input)).toBe(b);
  });

  it("keeps the first draw on a tie, as Skipper does", () => {
    const eps = endpoints(4);
    const draws = [0.9, 0];
    expect(balancer("powerOfRandomNChoices", eps, () => draws.shift() ?? 0).pick(input)).toBe(eps[3]);
  });

  it("sends fewer requests to a busy endpoint", () => {
    const eps = endpoints(4);
    const busy = eps[1];
    if (busy === undefined) throw new Error("four endpoints expected");
    busy.inFlight = 10;
    const tally = counts(balancer("powerOfRandomNChoices", eps, seededRandom(3)), eps, 10_000);
    // The busy endpoint wins only when drawn twice: 1/16 of the picks.
    expect(tally[1]).toBeLessThan(1_000);
    for (const i of [0, 2, 3]) expect(tally[i]).toBeGreaterThan(2_500);
  });
});

describe("leastRequests", () => {
  it("picks the endpoint with the fewest requests in flight", () => {
    const eps = endpoints(4);
    eps.forEach((ep, i) => (ep.inFlight = [3, 1, 4, 2][i] ?? 0));
    const b = balancer("leastRequests", eps, seededRandom(5));
    for (let i = 0; i < 20; i++) expect(b.pick(input)).toBe(eps[1]);
  });

  it("spreads ties from a random start", () => {
    const eps = endpoints(4);
    for (const count of counts(balancer("leastRequests", eps, seededRandom(11)), eps, 8_000)) {
      expect(count).toBeGreaterThan(1_600);
    }
  });
});
