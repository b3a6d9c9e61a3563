import { parse, runNow } from "@bosun/eskip";
import { describe, expect, it } from "vitest";
import { ProxyTable, tableOptions } from "../src/index.js";

const endpoints = '<roundRobin, "http://127.0.0.1:9001", "http://127.0.0.1:9002">';

describe("backend pools (backendPool)", () => {
  it("gives the routes of one pool with the same endpoints one balancer, across tables, and lets it go with them", () => {
    const options = tableOptions();
    const table = ProxyTable.build(
      parse(`
        a: Path("/a") -> backendPool("p") -> ${endpoints};
        b: Path("/b") -> backendPool("p") -> ${endpoints};
        c: Path("/c") -> backendPool("q") -> ${endpoints};
        d: Path("/d") -> ${endpoints};
        e: Path("/e") -> ${endpoints};
        f: Path("/f") -> backendPool("p") -> <roundRobin, "http://127.0.0.1:9003">;
      `),
      options,
    );
    const backend = (id: string) => table.programOf(table.routes.routes.find((route) => route.id === id)!)!.backend;
    expect(backend("a")).toBe(backend("b"));
    expect(backend("a").label).toBe("p");
    expect(backend("c")).not.toBe(backend("a"));
    expect(backend("d")).not.toBe(backend("e"));
    expect(backend("f")).not.toBe(backend("a"));
    // A route of the pool that comes later joins the balancer the others have.
    const later = ProxyTable.build(parse(`a: Path("/a") -> backendPool("p") -> ${endpoints}; g: Path("/g") -> backendPool("p") -> ${endpoints};`), options, table);
    const laterBackend = (id: string) => later.programOf(later.routes.routes.find((route) => route.id === id)!)!.backend;
    expect(laterBackend("g")).toBe(backend("a"));
    // A layer of changes keeps every balancer; the table built whole again (as serve does once idle) keeps those in use.
    expect(options.pools!.size).toBe(3);
    const whole = runNow(later.compacting());
    expect(options.pools!.size).toBe(1);
    runNow(ProxyTable.build(parse(`z: * -> ${endpoints};`), options, whole).compacting());
    expect(options.pools!.size).toBe(0);
  });

  it("refuses a pool without a name", () => {
    const table = ProxyTable.build(parse(`a: * -> backendPool("") -> ${endpoints};`), tableOptions());
    expect(table.rejected.map((rejection) => rejection.reason)).toEqual([expect.stringContaining("invalid filter parameters")]);
  });
});
