import { parse, printRoute, routesGeneration } from "@bosun/eskip";
import { HttpRoutingRequest } from "@bosun/routing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProxyTable, tableOptions } from "../src/index.js";

const routes = `
limited: Path("/limited") -> ratelimit(2, "1m") -> <roundRobin, "http://127.0.0.1:1", "http://127.0.0.1:2">;
other: Path("/other") && Header("X", "1") -> setRequestHeader("X-A", "1") -> <shunt>;
`;

describe("a proxy table built after another", () => {
  it("keeps the program of every route it shares with the one before, and makes new ones for the rest", () => {
    const options = tableOptions();
    const before = parse(routes);
    const previous = ProxyTable.build(before, options);
    const [changed] = parse('other: Path("/other") -> setRequestHeader("X-A", "2") -> <shunt>;');
    const [added] = parse('added: Path("/added") -> <shunt>;');
    const next = ProxyTable.build([added!, before[0]!, changed!], options, previous);

    const kept = next.programOf(before[0]!)!;
    expect(kept).toBe(previous.programOf(before[0]!));
    // The same filter and backend objects: a rate limit's counts and a balancer's position go on.
    expect(kept.filters[0]).toBe(previous.programOf(before[0]!)!.filters[0]);
    expect(next.programOf(changed!)).not.toBe(previous.programOf(before[1]!));
    expect(next.generation).toBe(routesGeneration([added!, before[0]!, changed!]));
    expect(next.routes.routes.map((route) => route.id)).toEqual(["added", "limited", "other"]);
  });

  it("makes every program anew when built with other options, whose registries or environment differ", () => {
    const before = parse(routes);
    const previous = ProxyTable.build(before, tableOptions());
    const next = ProxyTable.build(before, tableOptions(), previous);
    for (const route of before) expect(next.programOf(route)).not.toBe(previous.programOf(route));
  });

  it("rejects again a route the table before rejected, without reusing anything of it", () => {
    const options = tableOptions();
    const before = parse('bad: Path("/a") && Nope() -> <shunt>;\ngood: Path("/b") -> <shunt>;');
    const previous = ProxyTable.build(before, options);
    const next = ProxyTable.build(before, options, previous);
    expect(next.rejected.map(({ route }) => route.id)).toEqual(["bad"]);
    expect(next.programOf(before[0]!)).toBeUndefined();
    expect(next.programOf(before[1]!)).toBe(previous.programOf(before[1]!));
  });
});

describe("a proxy table built change after change", () => {
  const pathOf = (n: number) => `/p${n % 7}`;
  const eskip = (id: string, n: number) => `${id}: Path("${pathOf(n)}")${n % 3 === 0 ? ` && Header("X", "${n % 2}")` : ""} -> setRequestHeader("X-N", "${n}") -> <shunt>;`;
  /** One edit of the list: a route replaced, inserted or dropped, at a place; lists far apart move everything. */
  const edit = fc.record({ kind: fc.constantFrom("replace", "insert", "drop", "reverse"), at: fc.nat(), n: fc.nat({ max: 40 }) });

  it("keeps every kept route's program and serves as a table built from nothing, whatever the edits shift", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.array(fc.array(edit, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (size, steps) => {
        const options = tableOptions();
        let next = 0;
        let routes = parse(Array.from({ length: size }, (_, i) => eskip(`r${next++}`, i)).join("\n"));
        let table = ProxyTable.build(routes, options);
        for (const edits of steps) {
          let list = [...routes];
          for (const { kind, at, n } of edits) {
            const place = list.length === 0 ? 0 : at % list.length;
            if (kind === "reverse") list.reverse();
            else if (kind === "drop") list.splice(place, 1);
            else list.splice(place, kind === "replace" ? 1 : 0, parse(eskip(`r${next++}`, n))[0]!);
          }
          const built = ProxyTable.build(list, options, table);
          const fresh = ProxyTable.build(parse(list.map((route) => `${route.id}: ${printRoute(route)};`).join("\n")), tableOptions());
          expect(built.routes.routes.map((route) => route.id)).toEqual(fresh.routes.routes.map((route) => route.id));
          for (const route of list) if (table.programOf(route)) expect(built.programOf(route)).toBe(table.programOf(route));
          for (let n = 0; n < 7; n++) {
            for (const x of ["0", "1"]) {
              const request = new HttpRoutingRequest({ method: "GET", url: `http://h${pathOf(n)}`, headers: { x: [x] } });
              expect(built.routes.lookup(request)?.route.id).toBe(fresh.routes.lookup(request)?.route.id);
            }
          }
          routes = list;
          table = built;
        }
      }),
      { numRuns: 300 },
    );
  });
});
