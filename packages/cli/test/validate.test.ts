import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempFiles } from "./run-cli.js";

const group = (spec: string, name = "shop") => `apiVersion: zalando.org/v1
kind: RouteGroup
metadata:
  name: ${name}
  namespace: team
spec:
${spec}`;

describe("bosun validate", () => {
  it("accepts valid RouteGroups and Ingresses and exits 0", async () => {
    const result = await runCli("validate", "examples/routegroups", "examples/ingress");
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^\d+ objects checked, 0 problems\n$/);
  });

  it("reports schema, Skipper's rules and registry problems with kubectl names and field paths", async () => {
    const dir = tempFiles({
      "bad.yaml": [
        group(`  hosts: [shop.example.org, shop.example.org]
  backends:
  - name: app
    type: service
    serviceName: app
    servicePort: 80
  routes:
  - path: /a
    methods: [get]
    backends:
    - backendName: missing`),
        group(
          `  hosts: [api.example.org]
  backends:
  - name: app
    type: shunt
  defaultBackends:
  - backendName: app
  routes:
  - pathSubtree: /
    predicates: ['Nonsense("x")']
    filters: ['setPath()', 'status(404)']`,
          "api",
        ),
      ].join("\n---\n"),
      "ingress.yaml": `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: team
  annotations:
    zalando.org/skipper-filter: 'setPath("/x" ->'
spec:
  rules: []
`,
    });
    const result = await runCli("validate", dir);
    expect(result.code).toBe(1);
    // Each object's problems together, in the order of the manifests; one problem is said once
    // (the duplicate host is the schema's and Skipper's, reported in the schema's words only).
    expect(result.stdout.trim().split("\n")).toEqual([
      'routegroup/team/shop: spec.hosts[1]: Duplicate value: "shop.example.org"',
      expect.stringMatching(/^routegroup\/team\/shop: spec\.routes\[0\]\.methods\[0\]: Unsupported value: "get"/),
      'routegroup/team/shop: spec.routes[0].backends[0].backendName: backend "missing" is not defined',
      'routegroup/team/api: spec.routes[0].predicates[0]: unknown_predicate: predicate "Nonsense" not found',
      "routegroup/team/api: spec.routes[0].filters[0]: invalid_filter_params: failed to create filter setPath(): invalid filter parameters",
      expect.stringMatching(/^ingress\/team\/web: metadata\.annotations: invalid "zalando\.org\/skipper-filter" annotation: parse failed after token ->, position 15/),
      "ingress/team/web: spec: Invalid value: either `defaultBackend` or `rules` must be specified",
    ]);
    expect(result.stderr).toBe("3 objects checked, 7 problems\n");
  });

  it("reports a manifest that does not parse as YAML", async () => {
    const dir = tempFiles({ "broken.yaml": "kind: RouteGroup\n  : [\n" });
    const result = await runCli("validate", join(dir, "broken.yaml"));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/broken\.yaml/);
  });

  it("is a usage error without manifests", async () => {
    expect((await runCli("validate")).code).toBe(2);
  });
});
