import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { printRoute } from "@bosun/eskip";
import { KubernetesSource, kubeConfigFor } from "@bosun/cluster";
import { defaultCompileOptions } from "@bosun/kube";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordingSink } from "../../packages/cluster/test/recording-sink.ts";
import { testTool } from "../support/test-tools.ts";
import { writeKubeconfig } from "./kubeconfig.ts";
import { TestApiServer } from "./server.ts";

/**
 * The test API server held to a second real client: kubectl, which knows the API server's
 * protocol from the other side. `--validate=false`, because the server has no OpenAPI documents.
 */
const haveKubectl = testTool("kubectl", "the test API server against kubectl");

let api: TestApiServer;
let dir: string;
let kubeconfig: string;
beforeAll(async () => {
  api = await TestApiServer.start({ bookmarkMs: 200 });
  api.installCrd("RouteGroup");
  dir = mkdtempSync(join(tmpdir(), "bosun-kubectl-"));
  kubeconfig = writeKubeconfig(dir, api.url);
});
afterAll(async () => {
  await api.stop();
});

/** kubectl, run without blocking: the API server it talks to answers from this same process. */
async function kubectl(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn("kubectl", ["--kubeconfig", kubeconfig, ...args]);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

function manifest(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const routeGroupYaml = (path: string) => `apiVersion: zalando.org/v1
kind: RouteGroup
metadata: {name: shop, namespace: shop}
spec:
  backends: [{name: s, type: shunt}]
  defaultBackends: [{backendName: s}]
  routes: [{path: ${path}}]
`;

describe.runIf(haveKubectl)("the test API server, as kubectl sees it", () => {
  it("takes kubectl apply, create then configure, and gives back what was applied with get", async () => {
    const file = manifest("rg.yaml", routeGroupYaml("/one"));
    expect(await kubectl("apply", "--validate=false", "-f", file)).toMatchObject({ code: 0, stdout: "routegroup.zalando.org/shop created\n" });
    manifest("rg.yaml", routeGroupYaml("/two"));
    expect(await kubectl("apply", "--validate=false", "-f", file)).toMatchObject({ code: 0, stdout: "routegroup.zalando.org/shop configured\n" });
    const got = JSON.parse((await kubectl("get", "routegroups", "-n", "shop", "shop", "-o", "json")).stdout) as { spec: { routes: Array<{ path: string }> }; metadata: { generation: number } };
    expect(got.spec.routes[0]!.path).toBe("/two");
    expect(got.metadata.generation).toBe(2);
    expect((await kubectl("get", "rg", "-A", "-o", "name")).stdout).toBe("routegroup.zalando.org/shop\n");
  });

  it("keeps a Service's ports through kubectl's patch of an applied Service", async () => {
    const file = manifest("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {type: ClusterIP, ports: [{port: 80, targetPort: 8080}]}\n");
    expect((await kubectl("apply", "--validate=false", "-f", file)).code).toBe(0);
    manifest("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {type: ClusterIP, ports: [{port: 80, targetPort: 8081}]}\n");
    expect((await kubectl("apply", "--validate=false", "-f", file)).code).toBe(0);
    expect((await kubectl("get", "svc", "-n", "shop", "web", "-o", "jsonpath={.spec.ports[0].targetPort}")).stdout).toBe("8081");
  });

  it("streams to kubectl get --watch what another client changes", async () => {
    const watching = kubectl("get", "rg", "-n", "shop", "--watch", "-o", "jsonpath={.spec.routes[0].path}{\"\\n\"}", "--request-timeout=3s");
    await new Promise((resolve) => setTimeout(resolve, 800));
    api.apply({ apiVersion: "zalando.org/v1", kind: "RouteGroup", metadata: { name: "shop", namespace: "shop" }, spec: { backends: [{ name: "s", type: "shunt" }], defaultBackends: [{ backendName: "s" }], routes: [{ path: "/three" }] } });
    const { stdout } = await watching;
    expect(stdout.split("\n").filter((line) => line !== "")).toEqual(["/two", "/three"]);
  });

  it("and bosun's client, following the server, serves what kubectl applied", async () => {
    const source = new KubernetesSource({ config: kubeConfigFor({ from: "kubeconfig", path: kubeconfig }), compileOptions: defaultCompileOptions, quietMs: 20 });
    const sink = new RecordingSink();
    try {
      await source.start(sink);
      expect(sink.last.routes.map((route) => printRoute(route))).toEqual(['Path("/three") -> <shunt>']);
      await kubectl("apply", "--validate=false", "-f", manifest("rg.yaml", routeGroupYaml("/four")));
      await sink.until(2);
      expect(sink.last.routes.map((route) => printRoute(route))).toEqual(['Path("/four") -> <shunt>']);
      expect((await kubectl("delete", "rg", "-n", "shop", "shop")).code).toBe(0);
      await sink.until(3);
      expect(sink.last.routes).toEqual([]);
    } finally {
      await source.close();
    }
  });
});
