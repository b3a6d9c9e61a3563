import { describe, expect, it } from "vitest";
import {
  clusterStateFrom,
  compileCluster,
  defaultCompileOptions,
  ingressToRouteGroup,
  manifestsYaml,
  objectsFromYaml,
  type Json,
  type JsonObject,
  type KubeObject,
} from "../src/index.js";

/** An Ingress `web` in namespace `shop`. */
function ingress(spec: JsonObject, annotations: Record<string, string> = {}, labels: Record<string, string> = {}): KubeObject {
  const metadata = { namespace: "shop", name: "web", annotations, labels };
  return { kind: "Ingress", apiVersion: "networking.k8s.io/v1", metadata, body: { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata, spec } };
}

function service(name: string, spec: JsonObject): KubeObject {
  const metadata = { namespace: "shop", name, annotations: {}, labels: {} };
  return { kind: "Service", apiVersion: "v1", metadata, body: { kind: "Service", metadata, spec } };
}

const backend = (name: string, port: number | string): Json => ({ service: { name, port: typeof port === "number" ? { number: port } : { name: port } } });
const path = (value: string, pathType: string, to: Json = backend("shop", 80)): Json => ({ path: value, pathType, backend: to });
const rule = (host: string, ...paths: Json[]): Json => ({ host, http: { paths } });
const shopService = service("shop", { type: "ClusterIP", ports: [{ name: "http", port: 80, targetPort: 8080 }] });

/** The conversion with the shop Service (and `services`) in the cluster state. */
function convert(object: KubeObject, services: KubeObject[] = [], options = {}) {
  return ingressToRouteGroup(object, clusterStateFrom([object, shopService, ...services]), options);
}

function specOf(object: KubeObject, services: KubeObject[] = []): JsonObject {
  const { routeGroup, problems } = convert(object, services);
  expect(problems).toEqual([]);
  return routeGroup!["spec"] as JsonObject;
}

const routesOf = (object: KubeObject, services: KubeObject[] = []) => specOf(object, services)["routes"];
const shop80 = { name: "shop-80", type: "service", serviceName: "shop", servicePort: 80 };

describe("ingressToRouteGroup", () => {
  it("makes a RouteGroup of the same name, namespace and labels, a backend per service and port, a route per path", () => {
    const conversion = convert(ingress({ rules: [rule("shop.example.org", path("/api", "Prefix"))] }, {}, { app: "shop" }));
    expect(conversion).toEqual({
      problems: [],
      routeGroup: {
        apiVersion: "zalando.org/v1",
        kind: "RouteGroup",
        metadata: { name: "web", namespace: "shop", labels: { app: "shop" } },
        spec: { hosts: ["shop.example.org"], backends: [shop80], routes: [{ pathSubtree: "/api", backends: [{ backendName: "shop-80" }] }] },
      },
    });
  });

  it("keeps the annotations a RouteGroup understands, drops the ones it converts, and carries the class over", () => {
    const annotations = {
      "zalando.org/skipper-filter": 'setPath("/")',
      "zalando.org/skipper-ingress-redirect": "true",
      "zalando.org/skipper-ingress-redirect-code": "301",
      "zalando.org/skipper-backend-protocol": "h2c",
      "zalando.org/skipper-ingress-path-mode": "path-prefix",
      "kubernetes.io/ingress.class": "internal",
      "kubectl.kubernetes.io/last-applied-configuration": "{}",
      "example.org/owner": "team-a",
    };
    const { routeGroup } = convert(ingress({ rules: [rule("a.org", path("/", "Prefix"))] }, annotations));
    expect((routeGroup!["metadata"] as JsonObject)["annotations"]).toEqual({
      "zalando.org/skipper-ingress-redirect": "true",
      "zalando.org/skipper-ingress-redirect-code": "301",
      "zalando.org/skipper-backend-protocol": "h2c",
      "example.org/owner": "team-a",
      "zalando.org/routegroup.class": "internal",
    });
    const byClassName = convert(ingress({ ingressClassName: "skipper", rules: [rule("a.org", path("/", "Prefix"))] }));
    expect((byClassName.routeGroup!["metadata"] as JsonObject)["annotations"]).toEqual({ "zalando.org/routegroup.class": "skipper" });
  });

  it.each([
    ["Exact", "/a", undefined, { path: "/a" }],
    ["Prefix", "/a", undefined, { pathSubtree: "/a" }],
    ["ImplementationSpecific", "/a", undefined, { pathRegexp: "^(/a)" }],
    ["ImplementationSpecific", "/", undefined, { pathRegexp: "^/" }],
    ["", "/a", undefined, { pathRegexp: "^(/a)" }],
    ["ImplementationSpecific", "^/a$", "path-regexp", { pathRegexp: "^/a$" }],
    ["ImplementationSpecific", "/a", "path-prefix", { pathSubtree: "/a" }],
    ["Exact", "", undefined, {}],
  ])("maps pathType %j, path %j, path mode %s to %j (skipper-semantics §5.13.2)", (pathType, value, mode, expected) => {
    const annotations: Record<string, string> = mode === undefined ? {} : { "zalando.org/skipper-ingress-path-mode": mode };
    expect(routesOf(ingress({ rules: [rule("a.org", path(value, pathType))] }, annotations))).toEqual([{ ...expected, backends: [{ backendName: "shop-80" }] }]);
  });

  it("makes the path rules of one rule with the same path one weighted route, weights by service name", () => {
    const v2 = service("shop-v2", { ports: [{ port: 80, targetPort: 8080 }] });
    const rules = [rule("a.org", path("/", "Prefix"), path("/", "Prefix", backend("shop-v2", 80)), path("/x", "Exact"))];
    const weights = { "zalando.org/backend-weights": '{"shop": 80, "shop-v2": 20}' };
    expect(routesOf(ingress({ rules }, weights), [v2])).toEqual([
      { pathSubtree: "/", backends: [{ backendName: "shop-80", weight: 80 }, { backendName: "shop-v2-80", weight: 20 }] },
      { path: "/x", backends: [{ backendName: "shop-80" }] },
    ]);
    // Without weights both split evenly, as Skipper splits an Ingress's (§5.8): no weights needed.
    expect(routesOf(ingress({ rules }), [v2])).toEqual([
      { pathSubtree: "/", backends: [{ backendName: "shop-80" }, { backendName: "shop-v2-80" }] },
      { path: "/x", backends: [{ backendName: "shop-80" }] },
    ]);
  });

  it("gives each route a Host predicate when the hosts have different rules, and shares the routes of hosts with the same ones", () => {
    const same = ingress({ rules: [rule("a.org", path("/", "Prefix")), rule("b.org", path("/", "Prefix")), rule("a.org", path("/", "Prefix"))] });
    expect(specOf(same)["hosts"]).toEqual(["a.org", "b.org"]);
    expect(routesOf(same)).toEqual([{ pathSubtree: "/", backends: [{ backendName: "shop-80" }] }]);
    const different = ingress({ rules: [rule("a.org", path("/", "Prefix")), rule("b.org", path("/b", "Prefix")), rule("c.org", path("/", "Prefix"))] });
    expect(routesOf(different)).toEqual([
      { pathSubtree: "/", predicates: ['Host("^(a[.]org[.]?(:[0-9]+)?|c[.]org[.]?(:[0-9]+)?)$")'], backends: [{ backendName: "shop-80" }] },
      { pathSubtree: "/b", predicates: ['Host("^(b[.]org[.]?(:[0-9]+)?)$")'], backends: [{ backendName: "shop-80" }] },
    ]);
  });

  it("makes the default backend the group's default, and its route when the group can say it", () => {
    const onlyDefault = specOf(ingress({ defaultBackend: backend("shop", 80) }));
    expect(onlyDefault).toEqual({ backends: [shop80], defaultBackends: [{ backendName: "shop-80" }] });
    const other = service("other", { ports: [{ port: 81, targetPort: 8081 }] });
    const withoutHosts = specOf(ingress({ defaultBackend: backend("shop", 80), rules: [{ http: { paths: [path("/o", "Prefix", backend("other", 81))] } }] }), [other]);
    expect(withoutHosts["routes"]).toEqual([{ pathSubtree: "/o", backends: [{ backendName: "other-81" }] }, {}]);
    const withHosts = specOf(ingress({ defaultBackend: backend("shop", 80), rules: [rule("a.org", path("/", "Prefix"), path("/o", "Prefix", backend("other", 81)))] }), [other]);
    expect(withHosts["defaultBackends"]).toEqual([{ backendName: "shop-80" }]);
    expect(withHosts["routes"]).toEqual([{ pathSubtree: "/" }, { pathSubtree: "/o", backends: [{ backendName: "other-81" }] }]);
  });

  it("resolves a named port from the Service, as a RouteGroup needs the port number", () => {
    expect(specOf(ingress({ rules: [rule("a.org", path("/", "Prefix", backend("shop", "http")))] }))["backends"]).toEqual([
      { name: "shop-http", type: "service", serviceName: "shop", servicePort: 80 },
    ]);
  });

  it.each([
    ["a named port of a Service not in the manifests", backend("gone", "http"), "spec.rules[0].http.paths[0].backend.service.port.name", 'named port "http": RouteGroups need the port number, and service shop/gone is not in the manifests'],
    ["a port name the Service does not have", backend("shop", "grpc"), "spec.rules[0].http.paths[0].backend.service.port.name", 'service shop/shop has no port named "grpc"'],
    ["a resource backend", { resource: { kind: "Bucket", name: "b" } }, "spec.rules[0].http.paths[0].backend", "only service backends can be converted"],
  ])("leaves an Ingress out for %s", (_what, to, fieldPath, reason) => {
    expect(convert(ingress({ rules: [rule("a.org", path("/", "Prefix", to))] }))).toEqual({ routeGroup: undefined, problems: [{ fieldPath, reason }] });
  });

  it("leaves out an Ingress with invalid annotations, with rules with and without host, or with nothing to route", () => {
    const invalid = convert(ingress({ rules: [rule("a.org", path("/", "Prefix"))] }, { "zalando.org/skipper-filter": "setPath(" }));
    expect(invalid.routeGroup).toBeUndefined();
    expect(invalid.problems.map((problem) => problem.fieldPath)).toEqual(["metadata.annotations"]);
    expect(invalid.problems[0]!.reason).toMatch(/^invalid "zalando.org\/skipper-filter" annotation: /);
    const mixed = convert(ingress({ rules: [rule("a.org", path("/", "Prefix")), { http: { paths: [path("/", "Prefix")] } }] }));
    expect(mixed.routeGroup).toBeUndefined();
    expect(mixed.problems.map((problem) => problem.fieldPath)).toEqual(["spec.rules"]);
    expect(convert(ingress({ rules: [{ host: "a.org" }] })).problems).toEqual([{ fieldPath: "spec", reason: "nothing to route: no path rules and no default backend" }]);
  });

  it("leaves out an Ingress whose path rules sharing a path cannot be one weighted route", () => {
    const external = service("ext", { type: "ExternalName", externalName: "api.example.com", ports: [{ port: 80, targetPort: 80 }] });
    const cases: [Json[], string, string][] = [
      [[path("/", "Prefix"), path("/", "Exact", backend("ext", 80))], "spec.rules[0].http.paths[1].pathType", 'path rules of one rule with the same path "/" share their weights; with different pathTypes they cannot be one RouteGroup route'],
      [[path("/", "Prefix"), path("/", "Prefix")], "spec.rules[0].http.paths[1].backend", 'backend shop-80 appears twice for the path "/"'],
      [[path("/", "Prefix", backend("ext", 80)), path("/", "Prefix")], "spec.rules[0].http.paths[0].backend", 'an ExternalName service needs its own Host header filter, which a route shared with other backends for the path "/" cannot have'],
    ];
    for (const [paths, fieldPath, reason] of cases) {
      const { routeGroup, problems } = convert(ingress({ rules: [rule("a.org", ...paths)] }), [external]);
      expect(routeGroup).toBeUndefined();
      expect(problems).toContainEqual({ fieldPath, reason });
    }
    // An empty pathType is ImplementationSpecific, as Skipper reads it.
    expect(routesOf(ingress({ rules: [rule("a.org", path("/a", ""), path("/a", "ImplementationSpecific", backend("other", 80)))] }))).toHaveLength(1);
  });

  it("converts, with a caveat, what Skipper routes differently for a RouteGroup: missing ports, named targetPorts, other service types", () => {
    const named = service("named", { ports: [{ name: "http", port: 80, targetPort: "web" }] });
    const nodePort = service("node", { type: "NodePort", ports: [{ port: 80, targetPort: 8080 }] });
    const rules = [rule("a.org", path("/a", "Prefix", backend("shop", 81)), path("/b", "Prefix", backend("named", 80)), path("/c", "Prefix", backend("node", 80)))];
    const { routeGroup, problems } = convert(ingress({ rules }), [named, nodePort]);
    expect(routeGroup).toBeDefined();
    expect(problems.map((problem) => problem.fieldPath)).toEqual([
      "spec.rules[0].http.paths[0].backend.service.port.number",
      "spec.rules[0].http.paths[1].backend.service.port",
      "spec.rules[0].http.paths[2].backend.service.name",
    ]);
    expect(problems[1]!.reason).toBe(
      'service shop/named port 80 has the targetPort "web", not its own name "http": Skipper finds a RouteGroup\'s endpoints by the targetPort name, an Ingress\'s by the port\'s name',
    );
  });

  it("makes an ExternalName service a network backend with the Host header set, as Skipper compiles it (§5.13.3)", () => {
    const external = service("ext", { type: "ExternalName", externalName: "api.example.com", ports: [{ name: "https", port: 443, targetPort: 443 }] });
    const object = ingress({ rules: [rule("a.org", path("/api", "Prefix", backend("ext", "https")))] });
    const { routeGroup, problems } = convert(object, [external]);
    expect(routeGroup!["spec"]).toEqual({
      hosts: ["a.org"],
      backends: [{ name: "ext-https", type: "network", address: "https://api.example.com:443" }],
      routes: [{ pathSubtree: "/api", filters: ['setRequestHeader("Host", "api.example.com")'], backends: [{ backendName: "ext-https" }] }],
    });
    expect(problems.map((problem) => problem.fieldPath)).toEqual(["spec.rules[0].http.paths[0].backend.service.name"]);
    const preserved = convert(object, [external], { externalNamePreserveHost: true });
    expect((preserved.routeGroup!["spec"] as JsonObject)["routes"]).toEqual([{ pathSubtree: "/api", backends: [{ backendName: "ext-https" }] }]);
  });

  it("puts skipper-predicate and ratelimit then skipper-filter on every route, each call one item", () => {
    const annotations = {
      "zalando.org/skipper-predicate": 'Header("X-A", "1") && Traffic(.5)',
      "zalando.org/ratelimit": "ratelimit(50, \"1m\")",
      "zalando.org/skipper-filter": 'setPath("/") -> setRequestHeader("X-B", "2")',
      "zalando.org/skipper-loadbalancer": "consistentHash",
    };
    const spec = specOf(ingress({ rules: [rule("a.org", path("/", "Prefix"))] }, annotations));
    expect(spec["backends"]).toEqual([{ ...shop80, algorithm: "consistentHash" }]);
    expect(spec["routes"]).toEqual([
      {
        pathSubtree: "/",
        predicates: ['Header("X-A", "1")', "Traffic(0.5)"],
        filters: ['ratelimit(50, "1m")', 'setPath("/")', 'setRequestHeader("X-B", "2")'],
        backends: [{ backendName: "shop-80" }],
      },
    ]);
  });

  it("lets a Path of skipper-predicate replace the rule's path in path-prefix mode (§5.13.5)", () => {
    const annotations = { "zalando.org/skipper-ingress-path-mode": "path-prefix", "zalando.org/skipper-predicate": 'Path("/only")' };
    expect(routesOf(ingress({ rules: [rule("a.org", path("/", "ImplementationSpecific"))] }, annotations))).toEqual([
      { predicates: ['Path("/only")'], backends: [{ backendName: "shop-80" }] },
    ]);
  });

  it("copies skipper-routes for every path as Skipper does (§5.13.6), with a backend for each eskip backend", () => {
    const routes = [
      'options: Method("OPTIONS") && Host("ignored") -> status(204) -> <shunt>;',
      'out: Header("X-Out", "1") -> "https://out.example.org/ignored/path";',
      'pool: Header("X-Pool", "1") -> <random, "http://10.0.0.1:80", "http://10.0.0.2:80">;',
      'exact: Path("/exact") -> <loopback>;',
    ].join("\n");
    const spec = specOf(ingress({ rules: [rule("a.org", path("/a", "Prefix")), rule("a.org", path("/a", "Prefix"), path("", "ImplementationSpecific"))] }, { "zalando.org/skipper-routes": routes }));
    expect(spec["backends"]).toEqual([
      shop80,
      { name: "shunt", type: "shunt" },
      { name: "network", type: "network", address: "https://out.example.org" },
      { name: "lb", type: "lb", algorithm: "random", endpoints: ["http://10.0.0.1:80", "http://10.0.0.2:80"] },
      { name: "loopback", type: "loopback" },
    ]);
    expect(spec["routes"]).toEqual([
      { pathSubtree: "/a", backends: [{ backendName: "shop-80" }] },
      { pathSubtree: "/a", predicates: ['Method("OPTIONS")'], filters: ["status(204)"], backends: [{ backendName: "shunt" }] },
      { pathSubtree: "/a", predicates: ['Header("X-Out", "1")'], backends: [{ backendName: "network" }] },
      { pathSubtree: "/a", predicates: ['Header("X-Pool", "1")'], backends: [{ backendName: "lb" }] },
      // `exact` with PathSubtree("/a") has two path predicates: Skipper drops that copy.
      { backends: [{ backendName: "shop-80" }] },
      { predicates: ['Method("OPTIONS")'], filters: ["status(204)"], backends: [{ backendName: "shunt" }] },
      { predicates: ['Header("X-Out", "1")'], backends: [{ backendName: "network" }] },
      { predicates: ['Header("X-Pool", "1")'], backends: [{ backendName: "lb" }] },
      { predicates: ['Path("/exact")'], backends: [{ backendName: "loopback" }] },
    ]);
  });

  it("turns zalando.org/skipper-backend: forward into forward backends; annotation shunts stay shunts without filters", () => {
    const annotations = { "zalando.org/skipper-backend": "forward", "zalando.org/skipper-routes": 'Method("OPTIONS") -> status(200) -> <shunt>' };
    const { routeGroup } = convert(ingress({ rules: [rule("a.org", path("/", "Prefix"))] }, annotations));
    expect((routeGroup!["metadata"] as JsonObject)["annotations"]).toBeUndefined();
    expect(routeGroup!["spec"]).toEqual({
      hosts: ["a.org"],
      backends: [{ name: "shop-80", type: "forward" }, { name: "shunt", type: "shunt" }],
      routes: [
        { pathSubtree: "/", backends: [{ backendName: "shop-80" }] },
        { pathSubtree: "/", predicates: ['Method("OPTIONS")'], backends: [{ backendName: "shunt" }] },
      ],
    });
  });

  it("keeps the TLS entries that name hosts and a secret", () => {
    const tls: Json[] = [{ hosts: ["a.org"], secretName: "a-tls" }, { secretName: "default-tls" }, { hosts: ["b.org"] }];
    const { routeGroup, problems } = convert(ingress({ tls, rules: [rule("a.org", path("/", "Prefix"))] }));
    expect((routeGroup!["spec"] as JsonObject)["tls"]).toEqual([{ hosts: ["a.org"], secretName: "a-tls" }]);
    expect(problems).toEqual([{ fieldPath: "spec.tls[1]", reason: "left out: a RouteGroup TLS entry needs hosts" }]);
  });

  it("makes RouteGroups that compile to the Ingress's routes, Host predicates included", () => {
    const object = ingress({ rules: [rule("a.org", path("/a", "Exact")), rule("b.org", path("/b", "Exact"))] }, { "zalando.org/skipper-predicate": 'Header("X", "y")' });
    const { routeGroup } = convert(object);
    const state = clusterStateFrom([...objectsFromYaml(manifestsYaml([routeGroup!])).objects, shopService]);
    const { routes, problems } = compileCluster(state, defaultCompileOptions);
    expect(problems).toEqual([]);
    expect(routes.map((route) => route.predicates.map((predicate) => `${predicate.name}(${predicate.args.join(", ")})`))).toEqual([
      ["Path(/a)", "Host(^(a[.]org[.]?(:[0-9]+)?|b[.]org[.]?(:[0-9]+)?)$)", "Host(^(a[.]org[.]?(:[0-9]+)?)$)", 'Header(X, y)'],
      ["Path(/b)", "Host(^(a[.]org[.]?(:[0-9]+)?|b[.]org[.]?(:[0-9]+)?)$)", "Host(^(b[.]org[.]?(:[0-9]+)?)$)", 'Header(X, y)'],
      ["Host(^(a[.]org[.]?(:[0-9]+)?)$)"],
      ["Host(^(b[.]org[.]?(:[0-9]+)?)$)"],
    ]);
  });
});

describe("manifestsYaml", () => {
  it("writes a multi-document stream that reads back as the same objects, long strings unfolded", () => {
    const long = `setRequestHeader("X-Long", "${"x".repeat(120)}")`;
    const objects: JsonObject[] = [
      { apiVersion: "zalando.org/v1", kind: "RouteGroup", metadata: { name: "a" }, spec: { routes: [{ filters: [long] }] } },
      { apiVersion: "zalando.org/v1", kind: "RouteGroup", metadata: { name: "b", annotations: { x: "true" } } },
    ];
    const text = manifestsYaml(objects);
    expect(text.split("\n").filter((line) => line === "---")).toHaveLength(1);
    expect(text).toContain(`- ${long}\n`);
    expect(objectsFromYaml(text).objects.map((object) => object.body)).toEqual(objects);
  });
});
