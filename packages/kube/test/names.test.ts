import { describe, expect, it } from "vitest";
import { hostRegexp } from "../src/host-regexp.js";
import { eastWestId, ingressRouteId, routeGroupCatchAllId, routeGroupRouteId, sym } from "../src/names.js";

/** skipper-semantics §5.5, §5.6 and §5.13.4, with the spec's own examples. */
describe("route ids and host regexps", () => {
  it.each([
    ["my-namespace", "my_namespace"],
    ["a.b:c", "a_b_c"],
    ["ä", "__"],
    ["€x", "___x"],
  ])("sym(%s) is %s: one _ per byte outside [A-Za-z0-9_]", (text, expected) => {
    expect(sym(text)).toBe(expected);
  });

  it("names RouteGroup routes, catch-alls and copies as Skipper does", () => {
    expect(routeGroupRouteId("my-namespace", "my-routegroup", "", 0, 0, false)).toBe("kube_rg__my_namespace__my_routegroup__all__0_0");
    expect(routeGroupRouteId("", "myapp", "GET", 1, 0, false)).toBe("kube_rg__default__myapp__get__1_0");
    expect(routeGroupRouteId("default", "myapp1", "", 0, 0, true)).toBe("kube_rg__internal_default__myapp1__all__0_0");
    expect(routeGroupCatchAllId("example.org", false)).toBe("kube_rg____example_org__catchall__0_0");
    expect(routeGroupCatchAllId("a.ingress.cluster.local", true)).toBe("kube_rg__internal___a_ingress_cluster_local__catchall__0_0");
    expect(eastWestId("kube_rg__default__myapp__all__0_0")).toBe("kubeew_rg__default__myapp__all__0_0");
  });

  it("names Ingress routes as Skipper does", () => {
    expect(ingressRouteId("foo", "qux", "www.example.org", "/exact", "qux")).toBe("kube_foo__qux__www_example_org___exact__qux");
    expect(ingressRouteId("foo", "qux", "www.example.org", "/", "bar")).toBe("kube_foo__qux__www_example_org_____bar");
    expect(ingressRouteId("namespace1", "ingress1", "", "", "")).toBe("kube_namespace1__ingress1______");
    expect(ingressRouteId("", "catchall", "www.example.org", "", "")).toBe("kube___catchall__www_example_org____");
  });

  it("writes host regexps with [.], an optional dot and port, alternatives in one group", () => {
    expect(hostRegexp(["example.org"])).toBe("^(example[.]org[.]?(:[0-9]+)?)$");
    expect(hostRegexp(["a.test", "b.test"])).toBe("^(a[.]test[.]?(:[0-9]+)?|b[.]test[.]?(:[0-9]+)?)$");
  });
});
