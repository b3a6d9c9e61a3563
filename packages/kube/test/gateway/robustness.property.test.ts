import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../../../test/support/shared.ts";
import { clusterStateFrom, compileCluster, defaultCompileOptions, objectsFromYaml, type JsonObject, type KubeObject } from "../../src/index.js";

/**
 * The Gateway API compiler on objects of any shape, beside the examples' cluster: it never
 * throws, and what it cannot use becomes problems, never an exception (STYLE.md, problems are
 * data). The shapes are random JSON where a field is, so that every field's reader meets what it
 * does not expect.
 */

const examples = join(repoRoot, "examples/gateway-api");
const cluster = readdirSync(examples).flatMap((file) => objectsFromYaml(readFileSync(join(examples, file), "utf8")).objects);

const anything = fc.jsonValue({ maxDepth: 3 });
const field = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: anything });
const filterTypes = ["RequestHeaderModifier", "ResponseHeaderModifier", "RequestRedirect", "URLRewrite", "RequestMirror", "ExtensionRef", "CORS", "Nonsense"];
const filter = fc.record({
  type: field(fc.constantFrom(...filterTypes)),
  requestHeaderModifier: anything,
  responseHeaderModifier: anything,
  requestRedirect: field(fc.record({ scheme: field(fc.constantFrom("http", "https")), statusCode: anything, port: anything, path: anything, hostname: anything })),
  urlRewrite: field(fc.record({ hostname: anything, path: field(fc.record({ type: field(fc.constantFrom("ReplaceFullPath", "ReplacePrefixMatch")), replacePrefixMatch: anything, replaceFullPath: anything })) })),
  requestMirror: field(fc.record({ backendRef: field(fc.record({ name: field(fc.constantFrom("web-v1", "web-v2", "missing")), port: anything })), percent: anything, fraction: anything })),
});
const match = fc.record({
  path: field(fc.record({ type: field(fc.constantFrom("Exact", "PathPrefix", "RegularExpression", "Glob")), value: field(fc.constantFrom("/", "/a", "/a/", "(", "x")) })),
  headers: field(fc.array(fc.record({ name: field(fc.string()), value: field(fc.string()), type: anything }), { maxLength: 3 })),
  queryParams: anything,
  method: field(fc.constantFrom("GET", "POST", "BREW")),
});
const rule = fc.record({
  matches: field(fc.array(match, { maxLength: 3 })),
  filters: field(fc.array(filter, { maxLength: 3 })),
  backendRefs: field(fc.array(fc.record({ name: field(fc.constantFrom("web-v1", "web-v2", "missing")), port: field(fc.constantFrom(80, 81)), weight: field(fc.integer({ min: -1, max: 1000 })), namespace: anything, kind: anything, filters: field(fc.array(filter, { maxLength: 2 })) }), { maxLength: 3 })),
  timeouts: anything,
  retry: anything,
});
const httpRouteSpec = fc.record({
  parentRefs: field(fc.array(fc.record({ name: field(fc.constantFrom("shared", "nowhere")), namespace: field(fc.constant("infra")), sectionName: anything, port: anything }), { maxLength: 2 })),
  hostnames: field(fc.array(field(fc.constantFrom("a.example", "*.example", "")), { maxLength: 2 })),
  rules: field(fc.array(rule, { maxLength: 3 })),
});
const gatewaySpec = fc.record({
  gatewayClassName: field(fc.constant("bosun")),
  listeners: field(fc.array(fc.record({ name: field(fc.constantFrom("http", "https", "")), port: anything, protocol: field(fc.constantFrom("HTTP", "HTTPS", "TCP")), hostname: anything, allowedRoutes: anything, tls: anything }), { maxLength: 3 })),
});

function object(kind: string, name: string, spec: unknown): KubeObject {
  return { kind, apiVersion: "gateway.networking.k8s.io/v1", metadata: { namespace: "store", name, annotations: {}, labels: {} }, body: { metadata: { name, namespace: "store" }, spec: spec as JsonObject } };
}

describe("the Gateway API compiler on objects of any shape", () => {
  it("never throws, and keeps the examples' routes of the Gateway it leaves alone", () => {
    const before = compileCluster(clusterStateFrom(cluster), defaultCompileOptions).routes.length;
    fc.assert(
      fc.property(fc.array(httpRouteSpec, { maxLength: 3 }), fc.option(gatewaySpec), fc.option(anything), (routes, gateway, grant) => {
        const objects = [
          ...cluster,
          ...routes.map((spec, i) => object("HTTPRoute", `random-${i}`, spec)),
          ...(gateway === null ? [] : [object("Gateway", "random", gateway)]),
          ...(grant === null ? [] : [object("ReferenceGrant", "random", grant)]),
        ];
        const compiled = compileCluster(clusterStateFrom(objects), defaultCompileOptions);
        // The examples' own HTTPRoutes still route (ranks may move: a route of the same listener takes its place in the order).
        expect(compiled.routes.filter((route) => !route.id.includes("random")).length).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});
