import { describe, expect, it } from "vitest";
import { backendPoolName } from "../../src/gateway/backends.js";
import { parseGatewayDuration } from "../../src/gateway/durations.js";
import type { BackendRef } from "../../src/gateway/http-routes.js";
import { clusterStateFrom, objectsFromYaml, validateObjects } from "../../src/index.js";
import { opensslOrSkip, selfSignedCertificate, tlsSecretYaml } from "../../../../test/support/tls-certificates.ts";
import { callOf, cluster, compile, httpRoute, parentConditions, printed } from "./support.js";

const parent = "parentRefs: [{name: gw}]";

describe("HTTPRoute precedence (gateway-api.md §2.6, §3.7)", () => {
  it("ranks the worked example of HTTPRouteMatching: a longer prefix, then header counts, then rule order", () => {
    const { routes } = compile(
      cluster() +
        httpRoute(
          "matching",
          `${parent}
rules:
- matches: [{path: {type: PathPrefix, value: /}}, {headers: [{name: version, value: one}]}]
  backendRefs: [{name: v1, port: 8080}]
- matches: [{path: {type: PathPrefix, value: /v2}}, {headers: [{name: version, value: two}]}]
  backendRefs: [{name: v2, port: 8080}]`,
        ),
    );
    const byRank = [...routes].sort((a, b) => (callOf(b, "Weight")!.args[0] as number) - (callOf(a, "Weight")!.args[0] as number));
    expect(byRank.map((route) => route.id.replace(/^.*__/, ""))).toEqual(["r1_m0_h0_b0", "r0_m1_h0_b0", "r1_m1_h0_b0", "r0_m0_h0_b0"]);
    expect(callOf(byRank[0]!, "PathRegexp")!.args).toEqual(["^/v2(/|$)"]);
    expect(callOf(byRank[1]!, "Header")!.args).toEqual(["Version", "one"]);
    expect(byRank.every((route) => callOf(route, "Listener")!.args.join() === "infra/gw,http")).toBe(true);
    expect(byRank.every((route) => route.filters[0]!.name === "preserveHost")).toBe(true);
  });

  it("is lexicographic: a method beats any number of headers, a longer prefix beats a method, Exact beats a longer prefix", () => {
    const { routes } = compile(
      cluster() +
        httpRoute(
          "order",
          `${parent}
rules:
- matches: [{path: {type: PathPrefix, value: /}, headers: [{name: a, value: "1"}, {name: b, value: "2"}, {name: c, value: "3"}]}]
  backendRefs: [{name: v1, port: 8080}]
- matches: [{path: {type: PathPrefix, value: /}, method: PATCH}]
  backendRefs: [{name: v2, port: 8080}]
- matches: [{path: {type: PathPrefix, value: /path5}}]
  backendRefs: [{name: v3, port: 8080}]
- matches: [{path: {type: Exact, value: /p}}]
  backendRefs: [{name: v3, port: 8080}]`,
        ),
    );
    const rank = (rule: number) => callOf(routes.find((route) => route.id.includes(`__r${rule}_`))!, "Weight")!.args[0] as number;
    expect(rank(3)).toBeGreaterThan(rank(2));
    expect(rank(2)).toBeGreaterThan(rank(1));
    expect(rank(1)).toBeGreaterThan(rank(0));
  });

  it("puts the route with the more specific hostname first, then the older route, then namespace/name", () => {
    const { routes } = compile(
      cluster() +
        httpRoute("young", `${parent}\nhostnames: ["a.example.com"]\nrules: [{backendRefs: [{name: v1, port: 8080}]}]`, "infra", ", creationTimestamp: '2026-01-02T00:00:00Z'") +
        httpRoute("old", `${parent}\nrules: [{backendRefs: [{name: v2, port: 8080}]}]`, "infra", ", creationTimestamp: '2026-01-01T00:00:00Z'") +
        httpRoute("b-same-age", `${parent}\nrules: [{backendRefs: [{name: v3, port: 8080}]}]`, "infra", ", creationTimestamp: '2026-01-01T00:00:00Z'") +
        httpRoute("wild", `${parent}\nhostnames: ["*.example.com"]\nrules: [{matches: [{path: {type: PathPrefix, value: /api}}], backendRefs: [{name: v3, port: 8080}]}]`),
    );
    const order = [...routes].sort((a, b) => (callOf(b, "Weight")!.args[0] as number) - (callOf(a, "Weight")!.args[0] as number)).map((route) => route.id.split("__")[2]);
    // §3.3 (d): an exact hostname beats a wildcard's longer path, as the spec orders hostnames first.
    expect(order).toEqual(["young", "wild", "b_same_age", "old"]);
  });
});

describe("matches as predicates (gateway-api.md §2.5, §3.4)", () => {
  it("anchors Exact, makes PathPrefix element-wise, and uses the first of repeated header names", () => {
    const { routes } = compile(
      cluster() +
        httpRoute(
          "paths",
          `${parent}
rules:
- matches:
  - path: {type: Exact, value: /a.b}
  - path: {type: PathPrefix, value: /v2/}
  - path: {type: RegularExpression, value: "/r[0-9]+"}
    headers: [{name: x-Dup, value: first}, {name: X-DUP, value: second}, {type: RegularExpression, name: x-re, value: "a|b"}]
    queryParams: [{name: animal, value: whale.1}]
    method: GET
  backendRefs: [{name: v1, port: 8080}]`,
        ),
    );
    const [exact, prefix, regexp] = ["m0", "m1", "m2"].map((match) => routes.find((route) => route.id.includes(`_${match}_`))!);
    expect(callOf(exact!, "PathRegexp")!.args).toEqual(["^/a\\.b$"]);
    expect(callOf(prefix!, "PathRegexp")!.args).toEqual(["^/v2(/|$)"]);
    expect(regexp!.predicates.filter((call) => call.name !== "Listener" && call.name !== "Weight")).toEqual([
      { name: "PathRegexp", args: ["^(?:/r[0-9]+)$"] },
      { name: "Method", args: ["GET"] },
      { name: "Header", args: ["X-Dup", "first"] },
      { name: "HeaderRegexp", args: ["X-Re", "^(?:a|b)$"] },
      { name: "QueryParam", args: ["animal", "^whale\\.1$"] },
    ]);
  });

  it("drops a rule with an unsupported path type and keeps the others, saying so in status", () => {
    const compilation = compile(
      cluster() +
        httpRoute(
          "partly",
          `${parent}
rules:
- matches: [{path: {type: Glob, value: "/*"}}]
  backendRefs: [{name: v1, port: 8080}]
- backendRefs: [{name: v2, port: 8080}]`,
        ),
    );
    expect(compilation.routes.map((route) => route.id.replace(/^.*__/, ""))).toEqual(["r1_m0_h0_b0"]);
    const conditions = parentConditions(compilation, "partly");
    expect(conditions["Accepted"]!.status).toBe("True");
    expect(conditions["PartiallyInvalid"]!.message).toMatch(/^Dropped Rule: spec\.rules\[0\]\.matches\[0\]\.path\.type: unsupported path match type "Glob"/);
    expect(compilation.problems.map((problem) => [problem.place.fieldPath, problem.reason.split(":")[0]])).toEqual([["spec.rules[0].matches[0].path.type", "UnsupportedValue"]]);
  });
});

describe("weighted backendRefs (gateway-api.md §2.8, §3.5)", () => {
  it("splits 70/30/0 over TrafficSegment ranges and gives the zero weight nothing", () => {
    const { routes } = compile(
      cluster() + httpRoute("weights", `${parent}\nrules: [{backendRefs: [{name: v1, port: 8080, weight: 70}, {name: v2, port: 8080, weight: 30}, {name: v3, port: 8080, weight: 0}]}]`),
    );
    expect(routes.map((route) => [route.id.replace(/^.*__/, ""), callOf(route, "TrafficSegment")?.args, route.backend])).toEqual([
      ["r0_m0_h0_b0", [0, 0.7], { type: "lb", algorithm: "roundRobin", endpoints: [{ address: "http://10.0.1.1:3000" }] }],
      ["r0_m0_h0_b1", [0.7, 1], { type: "lb", algorithm: "roundRobin", endpoints: [{ address: "http://10.0.1.2:3000" }] }],
    ]);
  });

  it("answers 500 for the share of a backend that does not resolve, and says why in ResolvedRefs", () => {
    const compilation = compile(cluster() + httpRoute("half", `${parent}\nrules: [{backendRefs: [{name: v1, port: 8080}, {name: missing, port: 8080}]}]`));
    expect(printed(compilation.routes)[1]).toMatch(/TrafficSegment\(0\.5, 1\) .*-> status\(500\) -> <shunt>$/);
    const conditions = parentConditions(compilation, "half");
    expect([conditions["Accepted"]!.status, conditions["ResolvedRefs"]!.status, conditions["ResolvedRefs"]!.reason]).toEqual(["True", "False", "BackendNotFound"]);
  });

  it.each([
    ["no backendRefs", "rules: [{matches: [{path: {type: PathPrefix, value: /}}]}]"],
    ["weights summing to 0", "rules: [{backendRefs: [{name: v1, port: 8080, weight: 0}]}]"],
    ["no rules at all", "hostnames: [a.io]"],
  ])("answers 500 with %s", (_, spec) => {
    const { routes } = compile(cluster() + httpRoute("empty", `${parent}\n${spec}`));
    expect(routes).toHaveLength(1);
    expect(routes[0]!.filters).toEqual([{ name: "status", args: [500] }]);
    expect(routes[0]!.backend).toEqual({ type: "shunt" });
  });

  it("answers 503 for a Service without ready endpoints", () => {
    const { routes } = compile(cluster() + "---\napiVersion: v1\nkind: Service\nmetadata: {name: idle, namespace: infra}\nspec: {ports: [{port: 8080}]}\n" + httpRoute("idle", `${parent}\nrules: [{backendRefs: [{name: idle, port: 8080}]}]`));
    expect(routes[0]!.filters).toEqual([{ name: "status", args: [503] }]);
  });

  it("refuses a Service of another namespace without a ReferenceGrant that names every field, and follows one that does", () => {
    const route = httpRoute("cross", `${parent}\nrules: [{backendRefs: [{name: shop, namespace: apps, port: 8080}]}]`);
    const grant = (from: string, to: string) => `---
apiVersion: gateway.networking.k8s.io/v1
kind: ReferenceGrant
metadata: {name: grant, namespace: apps}
spec: {from: [${from}], to: [${to}]}
`;
    const good = "{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: infra}";
    const reasonWith = (grants: string) => parentConditions(compile(cluster() + route + grants), "cross")["ResolvedRefs"]!.reason;
    expect(reasonWith("")).toBe("RefNotPermitted");
    expect(reasonWith(grant(good, "{group: '', kind: Service}"))).toBe("ResolvedRefs");
    expect(reasonWith(grant(good, "{group: '', kind: Service, name: shop}"))).toBe("ResolvedRefs");
    expect(reasonWith(grant(good, "{group: '', kind: Service, name: other}"))).toBe("RefNotPermitted");
    expect(reasonWith(grant("{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: elsewhere}", "{group: '', kind: Service}"))).toBe("RefNotPermitted");
    expect(reasonWith(grant("{group: gateway.networking.k8s.io, kind: GRPCRoute, namespace: infra}", "{group: '', kind: Service}"))).toBe("RefNotPermitted");
  });

  it("names backend pools as Kong names combined services (gateway-api.md §3.6)", () => {
    const ref = (name: string, port: number, weight: number, namespace = "ns"): BackendRef => ({ group: "", kind: "Service", namespace, name, port, weight, filters: [], fieldPath: "" });
    expect(backendPoolName("default", [ref("echo-2", 8080, 25, "default"), ref("echo-1", 80, 75, "default")])).toBe("httproute.default.svc.default.echo-1.80.75_default.echo-2.8080.25");
    // `-` sorts before `.`: whole strings in byte order, not field by field.
    expect(backendPoolName("ns", [ref("echo", 80, 1), ref("echo-1", 80, 1)])).toBe("httproute.ns.svc.ns.echo-1.80.1_ns.echo.80.1");
    expect(backendPoolName("ns", [])).toBe("httproute.ns.svc._");
    const long = backendPoolName("ns", Array.from({ length: 40 }, (_, i) => ref(`service-with-a-long-name-${i}`, 8080, 1)));
    expect(long).toMatch(/^httproute\.ns\.svc\.ns\.service-with-a-long-name-0\.8080\.1_combined\.[0-9a-f]{64}$/);
  });
});

describe("attachment (gateway-api.md §2.1)", () => {
  const listeners = `
    - {name: http, port: 80, protocol: HTTP, hostname: "*.example.com"}
    - {name: admin, port: 8080, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {team: ops}}}}}
    - {name: tls, port: 443, protocol: TLS}`;
  const namespace = "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: apps, labels: {team: ops}}\n";

  it.each([
    ["a sectionName no listener has", "[{name: gw, sectionName: nope}]", "infra", "NoMatchingParent"],
    ["a sectionName and a port of two listeners", "[{name: gw, sectionName: http, port: 8080}]", "infra", "NoMatchingParent"],
    ["a namespace the listener does not select", "[{name: gw, namespace: infra, sectionName: admin}]", "other", "NotAllowedByListeners"],
    ["a TLS listener", "[{name: gw, sectionName: tls}]", "infra", "NotAllowedByListeners"],
    ["hostnames that do not intersect", "[{name: gw, sectionName: http}]", "infra", "NoMatchingListenerHostname"],
    ["a namespace the selector selects", "[{name: gw, namespace: infra, sectionName: admin}]", "apps", "Accepted"],
  ])("with %s: %s", (_, parentRefs, routeNamespace, reason) => {
    const compilation = compile(cluster(listeners) + namespace + httpRoute("r", `parentRefs: ${parentRefs}\nhostnames: [other.io]\nrules: [{backendRefs: [{name: v1, namespace: infra, port: 8080}]}]`, routeNamespace));
    expect(parentConditions(compilation, "r")["Accepted"]!.reason).toBe(reason);
  });

  it("counts attached routes per listener, marks listeners that conflict, and offers only usable listeners to the proxy", () => {
    const compilation = compile(
      cluster("[{name: a, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}, {name: b, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}, {name: c, port: 81, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]") +
        httpRoute("one", `${parent}\nrules: [{backendRefs: [{name: v1, port: 8080}]}]`) +
        httpRoute("two", `${parent}\nrules: [{backendRefs: [{name: v2, port: 8080}]}]`),
    );
    const gateway = compilation.statuses.find((entry) => entry.object.kind === "Gateway")!.status as { listeners: { name: string; attachedRoutes: number; conditions: { type: string; status: string }[] }[] };
    expect(gateway.listeners.map((listener) => [listener.name, listener.attachedRoutes, listener.conditions.find((entry) => entry.type === "Conflicted")!.status])).toEqual([
      ["a", 0, "True"],
      ["b", 0, "True"],
      ["c", 2, "False"],
    ]);
    expect(compilation.listeners.map((listener) => listener.key)).toEqual(["infra/gw/c"]);
    expect(compilation.routes.every((route) => callOf(route, "Listener")!.args[1] === "c")).toBe(true);
  });

  it("serves nothing of a Gateway of another controller's class, and warns of a class that does not exist", () => {
    const other = cluster().replace("spec: {controllerName: bosun.dev/gateway-controller}", "spec: {controllerName: example.com/other}");
    const compilation = compile(other + httpRoute("r", `${parent}\nrules: [{backendRefs: [{name: v1, port: 8080}]}]`));
    expect(compilation.routes).toEqual([]);
    expect(compilation.statuses.filter((entry) => entry.object.kind === "HTTPRoute")[0]!.status).toEqual({ parents: [] });
    const missing = compile(cluster().replace("gatewayClassName: bosun", "gatewayClassName: nowhere"));
    expect(missing.problems.map((problem) => problem.reason)).toEqual(['GatewayClass "nowhere" not found: the Gateway is not served']);
  });
});

describe("filters (gateway-api.md §2.7)", () => {
  const withFilters = (filters: string, listeners?: string, backendRefs = "backendRefs: [{name: v1, port: 8080}]", objects = "") =>
    compile(cluster(listeners) + objects + httpRoute("f", `${parent}\nrules:\n- matches: [{path: {type: PathPrefix, value: /prefix/}}]\n  filters: ${filters}\n  ${backendRefs}`)).routes[0]!;

  it("sets, adds and removes headers with literal values", () => {
    const route = withFilters('[{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: X-A, value: "${request.path}"}], add: [{name: X-B, value: b}], remove: [X-C]}}, {type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: X-D, value: d}]}}]');
    expect(route.filters.slice(1, 5)).toEqual([
      { name: "setRequestHeaderLiteral", args: ["X-A", "${request.path}"] },
      { name: "appendRequestHeader", args: ["X-B", "b"] },
      { name: "dropRequestHeader", args: ["X-C"] },
      { name: "setResponseHeader", args: ["X-D", "d"] },
    ]);
  });

  it.each([
    ["no scheme or port on a listener of port 8080", "{}", "{name: http, port: 8080, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}", [302, "http", "", 8080]],
    ["scheme https on a listener of port 8080", "{scheme: https}", "{name: http, port: 8080, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}", [302, "https", "", 0]],
    ["a hostname and port 80", "{hostname: example.org, port: 80}", "{name: http, port: 8080, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}", [302, "http", "example.org", 0]],
  ])("redirects with %s", (_, redirect, listener, args) => {
    const route = withFilters(`[{type: RequestRedirect, requestRedirect: ${redirect}}]`, `[${listener}]`, "");
    expect(callOf(route, "gatewayRedirect")!.args).toEqual(args);
    expect(route.backend).toEqual({ type: "shunt" });
  });

  it.skipIf(!opensslOrSkip("a redirect on an HTTPS listener"))("redirects with scheme http on an HTTPS listener", () => {
    const listener = "[{name: https, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: cert}]}, allowedRoutes: {namespaces: {from: All}}}]";
    const route = withFilters("[{type: RequestRedirect, requestRedirect: {scheme: http, statusCode: 301}}]", listener, "", tlsSecretYaml("infra", "cert", selfSignedCertificate(["a.example"])!));
    expect(callOf(route, "gatewayRedirect")!.args).toEqual([301, "http", "", 0]);
  });

  it("rewrites the prefix a PathPrefix matched, and the hostname sent upstream", () => {
    const route = withFilters("[{type: URLRewrite, urlRewrite: {hostname: inner.example, path: {type: ReplacePrefixMatch, replacePrefixMatch: /one/}}}]");
    expect(route.filters.slice(1, 3)).toEqual([
      { name: "setRequestHeader", args: ["Host", "inner.example"] },
      { name: "modPath", args: ["^/prefix(/.*)?$", "/one${1}"] },
    ]);
  });

  it("mirrors to one endpoint of each mirror's Service, sampled by percent or fraction", () => {
    const route = withFilters(
      "[{type: RequestMirror, requestMirror: {backendRef: {name: v2, port: 8080}}}, {type: RequestMirror, requestMirror: {backendRef: {name: v3, port: 8080}, percent: 50}}, {type: RequestMirror, requestMirror: {backendRef: {name: v3, port: 8080}, fraction: {numerator: 1, denominator: 4}}}]",
    );
    expect(route.filters.slice(1, 4)).toEqual([
      { name: "teenf", args: ["http://10.0.1.2:3000"] },
      { name: "teeSampled", args: ["http://10.0.1.3:3000", 0.5] },
      { name: "teeSampled", args: ["http://10.0.1.3:3000", 0.25] },
    ]);
  });

  it("times the backend out after the shorter of the rule's timeouts", () => {
    const { routes } = compile(cluster() + httpRoute("t", `${parent}\nrules: [{timeouts: {request: 10s, backendRequest: 1s500ms}, backendRefs: [{name: v1, port: 8080}]}]`));
    expect(callOf(routes[0]!, "backendTimeout")!.args).toEqual(["1500ms"]);
  });

  it("answers 500 for an ExtensionRef it cannot resolve, and drops a rule with a filter it does not support", () => {
    expect(withFilters("[{type: ExtensionRef, extensionRef: {group: example.com, kind: Thing, name: x}}]").filters).toEqual([{ name: "status", args: [500] }]);
    const compilation = compile(cluster() + httpRoute("cors", `${parent}\nrules: [{filters: [{type: CORS, cors: {allowOrigins: ["*"]}}], backendRefs: [{name: v1, port: 8080}]}]`));
    expect(compilation.routes).toEqual([]);
    expect(parentConditions(compilation, "cors")["Accepted"]).toMatchObject({ status: "False", reason: "UnsupportedValue" });
  });
});

describe("experimental fields bosun does not serve", () => {
  it("serves a rule with retry or sessionPersistence without them, and warns at the field", () => {
    const compilation = compile(cluster() + httpRoute("r", `${parent}\nrules: [{retry: {attempts: 2, codes: [500]}, sessionPersistence: {type: Cookie}, backendRefs: [{name: v1, port: 8080}]}]`));
    expect(compilation.routes).toHaveLength(1);
    expect(parentConditions(compilation, "r")["Accepted"]!.status).toBe("True");
    expect(compilation.problems.map((problem) => [problem.level, problem.place.fieldPath, problem.reason])).toEqual([
      ["warning", "spec.rules[0].retry", "retry is not supported by bosun: the rule is served without it"],
      ["warning", "spec.rules[0].sessionPersistence", "sessionPersistence is not supported by bosun: the rule is served without it"],
    ]);
  });
});

describe("Gateway API durations (GEP-2257)", () => {
  it.each([
    ["1h30m", 5_400_000],
    ["500ms", 500],
    ["1s500ms", 1_500],
    ["0s", 0],
    ["1.5s", undefined],
    ["123456s", undefined],
    ["1d", undefined],
  ])("%s is %s ms", (text, ms) => {
    expect(parseGatewayDuration(text)).toBe(ms);
  });
});

describe("apiVersions", () => {
  it("reads a ReferenceGrant of v1beta1, as the API server still serves it, and validates it without a word", () => {
    const grant = "---\napiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: apps}\nspec: {from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: infra}], to: [{group: '', kind: Service}]}\n";
    const yaml = cluster() + httpRoute("cross", `${parent}\nrules: [{backendRefs: [{name: shop, namespace: apps, port: 8080}]}]`) + grant;
    expect(parentConditions(compile(yaml), "cross")["ResolvedRefs"]!.status).toBe("True");
    const objects = objectsFromYaml(yaml).objects;
    expect(validateObjects(clusterStateFrom(objects), undefined).problems).toEqual([]);
  });
});
