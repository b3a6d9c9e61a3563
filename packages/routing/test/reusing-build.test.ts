import { parse, printRoutes, type Route } from "@bosun/eskip";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RouteTable } from "../src/index.js";
import { request } from "./support.js";

/**
 * A table built with the one before it reuses the compiled routes of the route objects it shares
 * with it. Whatever changed in between (routes gone, added, changed, moved, an id repeated), it
 * must choose as a table built from nothing does, and reuse exactly the routes it kept.
 */
describe("a table built with the one before it", () => {
  const treePredicate = fc.constantFrom('Path("/a")', 'Path("/a/:x")', 'Path("/:x/b")', 'Path("/a/*rest")', 'PathSubtree("/a")', 'PathSubtree("/")');
  const otherPredicate = fc.constantFrom('Host(/^a[.]org$/)', 'Method("GET")', 'Header("X", "1")', "Weight(2)", "Traffic(0.5)");
  const predicates = fc
    .tuple(fc.option(treePredicate), fc.uniqueArray(otherPredicate, { maxLength: 2 }))
    .map(([tree, others]) => (tree === null ? others : [tree, ...others]));
  const route = fc.record({ id: fc.constantFrom("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"), predicates });
  const eskipRoute = ({ id, predicates }: { id: string; predicates: string[] }) =>
    `${id}: ${predicates.length > 0 ? predicates.join(" && ") : "*"} -> <shunt>;`;
  /** The next list: each route of the one before kept (the same object), dropped, or replaced, in any order, with new ones. */
  const change = fc.record({
    keep: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    added: fc.array(route, { maxLength: 4 }),
    order: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
  });
  type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;
  const paths = ["/", "/a", "/a/b", "/a/b/c", "/z/b", "/q"];

  /** The next list after `before`: each route kept (the same object), dropped, or replaced, in any order, with new ones. */
  function changed(before: readonly Route[], { keep, added, order }: Change): Route[] {
    const kept = before.filter((_, i) => keep[i % keep.length]);
    const next: Route[] = [...kept, ...parse(added.map(eskipRoute).join("\n"))];
    const rank = new Map(next.map((route, i) => [route, order[i % order.length]!]));
    return next.sort((a, b) => rank.get(a)! - rank.get(b)!);
  }

  it("chooses as a table built from nothing, change after change, and keeps the predicates of every route it kept", () => {
    fc.assert(
      fc.property(fc.array(route, { maxLength: 12 }), fc.array(change, { minLength: 1, maxLength: 3 }), fc.constantFrom(0.1, 0.7), fc.boolean(), (first, changes, draw, slotsGiven) => {
        const environment = { random: () => draw, now: () => 0 };
        let routes = parse(first.map(eskipRoute).join("\n"));
        let previous = RouteTable.build(routes, { environment });
        for (const step of changes) {
          routes = changed(routes, step);
          // As the proxy table gives them: each route's place in the whole table under the previous one.
          const slotOf = previous.base.slotsByRoute();
          const slotsInPreviousBase = slotsGiven ? Int32Array.from(routes, (each) => slotOf.get(each) ?? -1) : undefined;
          const reusing = RouteTable.build(routes, { environment, previous, ...(slotsInPreviousBase ? { slotsInPreviousBase } : {}) });
          const fresh = RouteTable.build(parse(printRoutes(routes)), { environment });
          expect(reusing.routes.map((route) => route.id)).toEqual(fresh.routes.map((route) => route.id));
          expect(reusing.rejected.map(({ route, reason }) => `${route.id}: ${reason}`).sort()).toEqual(fresh.rejected.map(({ route, reason }) => `${route.id}: ${reason}`).sort());
          for (const path of paths) {
            for (const host of ["a.org", "b.org"]) {
              const rq = request(`http://${host}${path}`, { headers: { x: "1" } });
              expect(reusing.lookup(rq)?.route.id).toBe(fresh.lookup(rq)?.route.id);
              expect(reusing.lookup(rq)?.params).toEqual(fresh.lookup(rq)?.params);
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

  it("compiles anew with another registry or environment, whose predicates would differ", () => {
    const routes = parse('a: Traffic(0.5) -> <shunt>;');
    const previous = RouteTable.build(routes, { environment: { random: () => 0.1 } });
    const other = RouteTable.build(routes, { environment: { random: () => 0.9 }, previous });
    expect(other.compiled[0]!.matchers).not.toBe(previous.compiled[0]!.matchers);
    expect(previous.lookup(request("/"))?.route.id).toBe("a");
    expect(other.lookup(request("/"))).toBeUndefined();
  });
});
