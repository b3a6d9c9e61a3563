import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RateLimiters } from "../src/index.js";
import { context, environment, filter, run, type RequestOptions } from "./support/test-context.js";

/** A clock the test moves by hand, and the environment that reads it. */
function clock() {
  const state = { now: 0 };
  return { state, env: environment({ now: () => state.now }) };
}

function attempt(limit: ReturnType<typeof filter>, options: RequestOptions = {}) {
  return run([limit], context("/", options)).servedResponse;
}

describe("ratelimit: a sliding window per route", () => {
  it("admits n requests per window, refuses the next with the headers, admits again as the window slides", () => {
    const { state, env } = clock();
    const limit = filter("ratelimit", [3, "1m"], env);
    for (const at of [0, 10_000, 20_000]) {
      state.now = at;
      expect(attempt(limit)).toBeUndefined();
    }
    state.now = 30_000;
    expect(attempt(limit)).toEqual({ status: 429, headers: { "X-Rate-Limit": "180", "Retry-After": "30" } });
    state.now = 60_000; // the request of t=0 has left the window
    expect(attempt(limit)).toBeUndefined();
    state.now = 61_000; // the window now holds t=10s, 20s and 60s
    expect(attempt(limit)?.headers).toEqual({ "X-Rate-Limit": "180", "Retry-After": "9" });
    state.now = 70_000;
    expect(attempt(limit)).toBeUndefined();
  });

  it("refused requests do not count", () => {
    const { state, env } = clock();
    const limit = filter("ratelimit", [1, "10s"], env);
    expect(attempt(limit)).toBeUndefined();
    for (const at of [1000, 5000, 9999]) {
      state.now = at;
      expect(attempt(limit)?.status).toBe(429);
    }
    state.now = 10_000;
    expect(attempt(limit)).toBeUndefined();
  });

  it("serves the given status; Retry-After is at least one second", () => {
    const { state, env } = clock();
    const limit = filter("ratelimit", [2, "1s", 503], env);
    attempt(limit);
    attempt(limit);
    state.now = 999;
    expect(attempt(limit)).toEqual({ status: 503, headers: { "X-Rate-Limit": "7200", "Retry-After": "1" } });
  });

  it.each([
    [[10, 60], "600"],
    [[10, "1h"], "10"],
    // Skipper's integer division: 2 per 7 s is 1028.57 per hour.
    [[2, "7s"], "1028"],
    [[1, "2h"], "0"],
  ])("ratelimit(%j) sends X-Rate-Limit %s", (args, perHour) => {
    const limit = filter("ratelimit", args);
    for (let i = 0; i < 20; i++) attempt(limit);
    expect(attempt(limit)?.headers?.["X-Rate-Limit"]).toBe(perHour);
  });

  it("routes with identical settings share one limiter, even across a reload", () => {
    const { env } = clock();
    const first = filter("ratelimit", [2, "1m"], env);
    const sameButOtherStatus = filter("ratelimit", [2, 60, 503], env);
    expect(attempt(first)).toBeUndefined();
    expect(attempt(sameButOtherStatus)).toBeUndefined();
    expect(attempt(first)?.status).toBe(429);
    const afterReload = filter("ratelimit", [2, "60s"], env);
    expect(attempt(afterReload)?.status).toBe(429);
  });

  it("different settings do not share", () => {
    const { env } = clock();
    attempt(filter("ratelimit", [1, "1m"], env));
    expect(attempt(filter("ratelimit", [1, "2m"], env))).toBeUndefined();
    expect(attempt(filter("ratelimit", [2, "1m"], env))).toBeUndefined();
    expect(attempt(filter("clientRatelimit", [1, "1m"], env))).toBeUndefined();
  });
});

describe("clientRatelimit: a window per client", () => {
  it("tells clients apart by the first X-Forwarded-For address, else the remote address", () => {
    const limit = filter("clientRatelimit", [1, "1m"]);
    expect(attempt(limit, { headers: { "x-forwarded-for": "10.0.0.1, 10.9.9.9" } })).toBeUndefined();
    expect(attempt(limit, { headers: { "x-forwarded-for": "10.0.0.1" } })?.status).toBe(429);
    expect(attempt(limit, { headers: { "x-forwarded-for": "10.0.0.2, 10.0.0.1" } })).toBeUndefined();
    expect(attempt(limit, { remoteAddress: "10.0.0.3" })).toBeUndefined();
    expect(attempt(limit, { remoteAddress: "10.0.0.3", headers: { "x-forwarded-for": "unknown" } })?.status).toBe(429);
  });

  it("by one header as it is; a request without it is not limited", () => {
    const limit = filter("clientRatelimit", [1, "1m", "Authorization"]);
    expect(attempt(limit, { headers: { authorization: "Bearer a" } })).toBeUndefined();
    expect(attempt(limit, { headers: { authorization: "Bearer a" } })?.status).toBe(429);
    expect(attempt(limit, { headers: { authorization: "Bearer b" } })).toBeUndefined();
    expect(attempt(limit)).toBeUndefined();
    expect(attempt(limit)).toBeUndefined();
  });

  it("by a tuple of headers, comma-separated", () => {
    const limit = filter("clientRatelimit", [1, "1m", "X-Tenant, X-User"]);
    const as = (tenant?: string, user?: string) => ({ headers: { ...(tenant && { "x-tenant": tenant }), ...(user && { "x-user": user }) } });
    expect(attempt(limit, as("t1", "u1"))).toBeUndefined();
    expect(attempt(limit, as("t1", "u1"))?.status).toBe(429);
    expect(attempt(limit, as("t1", "u2"))).toBeUndefined();
    expect(attempt(limit, as("t1u", "1"))).toBeUndefined();
    expect(attempt(limit, as("t1"))).toBeUndefined();
    expect(attempt(limit, as("t1"))?.status).toBe(429);
    expect(attempt(limit, as())).toBeUndefined();
    expect(attempt(limit, as())).toBeUndefined();
  });

  it("X-Forwarded-For in a tuple means the client address", () => {
    const limit = filter("clientRatelimit", [1, "1m", "X-Tenant,X-Forwarded-For"]);
    expect(attempt(limit, { headers: { "x-tenant": "t" }, remoteAddress: "10.0.0.1" })).toBeUndefined();
    expect(attempt(limit, { headers: { "x-tenant": "t", "x-forwarded-for": "10.0.0.1" }, remoteAddress: "10.0.0.7" })?.status).toBe(429);
  });

  it("always serves 429 with the limit headers", () => {
    const limit = filter("clientRatelimit", [1, 30]);
    attempt(limit);
    expect(attempt(limit)).toEqual({ status: 429, headers: { "X-Rate-Limit": "120", "Retry-After": "30" } });
  });
});

describe("RateLimiters", () => {
  it("forgets the least recently seen client beyond its bound", () => {
    const limiter = new RateLimiters({ maxClientsPerLimiter: 2 }).get({ kind: "client", maxHits: 1, windowMs: 60_000 });
    expect(limiter.allow("a", 0)).toBe(true);
    expect(limiter.allow("b", 0)).toBe(true);
    expect(limiter.allow("a", 1)).toBe(false); // a is now the most recent
    expect(limiter.allow("c", 2)).toBe(true); // b is forgotten
    expect(limiter.clients).toBe(2);
    expect(limiter.allow("a", 3)).toBe(false);
    expect(limiter.allow("b", 4)).toBe(true);
  });

  it("hands out one limiter per distinct settings", () => {
    const limiters = new RateLimiters();
    const settings = { kind: "client", maxHits: 5, windowMs: 1000, lookup: "x-user" } as const;
    expect(limiters.get(settings)).toBe(limiters.get({ ...settings }));
    expect(limiters.get(settings)).not.toBe(limiters.get({ ...settings, lookup: "x-other" }));
    expect(limiters.size).toBe(2);
  });

  it("reports the time until the oldest request leaves the window", () => {
    const limiter = new RateLimiters().get({ kind: "service", maxHits: 2, windowMs: 1000 });
    limiter.allow("", 100);
    limiter.allow("", 400);
    expect(limiter.allow("", 500)).toBe(false);
    expect(limiter.retryAfterMs("", 500)).toBe(600);
  });
});

describe("large limits: windows counted in slices", () => {
  // 2,000 hits per 256 s: more than a window keeps exactly, so it counts per slice of 1 s.
  const settings = { kind: "client", maxHits: 2_000, windowMs: 256_000 } as const;

  it("admits maxHits, refuses the next, and admits again once the first slice has left the window whole", () => {
    const limiter = new RateLimiters().get(settings);
    for (let i = 0; i < 2_000; i++) expect(limiter.allow("a", i % 1000)).toBe(true);
    expect(limiter.allow("a", 999)).toBe(false);
    expect(limiter.retryAfterMs("a", 999)).toBe(256_001);
    // An exact window would admit at 256,000 already: the slice counts whole until it has left.
    expect(limiter.allow("a", 256_999)).toBe(false);
    expect(limiter.allow("a", 257_000)).toBe(true);
    expect(limiter.allow("b", 257_000)).toBe(true);
  });

  it("never admits more than maxHits in any window, and refuses only while a window and a slice hold maxHits", () => {
    // 1,100 hits per 2.56 s (slices of 10 ms), attempts every 0–4 ms with now and then a pause of
    // up to two windows: the limit is reached, the window slides, and empties.
    const small = { kind: "client", maxHits: 1_100, windowMs: 2_560 } as const;
    const sliceMs = small.windowMs / 256;
    /** How many of the sorted times lie in [from, to]. */
    const countBetween = (times: readonly number[], from: number, to: number) => upperBound(times, to) - upperBound(times, from - 1e-9);
    const gap = fc.oneof({ weight: 2_000, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 5_120 }) });
    let runsWithRefusals = 0;
    fc.assert(
      fc.property(fc.array(gap, { minLength: 3_000, maxLength: 5_000 }), (gaps) => {
        const limiter = new RateLimiters().get(small);
        const admitted: number[] = [];
        const refused: number[] = [];
        let now = 0;
        for (const gap of gaps) {
          now += gap;
          (limiter.allow("a", now) ? admitted : refused).push(now);
        }
        if (refused.length > 0) runsWithRefusals++;
        for (let i = small.maxHits; i < admitted.length; i++) {
          expect(admitted[i]! - admitted[i - small.maxHits]!).toBeGreaterThanOrEqual(small.windowMs);
        }
        for (const at of refused) expect(countBetween(admitted, at - small.windowMs - sliceMs, at)).toBeGreaterThanOrEqual(small.maxHits);
      }),
      { numRuns: 30 },
    );
    // Not vacuous: most runs reach the limit.
    expect(runsWithRefusals).toBeGreaterThan(10);
  });

  it("keeps counting with a window of a nanosecond at today's clock", () => {
    const limiter = new RateLimiters().get({ kind: "client", maxHits: 2_000, windowMs: 1e-6 });
    const now = Date.UTC(2026, 10, 23);
    let admitted = 0;
    for (let i = 0; i < 3_000; i++) if (limiter.allow("a", now)) admitted++;
    expect(admitted).toBe(2_000);
    expect(limiter.allow("a", now + 2)).toBe(true);
  });

  it("holds some bytes for a client of a few requests, and a few KB for one of many, whatever the limit", () => {
    const limiters = new RateLimiters();
    const limiter = limiters.get({ kind: "client", maxHits: 1_000_000, windowMs: 3_600_000 });
    limiter.allow("a", 0);
    expect(limiters.bytes).toBeLessThan(300);
    for (let i = 1; i < 5_000; i++) limiter.allow("a", i);
    expect(limiters.bytes).toBeLessThan(9_000);
  });
});

describe("the memory budget of all windows", () => {
  it("never forgets a service limiter's window, and takes from the client limiter that holds most first", () => {
    // A full window of 1,000 hits holds about 8 KB: the service's and one client's fit beside a
    // light client, and a third full window pushes out the client limiter that holds most.
    const limiters = new RateLimiters({ maxBytes: 22_000 });
    const service = limiters.get({ kind: "service", maxHits: 1_000, windowMs: 60_000 });
    for (let hit = 0; hit < 1_000; hit++) service.allow("", hit);
    const few = limiters.get({ kind: "client", maxHits: 1_000, windowMs: 60_000, lookup: "x-few" });
    few.allow("light", 0);
    const many = limiters.get({ kind: "client", maxHits: 1_000, windowMs: 60_000, lookup: "x-many" });
    for (let hit = 0; hit < 1_000; hit++) many.allow("heavy", hit);
    const growing = limiters.get({ kind: "client", maxHits: 1_000, windowMs: 60_000 });
    for (let hit = 0; hit < 1_000; hit++) growing.allow("new", hit);
    expect(limiters.bytes).toBeLessThanOrEqual(22_000);
    expect(service.allow("", 1_000)).toBe(false); // still full
    expect(many.clients).toBe(0);
    expect(few.clients).toBe(1);
    expect(growing.clients).toBe(1);
  });

  it("forgets the least recently seen clients beyond the budget, never the one just counted", () => {
    const limiters = new RateLimiters({ maxBytes: 20_000 });
    const limiter = limiters.get({ kind: "client", maxHits: 100, windowMs: 60_000 });
    for (let client = 0; client < 1_000; client++) {
      for (let hit = 0; hit < 10; hit++) limiter.allow(`c${client}`, client);
    }
    expect(limiters.bytes).toBeLessThanOrEqual(20_000);
    expect(limiter.clients).toBeGreaterThan(10);
    expect(limiter.clients).toBeLessThan(1_000);
    // The latest client kept its count; the first was forgotten and starts over.
    for (let hit = 0; hit < 90; hit++) expect(limiter.allow("c999", 1_000)).toBe(true);
    expect(limiter.allow("c999", 1_000)).toBe(false);
    expect(limiter.retryAfterMs("c0", 1_000)).toBe(0);
  });

  it("takes from the limiters that hold the most when another one grows", () => {
    // A full window of 1,000 hits holds about 8 KB: two fit the budget, three do not.
    const limiters = new RateLimiters({ maxBytes: 20_000 });
    const big = limiters.get({ kind: "client", maxHits: 1_000, windowMs: 60_000 });
    for (let hit = 0; hit < 1_000; hit++) big.allow("heavy", hit);
    for (let hit = 0; hit < 1_000; hit++) big.allow("heavier", hit);
    const small = limiters.get({ kind: "client", maxHits: 1_000, windowMs: 60_000, lookup: "x-user" });
    for (let hit = 0; hit < 1_000; hit++) small.allow("one", hit);
    expect(limiters.bytes).toBeLessThanOrEqual(20_000);
    expect(small.clients).toBe(1);
    expect(big.clients).toBe(1);
    expect(big.allow("heavier", 1_000)).toBe(false); // still counted
    expect(big.retryAfterMs("heavy", 1_000)).toBe(0); // forgotten
  });
});

/** The number of sorted values ≤ value. */
function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
