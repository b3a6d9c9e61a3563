import { describe, expect, it } from "vitest";
import { explain } from "../src/index.js";
import { request, table } from "./support.js";

const routes = `
items: Path("/items/:id") && Method("GET") -> <shunt>;
itemsAdmin: Path("/items/:id") && Method("GET") && Header("X-Admin", "true") -> <shunt>;
anyItem: PathSubtree("/items") -> <shunt>;
other: Path("/other") -> <shunt>;
fallback: * -> <shunt>;
broken: Traffic(3) -> <shunt>;
`;

describe("explain", () => {
  const routeTable = table(routes);

  it("names the winning route and its parameters, and agrees with the lookup", () => {
    const req = request("http://shop/items/42");
    const explanation = explain(routeTable, req);
    expect(explanation.route).toBe("items");
    expect(explanation.route).toBe(routeTable.lookup(req)?.route.id);
    expect(explanation.params).toEqual({ id: "42" });
    expect(explanation.request).toEqual({ method: "GET", host: "shop", path: "/items/42", query: "" });
  });

  it("gives every other route the first predicate that rejected the request, or the route that came first", () => {
    const explanation = explain(routeTable, request("/items/42"));
    expect(explanation.candidates.map(({ id, verdict, rejectedBy }) => ({ id, verdict, rejectedBy }))).toEqual([
      { id: "itemsAdmin", verdict: "rejected", rejectedBy: 'Header("X-Admin", "true")' },
      { id: "items", verdict: "chosen", rejectedBy: undefined },
      { id: "anyItem", verdict: "outranked", rejectedBy: undefined },
      { id: "fallback", verdict: "outranked", rejectedBy: undefined },
      { id: "other", verdict: "rejected", rejectedBy: 'Path("/other")' },
    ]);
    expect(explanation.unusable).toEqual([{ id: "broken", reason: expect.stringMatching(/^invalid_predicate_params: /) }]);
  });

  it("says null when no route matches", () => {
    const explanation = explain(table(`only: Path("/a") -> <shunt>`), request("/b"));
    expect(explanation.route).toBeNull();
    expect(explanation.candidates).toEqual([expect.objectContaining({ id: "only", verdict: "rejected", rejectedBy: 'Path("/a")' })]);
  });

  describe("with listener domains", () => {
    const mixed = table(`
      eskip: PathSubtree("/") -> <shunt>;
      v2: Listener("infra/gw", "http") && PathRegexp("^/v2(/|$)") && Weight(2000) -> <shunt>;
      any: Listener("infra/gw", "http") && Weight(1000) -> <shunt>;
      tls: Listener("infra/gw", "https") && Weight(1000) -> <shunt>;
    `);
    const verdicts = (explanation: ReturnType<typeof explain>) => explanation.candidates.map(({ id, verdict, rejectedBy }) => ({ id, verdict, rejectedBy }));

    it("explains a request of a listener by that listener's routes, and says why the others never serve it", () => {
      const req = request("/v2/x", { listener: "infra/gw/http" });
      const explanation = explain(mixed, req);
      expect(explanation.route).toBe("v2");
      expect(explanation.route).toBe(mixed.lookup(req)?.route.id);
      expect(explanation.request.listener).toBe("infra/gw/http");
      expect(verdicts(explanation)).toEqual([
        { id: "v2", verdict: "chosen", rejectedBy: undefined },
        { id: "any", verdict: "outranked", rejectedBy: undefined },
        { id: "eskip", verdict: "rejected", rejectedBy: "the listener infra/gw/http: the route has no Listener predicate" },
        { id: "tls", verdict: "rejected", rejectedBy: 'Listener("infra/gw", "https")' },
      ]);
    });

    it("explains a request without listener by the routes without Listener", () => {
      const explanation = explain(mixed, request("/v2/x"));
      expect(explanation.route).toBe("eskip");
      expect(explanation.request).not.toHaveProperty("listener");
      expect(verdicts(explanation)).toEqual([
        { id: "eskip", verdict: "chosen", rejectedBy: undefined },
        { id: "v2", verdict: "rejected", rejectedBy: 'Listener("infra/gw", "http")' },
        { id: "any", verdict: "rejected", rejectedBy: 'Listener("infra/gw", "http")' },
        { id: "tls", verdict: "rejected", rejectedBy: 'Listener("infra/gw", "https")' },
      ]);
    });
  });

  it("warns that random predicates made their own draws", () => {
    expect(explain(table(`t: Traffic(0.5) -> <shunt>`), request("/")).note).toMatch(/made its own draws/);
    expect(explain(routeTable, request("/")).note).toBeUndefined();
  });
});
