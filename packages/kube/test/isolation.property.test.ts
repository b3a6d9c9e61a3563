import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { printRoute } from "@bosun/eskip";
import type { Json, JsonObject, KubeObject } from "../src/cluster-state.js";
import { clusterStateFrom, compileCluster, defaultCompileOptions, objectsFromYaml } from "../src/index.js";
import { skipperFixturesDir } from "../../../test/support/shared.ts";

/**
 * An invalid object never affects another (issue 5): whatever one RouteGroup or Ingress holds,
 * compiling never throws, and the routes of every other object stay exactly as they were.
 */

function load(name: string): KubeObject[] {
  return objectsFromYaml(readFileSync(join(skipperFixturesDir, name), "utf8")).objects;
}

/** Routes made from objects other than `name`, printed, by id. */
function routesOfOthers(objects: readonly KubeObject[], name: string): Map<string, string> {
  const { routes } = compileCluster(clusterStateFrom(objects), defaultCompileOptions);
  return new Map(routes.filter((route) => route.origin?.kind === "object" && route.origin.name !== name).map((route) => [route.id, printRoute(route)]));
}

/** Replaces the value at a path of a JSON object (created along the way when missing). */
function replaced(body: JsonObject, path: readonly (string | number)[], value: Json): JsonObject {
  const copy = structuredClone(body) as JsonObject;
  let node: Json = copy;
  for (const key of path.slice(0, -1)) {
    const container = node as Record<string | number, Json>;
    if (typeof container[key] !== "object" || container[key] === null) container[key] = {};
    node = container[key];
  }
  (node as Record<string | number, Json>)[path.at(-1)!] = value;
  return copy;
}

const keys = ["spec", "hosts", "backends", "defaultBackends", "routes", "name", "type", "serviceName", "servicePort", "backendName", "weight", "path", "pathSubtree", "methods", "predicates", "filters", "rules", "http", "paths", "backend", "service", "port", "number", "tls", "secretName", "annotations"];
const pathArbitrary = fc.array(fc.oneof(fc.constantFrom(...keys), fc.nat(3)), { minLength: 1, maxLength: 6 });
const valueArbitrary: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.constantFrom<Json>("", "*", "foo#", 'Path("/a") && Path("/b")', "a() -> b()", "network", "lb", "forward", "x://", -1, 0, 70000, 1.5, null, [], {}),
);

describe("failure isolation", () => {
  it.each([
    ["routegroups/convert/multiple-route-groups-using-the-same-service.yaml", "RouteGroup"],
    ["ingressV1/traffic/no-weights.yaml", "Ingress"],
  ])("in %s, a %s that holds anything leaves the routes of the others unchanged", (fixture, kind) => {
    const objects = load(fixture);
    const victims = objects.filter((object) => object.kind === kind);
    // Each fixture has several objects of the kind, with routes of their own to lose.
    expect(victims.length).toBeGreaterThan(1);
    for (const victim of victims) expect(routesOfOthers(objects, victim.metadata.name).size).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.nat(victims.length - 1), pathArbitrary, valueArbitrary, (index, path, value) => {
        const victim = victims[index]!;
        const baseline = routesOfOthers(objects, victim.metadata.name);
        const mutated = objects.map((object) => (object === victim ? { ...object, body: replaced(object.body, path, value) } : object));
        expect(routesOfOthers(mutated, victim.metadata.name)).toEqual(baseline);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on objects of arbitrary shape", () => {
    fc.assert(
      fc.property(fc.constantFrom("RouteGroup", "Ingress", "Service", "Endpoints", "EndpointSlice", "Secret"), fc.jsonValue(), (kind, body) => {
        const object: KubeObject = {
          kind,
          apiVersion: "v1",
          metadata: { namespace: "default", name: "x", annotations: {}, labels: {} },
          body: (typeof body === "object" && body !== null && !Array.isArray(body) ? body : { spec: body }) as JsonObject,
        };
        compileCluster(clusterStateFrom([object, ...load("routegroups/convert/filter.yaml")]), defaultCompileOptions);
      }),
      { numRuns: 300 },
    );
  });
});
