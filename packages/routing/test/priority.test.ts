import { describe, expect, it } from "vitest";
import { referenceLookup, type RouteMatch, type RouteTable, type RoutingRequest } from "../src/index.js";
import { priorityCases } from "./priority-cases.js";
import { request, table } from "./support.js";

const implementations: readonly [string, (table: RouteTable, request: RoutingRequest) => RouteMatch | undefined][] = [
  ["the path tree", (t, r) => t.lookup(r)],
  ["the reference matcher", referenceLookup],
];

describe.each(implementations)("priority (skipper-semantics §2.2) with %s", (_name, lookup) => {
  describe.each(priorityCases)("$name", ({ routes, requests }) => {
    const routeTable = table(routes);

    it("builds every route", () => {
      expect(routeTable.rejected).toEqual([]);
    });

    it.each(requests)("$method $url $headers → $expect", ({ url, headers, method, expect: expected, params }) => {
      const match = lookup(routeTable, request(url, { ...(headers ? { headers } : {}), ...(method ? { method } : {}) }));
      expect(match?.route.id ?? null).toBe(expected);
      if (params) expect(match?.params).toEqual(params);
    });
  });
});
