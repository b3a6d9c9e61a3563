import { parse } from "@bosun/eskip";
import { describe, expect, it } from "vitest";
import { referenceLookup, RouteTable, type RouteMatch, type RoutingRequest } from "../src/index.js";
import { listenerCases } from "./listener-cases.js";
import { priorityCases } from "./priority-cases.js";
import { request } from "./support.js";

type Lookup = (table: RouteTable, request: RoutingRequest) => RouteMatch | undefined;

/** A table built whole, and one built as a layer of changes (the first route) over the table of the others. */
const builds: readonly [string, (eskip: string) => RouteTable][] = [
  ["built whole", (eskip) => RouteTable.build(parse(eskip))],
  [
    "layered",
    (eskip) => {
      const routes = parse(eskip);
      const table = RouteTable.build(routes, { previous: RouteTable.build(routes.slice(1)) });
      expect(table.base).not.toBe(table);
      return table;
    },
  ],
];

const implementations: readonly (readonly [string, (eskip: string) => RouteTable, Lookup])[] = [
  ...builds.map(([name, build]) => [`the path tree, ${name}`, build, (t: RouteTable, r: RoutingRequest) => t.lookup(r)] as const),
  ["the reference matcher", builds[0]![1], referenceLookup],
];

describe.each(implementations)("priority (skipper-semantics §2.2) with %s", (_name, build, lookup) => {
  describe.each([...priorityCases, ...listenerCases])("$name", ({ routes, requests }) => {
    const routeTable = build(routes);

    it("builds every route", () => {
      expect(routeTable.rejected).toEqual([]);
    });

    it.each(requests)("$method $url $headers $listener → $expect", ({ url, headers, method, listener, expect: expected, params }) => {
      const match = lookup(routeTable, request(url, { ...(headers ? { headers } : {}), ...(method ? { method } : {}), ...(listener ? { listener } : {}) }));
      expect(match?.route.id ?? null).toBe(expected);
      if (params) expect(match?.params).toEqual(params);
    });
  });
});
