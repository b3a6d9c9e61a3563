import { parse, routesGeneration } from "@bosun/eskip";
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
