import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { consistentHash, Endpoint, shortCircuitSingleEndpoint, type BalanceInput } from "../../src/backends/lb/index.js";
import { clientAddress, endpoints } from "./support.js";

const noRandom = () => 0;
const ring = (eps: readonly Endpoint[]) => shortCircuitSingleEndpoint(consistentHash).create(eps, noRandom);

describe("consistentHash (skipper-semantics §4.5)", () => {
  it("sends the same key to the same endpoint, also from a ring built again", () => {
    const eps = endpoints(4);
    const first = ring(eps);
    const second = ring(eps);
    fc.assert(
      fc.property(fc.string(), (key) => {
        const chosen = first.pick({ clientAddress: key });
        return first.pick({ clientAddress: key }) === chosen && second.pick({ clientAddress: key }) === chosen;
      }),
    );
  });

  it("picks the endpoint owning a point when the key is that point's text (Skipper's TestConsistentHashKey)", () => {
    const eps = endpoints(3);
    const b = ring(eps);
    for (const ep of eps) expect(b.pick({ clientAddress: "x", hashKey: `${ep.url}-1` })).toBe(ep);
  });

  it("hashes consistentHashKey's value instead of the client address when set", () => {
    const eps = endpoints(4);
    const b = ring(eps);
    for (let i = 0; i < 100; i++) {
      const key = clientAddress(i);
      expect(b.pick({ clientAddress: "203.0.113.9", hashKey: key })).toBe(b.pick({ clientAddress: key }));
    }
  });

  it("spreads 10 000 client addresses evenly enough over 4 endpoints", () => {
    const eps = endpoints(4);
    const b = ring(eps);
    const tally = new Map<Endpoint, number>();
    for (let i = 0; i < 10_000; i++) {
      const ep = b.pick({ clientAddress: clientAddress(i) });
      tally.set(ep, (tally.get(ep) ?? 0) + 1);
    }
    for (const ep of eps) {
      expect(tally.get(ep) ?? 0).toBeGreaterThan(1_500);
      expect(tally.get(ep) ?? 0).toBeLessThan(3_500);
    }
  });

  it("moves only about 1/n of the keys when an endpoint is added", () => {
    const before = ring(endpoints(4));
    const after = ring(endpoints(5));
    let moved = 0;
    for (let i = 0; i < 10_000; i++) {
      const key = { clientAddress: clientAddress(i) };
      if (before.pick(key).url !== after.pick(key).url) moved++;
    }
    expect(moved).toBeLessThan(4_000);
    // No key moves between the old endpoints: all of them move to the new one.
    for (let i = 0; i < 10_000; i++) {
      const key = { clientAddress: clientAddress(i) };
      const now = after.pick(key).url;
      if (before.pick(key).url !== now) expect(now).toBe("http://10.2.0.5:8080");
    }
  });

  it("keeps a key on its endpoint when another endpoint is removed (Skipper's TestConsistentHashSearch)", () => {
    const urls = ["http://127.0.0.1:8080", "http://127.0.0.2:8080", "http://127.0.0.3:8080"];
    const pick = (list: string[]) => ring(list.map((url) => new Endpoint(url, url))).pick({ clientAddress: "192.168.0.1" }).url;
    const chosen = pick(urls);
    const [otherToKeep] = urls.filter((url) => url !== chosen);
    expect(pick([otherToKeep ?? "", chosen])).toBe(chosen);
    expect(pick([...urls, "http://127.0.0.4:8080"])).toBe(chosen);
  });
});

describe("consistentHashBalanceFactor", () => {
  const eps = endpoints(3);
  const b = ring(eps);
  const bounded: BalanceInput = { clientAddress: "192.168.0.1", balanceFactor: 1.25 };

  it("follows Skipper's TestConsistentHashBoundedLoadSearch", () => {
    const plain = b.pick({ clientAddress: "192.168.0.1" });
    expect(b.pick(bounded)).toBe(plain);
    // Over its bound (1.25 × 21 / 3 = 8.75): the walk goes on to another endpoint.
    plain.inFlight += 20;
    const failover1 = b.pick(bounded);
    expect(failover1).not.toBe(plain);
    failover1.inFlight += 20;
    const failover2 = b.pick(bounded);
    expect([plain, failover1]).not.toContain(failover2);
    // All equally loaded: back to the key's own endpoint.
    failover2.inFlight += 20;
    expect(b.pick(bounded)).toBe(plain);
  });

  it("keeps every endpoint within factor × average + 1 while requests pile up", () => {
    const fresh = endpoints(3);
    const balancer = ring(fresh);
    for (let i = 0; i < 100; i++) {
      const total = fresh.reduce((sum, ep) => sum + ep.inFlight, 0);
      const limit = Math.floor((total / 3) * 1.25) + 1;
      for (const ep of fresh) expect(ep.inFlight).toBeLessThanOrEqual(limit);
      balancer.pick(bounded).inFlight++;
    }
  });
});
