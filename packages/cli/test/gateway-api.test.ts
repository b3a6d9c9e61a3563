import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { bosunGateway } from "../../../test/support/gateway-manifests.ts";
import { gatewayListenerBinding } from "../src/listen-address.js";
import { runCli, tempFiles } from "./run-cli.js";

const gateway = `${bosunGateway("infra", "gw", undefined, ", generation: 3")}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {ports: [{port: 80, targetPort: 8080}]}
`;

const route = (name: string, backend: string, parent = "gw") => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: shop, generation: 7}
spec:
  parentRefs: [{name: ${parent}, namespace: infra}]
  rules: [{matches: [{headers: [{type: RegularExpression, name: x-re, value: "(a"}]}], backendRefs: [{name: ${backend}, port: 80}]}]
`;

describe("bosun status", () => {
  it("prints each Gateway API object with its computed status, in the manifests' order, and exits 1 for a route not all resolved", async () => {
    const dir = tempFiles({ "all.yaml": gateway + route("good", "web") + route("broken", "missing") });
    const { code, stdout } = await runCli("status", dir);
    expect(code).toBe(1);
    const documents = stdout.split(/^---$/m).map((text) => parse(text) as { kind: string; metadata: { name: string }; status: Record<string, unknown> });
    expect(documents.map((document) => `${document.kind}/${document.metadata.name}`)).toEqual(["GatewayClass/bosun", "Gateway/gw", "HTTPRoute/good", "HTTPRoute/broken"]);
    const parents = (name: string) => documents.find((document) => document.metadata.name === name)!.status["parents"] as { parentRef: unknown; conditions: { type: string; status: string; reason: string; observedGeneration: number }[] }[];
    expect(parents("good")[0]!.parentRef).toEqual({ name: "gw", namespace: "infra" });
    expect(parents("good")[0]!.conditions.map((entry) => [entry.type, entry.status, entry.reason, entry.observedGeneration])).toEqual([
      ["Accepted", "True", "Accepted", 7],
      ["ResolvedRefs", "True", "ResolvedRefs", 7],
    ]);
    expect(parents("broken")[0]!.conditions[1]).toMatchObject({ type: "ResolvedRefs", status: "False", reason: "BackendNotFound" });
    const listeners = documents[1]!.status["listeners"] as { name: string; attachedRoutes: number }[];
    expect(listeners).toMatchObject([{ name: "http", attachedRoutes: 2 }]);
    expect(stdout).not.toMatch(/[&*]a\d/);
  });

  it("exits 0 when every HTTPRoute is accepted with its references resolved", async () => {
    const { code } = await runCli("status", "--manifests", tempFiles({ "all.yaml": gateway + route("good", "web") }));
    expect(code).toBe(0);
  });
});

describe("bosun validate and compile on Gateway API objects", () => {
  it("counts Gateways and HTTPRoutes as checked and reports each problem once, at its field", async () => {
    const dir = tempFiles({ "all.yaml": gateway + route("broken", "missing") + route("lost", "web", "nowhere") });
    const { code, stdout, stderr } = await runCli("validate", dir);
    expect(code).toBe(1);
    expect(stdout.split("\n").filter(Boolean)).toEqual([
      "httproute/shop/broken: spec.rules[0].backendRefs[0]: BackendNotFound: Service shop/missing not found",
      expect.stringMatching(/^httproute\/shop\/broken: spec\.rules\[0\]\.matches\[0\]: .*HeaderRegexp/),
      "httproute/shop/lost: spec.parentRefs[0]: warning: Gateway infra/nowhere not found: the route is not attached there",
    ]);
    expect(stderr).toBe("3 objects checked, 2 problems, 1 warning\n");
  });

  it("compiles HTTPRoutes of the named controller's classes only", async () => {
    const dir = tempFiles({ "all.yaml": gateway + route("good", "web") });
    expect((await runCli("compile", dir)).stdout).toContain("kube_gw__shop__good__infra_gw_http__r0_m0_h0_b0");
    const other = await runCli("compile", "--gateway-controller-name", "example.com/other", dir);
    expect(other.stdout).toBe("");
  });
});

describe("bosun explain on manifests", () => {
  it("names the HTTPRoute, rule and match a request on a Gateway port takes, the listener chosen by its Host", async () => {
    const dir = tempFiles({ "all.yaml": gateway + route("good", "web").replace('[{headers: [{type: RegularExpression, name: x-re, value: "(a"}]}]', "[{path: {type: Exact, value: /a}}, {path: {type: PathPrefix, value: /b}}]") });
    const { code, stdout } = await runCli("explain", "--manifests", dir, "--listener", "80", "GET http://shop.example/b/c");
    expect(stdout.split("\n").slice(0, 2)).toEqual(["GET shop.example/b/c on listener infra/gw/http", "  → route kube_gw__shop__good__infra_gw_http__r0_m1_h0_b0 (HTTPRoute/shop/good spec.rules[0].matches[1])"]);
    // A Service without endpoints answers 503: not a problem of the input.
    expect(code).toBe(0);
    const own = await runCli("explain", "--manifests", dir, "GET http://shop.example/b/c");
    expect(own.stdout).toContain("→ no route matches");
  });
});

describe("--listener", () => {
  it.each([
    ["80=127.0.0.1:9080", { port: 80, gateway: undefined, address: { host: "127.0.0.1", port: 9080 } }],
    ["infra/shared:443=:8443", { port: 443, gateway: "infra/shared", address: { host: "0.0.0.0", port: 8443 } }],
  ])("reads %s", (text, binding) => {
    expect(gatewayListenerBinding(text)).toEqual(binding);
  });

  it.each(["80", "shared:80=127.0.0.1:1", "0=127.0.0.1:1", "80=nowhere"])("refuses %s", (text) => {
    expect(() => gatewayListenerBinding(text)).toThrow(/--listener/);
  });
});
