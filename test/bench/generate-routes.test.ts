import { describe, expect, it } from "vitest";
import { parse, parseDocument, type Route } from "@bosun/eskip";
import { generateRoutesDocument } from "./generate-routes.ts";

/** The features a route table of some hundred routes must show for the benchmark to be realistic. */
function featuresOf(routes: readonly Route[]): Set<string> {
  const features = new Set<string>();
  for (const route of routes) {
    for (const predicate of route.predicates) features.add(`${predicate.name}/${predicate.args.length}`);
    for (const filter of route.filters) {
      features.add(filter.name);
      if (filter.args.some((arg) => typeof arg === "string" && arg.includes("${"))) features.add("template");
    }
    const { backend } = route;
    features.add(backend.type === "lb" ? `lb/${backend.endpoints.length}` : backend.type);
  }
  return features;
}

const expectedFeatures = [
  "Host/1", "Path/1", "PathSubtree/1", "PathRegexp/1", "Method/1", "Header/2", "HeaderRegexp/2",
  "Cookie/2", "QueryParam/1", "QueryParam/2", "Traffic/1", "Traffic/3", "TrafficSegment/2", "Weight/1",
  "setRequestHeader", "setPath", "modPath", "responseCookie", "status", "inlineContent", "redirectTo", "template",
  "network", "lb/2", "lb/6", "shunt", "loopback", "dynamic",
];

describe("generateRoutesDocument", () => {
  it("gives the same text for the same count and seed, and another text for another seed", () => {
    expect(generateRoutesDocument(300, 7)).toBe(generateRoutesDocument(300, 7));
    expect(generateRoutesDocument(300, 7)).not.toBe(generateRoutesDocument(300, 8));
  });

  it.each([0, 1, 2, 3, 17, 500, 2_000])("produces exactly %i routes", (count) => {
    expect(parse(generateRoutesDocument(count, 3))).toHaveLength(count);
  });

  it.each([1, 2, 3, 4, 5])("writes 500 routes with every feature that parse without errors (seed %i)", (seed) => {
    const document = parseDocument(generateRoutesDocument(500, seed));
    expect(document.errors).toEqual([]);
    expect(document.routes).toHaveLength(500);
    expect(document.comments.length).toBeGreaterThan(1);
    expect([...featuresOf(document.routes)]).toEqual(expect.arrayContaining(expectedFeatures));
    expect(new Set(document.routes.map((route) => route.id)).size).toBe(500);
  });

  it("spreads a large document over the 200 hosts", () => {
    const routes = parse(generateRoutesDocument(10_000, 1));
    const hosts = new Set(routes.flatMap((route) => route.predicates.filter((p) => p.name === "Host").map((p) => p.args[0])));
    expect(hosts.size).toBe(200);
  });
});
