import { describe, expect, it } from "vitest";
import { runCli, tempFiles } from "./run-cli.js";

/** `bosun validate` of one manifest: its problem lines and exit status. */
async function validate(manifest: string): Promise<{ code: number; lines: string[]; summary: string }> {
  const result = await runCli("validate", `${tempFiles({ "manifest.yaml": manifest })}/manifest.yaml`);
  return { code: result.code, lines: result.stdout.split("\n").filter((line) => line !== ""), summary: result.stderr.trim() };
}

const service = `apiVersion: v1
kind: Service
metadata: {name: app, namespace: team}
spec:
  ports:
  - {name: http, port: 80, targetPort: 8080}
`;

describe("bosun validate: every problem of a RouteGroup, across its stages", () => {
  it("reports all of Skipper's failures, not only the first one Skipper stops at", async () => {
    const { code, lines } = await validate(`apiVersion: zalando.org/v1
kind: RouteGroup
metadata: {name: shop, namespace: team}
spec:
  backends:
  - {name: app, type: service, serviceName: app, servicePort: 80}
  - {name: app, type: shunt}
  - {name: lb, type: lb}
  routes:
  - {path: /a, backends: [{backendName: nowhere}]}
  - {path: /b, pathSubtree: /b, backends: [{backendName: app}, {backendName: app}]}
  - {path: /c, pathRegexp: "^/(c", backends: [{backendName: app}], filters: ['setRequestHeadr("X", "y")']}
`);
    expect(code).toBe(1);
    expect(lines).toEqual([
      "routegroup/team/shop: spec.backends[1].name: backends with duplicate name: app",
      "routegroup/team/shop: spec.backends[2]: missing LB endpoints in backend: lb",
      'routegroup/team/shop: spec.routes[0].backends[0].backendName: backend "nowhere" is not defined',
      'routegroup/team/shop: spec.routes[1].backends[1]: backend "app" is referenced twice',
      "routegroup/team/shop: spec.routes[1]: path and path subtree in the same route",
      expect.stringMatching(/^routegroup\/team\/shop: spec\.routes\[2\]\.pathRegexp: invalid_predicate_params: failed to create predicate PathRegexp\("\^\/\(c"\): /),
      'routegroup/team/shop: spec.routes[2].filters[0]: unknown_filter: filter "setRequestHeadr" not found; did you mean setRequestHeader?',
    ]);
  });

  it("tells a filter Skipper has and bosun lacks apart from a typo", async () => {
    const { lines } = await validate(`apiVersion: zalando.org/v1
kind: RouteGroup
metadata: {name: shop, namespace: team}
spec:
  backends: [{name: app, type: shunt}]
  defaultBackends: [{backendName: app}]
  routes:
  - {pathSubtree: /, filters: ['oauthGrant()']}
`);
    expect(lines).toEqual(['routegroup/team/shop: spec.routes[0].filters[0]: unknown_filter: filter "oauthGrant" not found: Skipper has this filter, bosun does not yet']);
  });
});

describe("bosun validate: Ingresses, as thoroughly as RouteGroups", () => {
  it("accepts a valid Ingress whose Service is in the manifests", async () => {
    const { code, lines, summary } = await validate(`${service}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: team
  annotations:
    zalando.org/skipper-filter: 'setRequestHeader("X-Team", "a") -> setResponseHeader("X-Team", "a")'
    zalando.org/skipper-predicate: 'Header("X-Beta", "1")'
    zalando.org/backend-weights: '{"app": 100}'
    zalando.org/skipper-ingress-path-mode: path-prefix
spec:
  rules:
  - host: shop.example.org
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: app, port: {name: http}}}}
      - {path: /api, pathType: ImplementationSpecific, backend: {service: {name: app, port: {number: 80}}}}
`);
    expect({ code, lines, summary }).toEqual({ code: 0, lines: [], summary: "1 object checked, 0 problems" });
  });

  it("reports what the API server rejects in hosts, paths, pathType, backends and ports", async () => {
    const { code, lines } = await validate(`${service}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: team}
spec:
  rules:
  - host: Shop_Example.org
    http:
      paths:
      - {path: api, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}
      - {path: /a//b, pathType: Exact, backend: {service: {name: app, port: {number: 70000}}}}
      - {path: /c, backend: {service: {name: app, port: {name: http, number: 80}}}}
      - {path: /d, pathType: Regex, backend: {service: {name: App, port: {name: Not_A_Name}}}}
      - {path: /e, pathType: Prefix, backend: {service: {name: app, port: {number: 81}}}}
      - {path: /f, pathType: Prefix, backend: {service: {name: app}}}
      - {path: /g, pathType: Prefix, backend: {resource: {kind: Bucket, name: b}}}
`);
    expect(code).toBe(1);
    const at = "ingress/team/web: spec.rules[0]";
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${escape(at)}\\.host: Invalid value: "Shop_Example\\.org": a lowercase RFC 1123 subdomain`)),
      `${at}.http.paths[0].path: Invalid value: "api": must be an absolute path`,
      `${at}.http.paths[1].path: Invalid value: "/a//b": must not contain '//'`,
      `${at}.http.paths[1].backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive`,
      `${at}.http.paths[2].pathType: Required value: pathType must be specified`,
      `${at}.http.paths[2].backend.service.port: Invalid value: cannot set both port name & port number`,
      `${at}.http.paths[3].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"`,
      expect.stringMatching(new RegExp(`^${escape(at)}\\.http\\.paths\\[3\\]\\.backend\\.service\\.name: Invalid value: "App": a DNS-1035 label`)),
      `${at}.http.paths[3].backend.service.port.name: Invalid value: "Not_A_Name": must contain only lower case alphanumeric characters and single hyphens between them`,
      `${at}.http.paths[4].backend.service.port: service "app" has no port "81" (its ports: 80/http): the route would answer 502`,
      `${at}.http.paths[5].backend.service.port: Invalid value: port name or number is required`,
      `${at}.http.paths[6].backend.resource: warning: a resource backend is routed neither by Skipper nor by bosun: this path gets no route`,
    ]);
  });

  it("holds the annotations' predicates, filters, routes and weights against the same checks as serve", async () => {
    const { code, lines } = await validate(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: team
  annotations:
    zalando.org/skipper-filter: 'setRequestHeader("X-Team") -> setResponseHeadr("a")'
    zalando.org/skipper-predicate: 'Method("GET") && Cookie()'
    zalando.org/skipper-routes: 'r1: Path("/x") -> nosuchFilter() -> <shunt>; r2: * -> "not a url"'
    zalando.org/backend-weights: '{"app": "half", "other": 10}'
    zalando.org/skipper-ingress-path-mode: path-regex
    zalando.org/skipper-ingress-redirect-code: "200"
spec:
  defaultBackend: {service: {name: app, port: {number: 80}}}
`);
    expect(code).toBe(1);
    const at = "ingress/team/web: metadata.annotations";
    expect(lines).toEqual([
      `${at}[zalando.org/skipper-ingress-path-mode]: unknown path mode "path-regex" (one of kubernetes-ingress, path-regexp, path-prefix): Skipper would use kubernetes-ingress`,
      `${at}[zalando.org/skipper-ingress-redirect-code]: "200" is no redirect status (300 to 399): Skipper would use its default code`,
      `${at}[zalando.org/backend-weights]: the weight of "app" is "half", not a number of 0 or more`,
      `${at}[zalando.org/backend-weights]: warning: a weight for service "other", which no backend of this ingress names`,
      expect.stringMatching(new RegExp(`^${escape(at)}\\[zalando\\.org/skipper-predicate\\]: invalid_predicate_params: failed to create predicate Cookie\\(\\)`)),
      expect.stringMatching(new RegExp(`^${escape(at)}\\[zalando\\.org/skipper-filter\\]: invalid_filter_params: failed to create filter setRequestHeader\\("X-Team"\\)`)),
      `${at}[zalando.org/skipper-filter]: unknown_filter: filter "setResponseHeadr" not found; did you mean setResponseHeader?`,
      `${at}[zalando.org/skipper-routes]: route "r1": unknown_filter: filter "nosuchFilter" not found`,
      expect.stringMatching(new RegExp(`^${escape(at)}\\[zalando\\.org/skipper-routes\\]: route "r2": `)),
    ]);
  });

  it("checks an ImplementationSpecific path as the regexp Skipper makes of it", async () => {
    const { lines } = await validate(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: team, annotations: {zalando.org/skipper-ingress-path-mode: path-regexp}}
spec:
  rules:
  - http:
      paths:
      - {path: "/(a", pathType: ImplementationSpecific, backend: {service: {name: app, port: {number: 80}}}}
`);
    expect(lines).toEqual([expect.stringMatching(/^ingress\/team\/web: spec\.rules\[0\]\.http\.paths\[0\]\.path: invalid_predicate_params: failed to create predicate PathRegexp\("\/\(a"\)/)]);
  });
});

describe("bosun validate: objects it does not read are never counted silently as nothing", () => {
  it("reports Gateway API kinds and known kinds in another apiVersion as errors, other kinds as warnings", async () => {
    const { code, lines, summary } = await validate(`apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: shop, namespace: team}
spec: {}
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: old, namespace: team}
spec: {}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: team}
`);
    expect(code).toBe(1);
    expect(lines).toEqual([
      "grpcroute/team/shop: kind: GRPCRoute is a Gateway API kind bosun does not compile (it compiles GatewayClass, Gateway, HTTPRoute and ReferenceGrant): it routes nothing",
      'ingress/team/old: apiVersion: Ingress is read as networking.k8s.io/v1, not as "extensions/v1beta1": the API server would not serve it so, and bosun ignores it',
      "deployment/team/app: kind: warning: Deployment (apps/v1) is not a kind bosun reads: ignored",
    ]);
    expect(summary).toBe("0 objects checked, 2 problems, 1 warning");
  });

  it("exits 0 when warnings are all there is", async () => {
    const { code, summary } = await validate("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: team}\n");
    expect({ code, summary }).toEqual({ code: 0, summary: "0 objects checked, 0 problems, 1 warning" });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
