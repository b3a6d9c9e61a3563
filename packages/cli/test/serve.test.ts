import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startServe } from "../../../test/support/serve-process.ts";
import { runCli, tempFiles } from "./run-cli.js";

/** `bosun serve` as users run it: the built binary in its own process, stopped by SIGTERM. */
describe("bosun serve", () => {
  it("serves the routes file, logs each request as JSON on stdout, and exits 0 on SIGTERM", async () => {
    const backend = createServer((_request, response) => response.end("from the backend"));
    backend.listen(0, "127.0.0.1");
    await once(backend, "listening");
    const port = (backend.address() as AddressInfo).port;
    const dir = tempFiles({ "routes.eskip": `hello: Path("/hello") -> setResponseHeader("X-Served-By", "bosun") -> "http://127.0.0.1:${port}";` });
    const { stop, address, output } = await startServe("--routes-file", join(dir, "routes.eskip"), "--address", "127.0.0.1:0", "--admin-address", "off");
    try {
      const response = await fetch(`${address}/hello`);
      expect(response.status).toBe(200);
      expect(response.headers.get("x-served-by")).toBe("bosun");
      expect(await response.text()).toBe("from the backend");
      expect(await stop()).toBe(0);
      const line = JSON.parse(output.stdout.trim().split("\n")[0]!) as Record<string, unknown>;
      expect(line).toMatchObject({ route: "hello", status: 200, path: "/hello" });
    } finally {
      await stop();
      backend.close();
    }
  });

  it("serves a manifests directory as a cluster: EndpointSlices by Skipper's flag, an invalid object left out with its field, a file added later", async () => {
    const backend = createServer((request, response) => response.end(`backend saw ${request.url}`));
    backend.listen(0, "127.0.0.1");
    await once(backend, "listening");
    const port = (backend.address() as AddressInfo).port;
    const objects = (name: string, path: string) => `apiVersion: v1
kind: Service
metadata: {namespace: shop, name: ${name}}
spec: {type: ClusterIP, ports: [{port: 80, targetPort: ${port}}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: shop, name: ${name}-1, labels: {kubernetes.io/service-name: ${name}}}
endpoints: [{addresses: [127.0.0.1], conditions: {ready: true}}]
ports: [{port: ${port}}]
---
apiVersion: zalando.org/v1
kind: RouteGroup
metadata: {namespace: shop, name: ${name}}
spec:
  backends: [{name: b, type: service, serviceName: ${name}, servicePort: 80}]
  defaultBackends: [{backendName: b}]
  routes: [{pathSubtree: ${path}}]
`;
    const broken = "apiVersion: zalando.org/v1\nkind: RouteGroup\nmetadata: {namespace: shop, name: broken}\nspec:\n  backends: [{name: s, type: shunt}]\n  defaultBackends: [{backendName: s}]\n  routes: [{path: /x, predicates: [\"Nope(\"]}]\n";
    const dir = tempFiles({ "shop.yaml": `${objects("shop", "/shop")}---\n${broken}` });
    const { stop, address, output } = await startServe("--manifests", dir, "-enable-kubernetes-endpointslices", "--address", "127.0.0.1:0", "--admin-address", "off", "--access-log", "off");
    try {
      expect(await (await fetch(`${address}/shop/cart`)).text()).toBe("backend saw /shop/cart");
      const problem = output.stderr.split("\n").find((line) => line.includes('"name":"broken"'));
      expect(JSON.parse(problem!)).toMatchObject({ level: 50, code: "invalid_object", kind: "RouteGroup", namespace: "shop", field: "spec.routes[0].predicates[0]" });
      writeFileSync(join(dir, "docs.yaml"), objects("docs", "/docs"));
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await fetch(`${address}/docs`)).status;
      }
      expect(status).toBe(200);
    } finally {
      await stop();
      backend.close();
    }
  });

  it("refuses to start on a routes file that does not parse, with file:line:col", async () => {
    const dir = tempFiles({ "routes.eskip": 'ok: Path("/a") -> <shunt>;\nbroken: Path("/b" -> <shunt>;' });
    const result = await runCli("serve", "--routes-file", join(dir, "routes.eskip"), "--address", "127.0.0.1:0", "--admin-address", "off");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/routes\.eskip:2:\d+/);
  });

  it("rejects an unknown engine as a usage error", async () => {
    const dir = tempFiles({ "routes.eskip": 'ok: Path("/a") -> <shunt>;' });
    const result = await runCli("serve", "--routes-file", join(dir, "routes.eskip"), "--proxy-engine", "nginx");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--proxy-engine must be one of undici, http-proxy-3");
  });
});
