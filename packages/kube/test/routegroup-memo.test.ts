import { printRoute } from "@bosun/eskip";
import { describe, expect, it } from "vitest";
import { clusterStateFrom, compileCluster, defaultCompileOptions, kubeObject, RouteGroupMemo, type JsonObject, type KubeObject } from "../src/index.js";

const service = (name: string): KubeObject =>
  kubeObject("Service", "v1", { metadata: { namespace: "shop", name }, spec: { type: "ClusterIP", ports: [{ port: 80, targetPort: 8080 }] } } as unknown as JsonObject);
const endpoints = (name: string, ip: string): KubeObject =>
  kubeObject("Endpoints", "v1", { metadata: { namespace: "shop", name }, subsets: [{ addresses: [{ ip }], ports: [{ port: 8080 }] }] } as unknown as JsonObject);
const routeGroup = (name: string, path: string, serviceName: string, annotations: Record<string, string> = {}): KubeObject =>
  kubeObject("RouteGroup", "zalando.org/v1", {
    metadata: { namespace: "shop", name, annotations },
    spec: { backends: [{ name: "b", type: "service", serviceName, servicePort: 80 }], defaultBackends: [{ backendName: "b" }], routes: [{ path }] },
  } as unknown as JsonObject);
const invalid = (name: string): KubeObject =>
  kubeObject("RouteGroup", "zalando.org/v1", { metadata: { namespace: "shop", name }, spec: { backends: [{ name: "x", type: "nosuchtype" }] } } as unknown as JsonObject);

const printed = (objects: KubeObject[], options = defaultCompileOptions, memo?: RouteGroupMemo) => {
  const { routes, problems } = compileCluster(clusterStateFrom(objects), options, memo);
  return { routes: routes.map((route) => `${route.id}: ${printRoute(route)}`), problems: problems.map((problem) => `${problem.place.name} ${problem.place.fieldPath}: ${problem.reason}`) };
};

describe("compiling with a RouteGroup memo", () => {
  it("gives what a compilation from nothing gives, at every step of a cluster's changes, and hands back the routes of unchanged RouteGroups as they were", () => {
    const memo = new RouteGroupMemo();
    const cart = routeGroup("cart", "/cart", "shared");
    const docs = routeGroup("docs", "/docs", "docs");
    const broken = invalid("broken");
    let objects = [service("shared"), endpoints("shared", "10.0.0.1"), service("docs"), endpoints("docs", "10.0.0.2"), cart, docs, broken];
    const steps: Array<[string, (objects: KubeObject[]) => KubeObject[]]> = [
      ["nothing changed", (each) => each],
      ["one RouteGroup changed", (each) => each.map((object) => (object === docs ? routeGroup("docs", "/documents", "docs") : object))],
      ["the endpoints of a service changed", (each) => each.map((object) => (object.kind === "Endpoints" && object.metadata.name === "shared" ? endpoints("shared", "10.0.0.9") : object))],
      // The compilation keeps the first lookup of a service's endpoints, scheme included (§5.7): a
      // RouteGroup before `cart` on the same service now decides cart's scheme, cart unchanged.
      ["an earlier RouteGroup on the same service asks for another protocol", (each) => [...each, routeGroup("basket", "/basket", "shared", { "zalando.org/skipper-backend-protocol": "https" })]],
      ["that RouteGroup gone again", (each) => each.filter((object) => object.metadata.name !== "basket")],
      ["a service gone", (each) => each.filter((object) => !(object.kind === "Service" && object.metadata.name === "docs"))],
      ["a RouteGroup deleted", (each) => each.filter((object) => object !== cart)],
    ];
    for (const [step, change] of steps) {
      objects = change(objects);
      expect(printed(objects, defaultCompileOptions, memo), step).toEqual(printed(objects));
    }
    expect(printed(objects, defaultCompileOptions, memo).problems.some((problem) => problem.startsWith("broken"))).toBe(true);
  });

  it("hands back the very Route objects of a RouteGroup that did not change, and compiles a changed one anew", () => {
    const memo = new RouteGroupMemo();
    const cart = routeGroup("cart", "/cart", "cart");
    const base = [service("cart"), endpoints("cart", "10.0.0.1"), cart, routeGroup("docs", "/docs", "cart")];
    const first = compileCluster(clusterStateFrom(base), defaultCompileOptions, memo).routes;
    const changed = [...base.slice(0, 3), routeGroup("docs", "/documents", "cart")];
    const second = compileCluster(clusterStateFrom(changed), defaultCompileOptions, memo).routes;
    const cartRoutes = (routes: typeof first) => routes.filter((route) => route.origin?.kind === "object" && route.origin.name === "cart");
    expect(cartRoutes(second)).toHaveLength(1);
    expect(cartRoutes(second)[0]).toBe(cartRoutes(first)[0]);
    expect(second.map((route) => printRoute(route))).toContain('Path("/documents") -> "http://10.0.0.1:8080"');
  });

  it("forgets what it had when the options change", () => {
    const memo = new RouteGroupMemo();
    const objects = [service("cart"), endpoints("cart", "10.0.0.1"), routeGroup("cart", "/cart", "cart")];
    printed(objects, defaultCompileOptions, memo);
    const options = { ...defaultCompileOptions, defaultLbAlgorithm: "random" as const };
    expect(printed(objects, options, memo)).toEqual(printed(objects, options));
  });
});
