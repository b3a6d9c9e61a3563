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

  it("warns that random predicates made their own draws", () => {
    expect(explain(table(`t: Traffic(0.5) -> <shunt>`), request("/")).note).toMatch(/made its own draws/);
    expect(explain(routeTable, request("/")).note).toBeUndefined();
  });
});
