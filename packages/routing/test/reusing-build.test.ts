import { parse, printRoutes, type Route } from "@bosun/eskip";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceLookup, RouteTable } from "../src/index.js";
import { request } from "./support.js";

/**
 * A table built with the one before it reuses the compiled routes of the route objects it shares
 * with it. Whatever changed in between (routes gone, added, changed, moved, an id repeated), it
 * must choose as a table built from nothing does, and reuse exactly the routes it kept.
 */
describe("a table built with the one before it", () => {
  const treePredicate = fc.constantFrom('Path("/a")', 'Path("/a/:x")', 'Path("/:x/b")', 'Path("/a/*rest")', 'PathSubtree("/a")', 'PathSubtree("/")');
  const otherPredicate = fc.constantFrom('Host(/^a[.]org$/)', 'Method("GET")', 'Header("X", "1")', "Weight(2)", "Traffic(0.5)", 'PathRegexp("^/a(/|$)")');
  // Routes of two Gateway listeners among the others; a route given both is rejected.
  const listenerPredicate = fc.constantFrom('Listener("ns/gw", "a")', 'Listener("ns/gw", "b")');
  const listenerPredicates = fc.oneof(
    { weight: 4, arbitrary: fc.constant([]) },
    { weight: 2, arbitrary: fc.tuple(listenerPredicate) },
    { weight: 1, arbitrary: fc.tuple(listenerPredicate, listenerPredicate) },
  );
  const predicates = fc
    .tuple(fc.option(treePredicate), fc.uniqueArray(otherPredicate, { maxLength: 2 }), listenerPredicates, fc.nat({ max: 3 }))
    .map(([tree, others, listeners, at]) => {
      // A copy: the generated arrays are fast-check's own, which it maps again while it shrinks.
      const list: string[] = tree === null ? [...others] : [tree, ...others];
      for (const listener of listeners) list.splice(at % (list.length + 1), 0, listener);
      return list;
    });
  const route = fc.record({ id: fc.constantFrom("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"), predicates });
  const eskipRoute = ({ id, predicates }: { id: string; predicates: string[] }) =>
    `${id}: ${predicates.length > 0 ? predicates.join(" && ") : "*"} -> <shunt>;`;
  /**
   * The next list: each route of the one before kept (the same object), dropped, or replaced, with
   * new ones, and routes of lists before it back (the same objects, which the whole table under a
   * layer may still have); in any order, or (without `order`) in the order they first came in,
   * where the kept routes keep their old order and the table is built as a layer of changes.
   */
  const change = fc.record({
    keep: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    added: fc.array(route, { maxLength: 4 }),
    revived: fc.array(fc.nat({ max: 63 }), { maxLength: 3 }),
    // Small numbers: a failure shrinks in a few steps per number.
    order: fc.option(fc.array(fc.nat({ max: 63 }), { minLength: 16, maxLength: 16 })),
  });
  type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;
  const paths = ["/", "/a", "/a/b", "/a/b/c", "/z/b", "/q"];
  const listeners = [undefined, "ns/gw/a", "ns/gw/b"];

  /** The next list after `before`, as `change` says; `seen` holds every route of the lists so far. */
  function changed(before: readonly Route[], { keep, added, revived, order }: Change, seen: Route[]): Route[] {
    const kept = before.filter((_, i) => keep[i % keep.length]);
    const back = seen.length === 0 ? [] : revived.map((i) => seen[i % seen.length]!).filter((route, i, all) => !kept.includes(route) && all.indexOf(route) === i);
    const fresh = parse(added.map(eskipRoute).join("\n"));
    seen.push(...fresh);
    const next: Route[] = [...kept, ...back, ...fresh];
    const rank = new Map(next.map((route, i) => [route, order ? order[i % order.length]! : seen.indexOf(route)]));
    return next.sort((a, b) => rank.get(a)! - rank.get(b)!);
  }

  it("chooses as a table built from nothing, change after change, and keeps the predicates of every route it kept", () => {
    fc.assert(
      fc.property(fc.array(route, { maxLength: 12 }), fc.array(change, { minLength: 1, maxLength: 3 }), fc.constantFrom(0.1, 0.7), fc.boolean(), (first, changes, draw, slotsGiven) => {
        const environment = { random: () => draw, now: () => 0 };
        let routes = parse(first.map(eskipRoute).join("\n"));
        const seen = [...routes];
        let previous = RouteTable.build(routes, { environment });
        for (const step of changes) {
          routes = changed(routes, step, seen);
          // As the proxy table gives them: each route's place in the whole table under the previous one.
          const slotOf = previous.base.slotsByRoute();
          const slotsInPreviousBase = slotsGiven ? Int32Array.from(routes, (each) => slotOf.get(each) ?? -1) : undefined;
          const reusing = RouteTable.build(routes, { environment, previous, ...(slotsInPreviousBase ? { slotsInPreviousBase } : {}) });
          const fresh = RouteTable.build(parse(printRoutes(routes)), { environment });
          expect(reusing.routes.map((route) => route.id)).toEqual(fresh.routes.map((route) => route.id));
          expect(reusing.rejected.map(({ route, reason }) => `${route.id}: ${reason}`).sort()).toEqual(fresh.rejected.map(({ route, reason }) => `${route.id}: ${reason}`).sort());
          for (const path of paths) {
            for (const host of ["a.org", "b.org"]) {
              for (const listener of listeners) {
                const rq = request(`http://${host}${path}`, { headers: { x: "1" }, ...(listener ? { listener } : {}) });
                const found = reusing.lookup(rq);
                expect(found?.route.id).toBe(fresh.lookup(rq)?.route.id);
                expect(found?.params).toEqual(fresh.lookup(rq)?.params);
                expect(found?.route.id).toBe(referenceLookup(reusing, rq)?.route.id);
              }
            }
          }
          // Every route the previous table had compiled and this one serves keeps its predicates.
          const compiledBefore = new Map(previous.compiled.map((compiled) => [compiled.route, compiled]));
          for (const compiled of reusing.compiled) {
            const old = compiledBefore.get(compiled.route);
            if (old) expect(compiled.matchers).toBe(old.matchers);
          }
          previous = reusing;
        }
      }),
      { numRuns: 400 },
    );
  });

  it("builds a few changes as a layer over the last whole table, and builds whole again once they add up", () => {
    const routes = parse(Array.from({ length: 400 }, (_, i) => `r${i}: Path("/r/${i}") -> <shunt>;`).join("\n"));
    const whole = RouteTable.build(routes);
    const [replacement] = parse('r7: Path("/seven") -> <shunt>;');
    const once = RouteTable.build(routes.map((route, i) => (i === 7 ? replacement! : route)), { previous: whole });
    expect(once.base).toBe(whole);
    expect(once.changed.map((compiled) => compiled.route)).toEqual([replacement]);
    expect(once.lookup(request("/seven"))?.route).toBe(replacement);
    expect(once.lookup(request("/r/7"))).toBeUndefined();
    expect(once.lookup(request("/r/8"))?.route).toBe(routes[8]);
    // 400 routes allow 50 changed; 60 make a whole table.
    const many = parse(Array.from({ length: 60 }, (_, i) => `r${i}: Path("/new/${i}") -> <shunt>;`).join("\n"));
    const rebuilt = RouteTable.build([...many, ...routes.slice(60)], { previous: once });
    expect(rebuilt.base).toBe(rebuilt);
    expect(rebuilt.lookup(request("/new/3"))?.route).toBe(many[3]);
    // Kept routes out of their old order make a whole table too.
    const reordered = RouteTable.build([...routes].reverse(), { previous: whole });
    expect(reordered.base).toBe(reordered);
  });

  it("serves the listener routes of every table in a row of layers, a route of the whole table back after it was gone too", () => {
    const routes = parse(`p: Path("/p") -> <shunt>; gw: Listener("ns/gw", "a") && PathRegexp("^/g") -> <shunt>; q: Path("/q") -> <shunt>;`);
    const [p, gw, q] = routes as [Route, Route, Route];
    const onA = request("/g", { listener: "ns/gw/a" });
    const whole = RouteTable.build(routes);
    const without = RouteTable.build([p, q], { previous: whole });
    const back = RouteTable.build([p, gw, q], { previous: without });
    const [other] = parse('gw2: Listener("ns/gw", "a") && PathRegexp("^/g") && Weight(2) -> <shunt>;');
    const added = RouteTable.build([p, gw, q, other!], { previous: back });
    for (const table of [without, back, added]) expect(table.base).toBe(whole);
    expect(whole.lookup(onA)?.route).toBe(gw);
    expect(without.lookup(onA)).toBeUndefined();
    expect(back.lookup(onA)?.route).toBe(gw);
    expect(added.lookup(onA)?.route).toBe(other);
    // The routes without Listener are served by the layers of changes as before, and never to the listener.
    expect(added.lookup(request("/p"))?.route).toBe(p);
    expect(added.lookup(request("/p", { listener: "ns/gw/a" }))).toBeUndefined();
  });

  it("compiles anew with another registry or environment, whose predicates would differ", () => {
    const routes = parse('a: Traffic(0.5) -> <shunt>;');
    const previous = RouteTable.build(routes, { environment: { random: () => 0.1 } });
    const other = RouteTable.build(routes, { environment: { random: () => 0.9 }, previous });
    expect(other.compiled[0]!.matchers).not.toBe(previous.compiled[0]!.matchers);
    expect(previous.lookup(request("/"))?.route.id).toBe("a");
    expect(other.lookup(request("/"))).toBeUndefined();
  });
});
