import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { endpoints, ingress, routeGroup, service } from "../k8s-api/objects.ts";
import { TestApiServer } from "../k8s-api/server.ts";
import { writeKubeconfig } from "../k8s-api/kubeconfig.ts";
import { startServe, type ServeProcess } from "../support/serve-process.ts";
import { TestBackend } from "./support/backend.ts";
import { send } from "./support/client.ts";

let api: TestApiServer;
let v1: TestBackend;
let v2: TestBackend;
let serve: ServeProcess | undefined;

beforeAll(async () => {
  [v1, v2] = await Promise.all([TestBackend.start("v1"), TestBackend.start("v2")]);
});
afterAll(async () => {
  await Promise.all([v1.close(), v2.close()]);
});
beforeEach(async () => {
  api = await TestApiServer.start({ bookmarkMs: 200 });
  api.installCrd("RouteGroup");
});
afterEach(async () => {
  await serve?.stop();
  serve = undefined;
  await api.stop();
});

const backendOf = async (url: string) => String((await send(url, { timeoutMs: 2_000 })).headers["x-backend"] ?? "none");

/** Polls until `check` holds, for at most `ms`; returns how long it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`not within ${ms} ms; bosun said: ${serve?.output.stderr ?? ""}`);
}

/** A client that keeps sending to `url` until stopped, and counts what does not come back 200. */
function steadyTraffic(url: string): { stop(): Promise<{ sent: number; failed: string[] }> } {
  let running = true;
  const failed: string[] = [];
  let sent = 0;
  const loop = (async () => {
    while (running) {
      sent++;
      const response = await send(url, { timeoutMs: 2_000 }).catch((error: Error) => ({ status: error.message }));
      if (response.status !== 200) failed.push(String(response.status));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { sent, failed };
    },
  };
}

function seed(): void {
  api.apply(service("shop", "cart", v1.port));
  api.apply(endpoints("shop", "cart", v1.port));
  api.apply(routeGroup("shop", "cart", "/cart", "cart"));
  api.apply(service("shop", "docs", v2.port));
  api.apply(endpoints("shop", "docs", v2.port));
}

const listen = ["--address", "127.0.0.1:0", "--admin-address", "127.0.0.1:0", "--access-log", "off"];

describe("bosun serve following a Kubernetes API server", () => {
  it("serves what is created, changed and deleted through the API within a bounded time, with requests flowing throughout", async () => {
    seed();
    serve = await startServe("--kubernetes-url", api.url, ...listen);
    expect(await backendOf(`${serve.address}/cart`)).toBe("v1");
    const traffic = steadyTraffic(`${serve.address}/cart`);
    api.apply(routeGroup("shop", "docs", "/docs", "docs"));
    const created = await within(3_000, async () => (await backendOf(`${serve!.address}/docs`)) === "v2");
    api.apply(routeGroup("shop", "docs", "/docs", "docs", { filters: ['setResponseHeader("X-Changed", "yes")'] }));
    const changed = await within(3_000, async () => (await send(`${serve!.address}/docs`)).headers["x-changed"] === "yes");
    api.remove("RouteGroup", "shop", "docs");
    const deleted = await within(3_000, async () => (await send(`${serve!.address}/docs`)).status === 404);
    const { sent, failed } = await traffic.stop();
    expect(failed).toEqual([]);
    expect(sent).toBeGreaterThan(5);
    expect(Math.max(created, changed, deleted)).toBeLessThan(3_000);
  });

  it("reads the cluster through a kubeconfig, and Skipper's flags", async () => {
    seed();
    const kubeconfig = writeKubeconfig(mkdtempSync(`${tmpdir()}/bosun-kube-`), api.url);
    serve = await startServe("--kubeconfig", kubeconfig, ...listen);
    expect(await backendOf(`${serve.address}/cart`)).toBe("v1");
    expect(api.requests.some((request) => request.path === "/apis/zalando.org/v1/routegroups")).toBe(true);
    await serve.stop();
    serve = await startServe("-kubernetes", "-kubernetes-url", api.url, "-kubernetes-namespace", "shop", ...listen);
    expect(await backendOf(`${serve.address}/cart`)).toBe("v1");
    expect(api.requests.some((request) => request.path === "/apis/zalando.org/v1/namespaces/shop/routegroups")).toBe(true);
  });

  it("is not ready while the API is down at start, serves its files meanwhile, and is ready once the API answers", async () => {
    seed();
    await api.stop();
    const dir = mkdtempSync(`${tmpdir()}/bosun-kube-`);
    const { writeFileSync } = await import("node:fs");
    writeFileSync(`${dir}/local.eskip`, `local: Path("/local") -> "${v2.url}";`);
    serve = await startServe("--routes-file", `${dir}/local.eskip`, "--kubernetes-url", api.url, ...listen);
    const waiting = await send(`${serve.admin}/healthz`);
    expect(waiting.status).toBe(503);
    expect(waiting.text).toContain(`kubernetes ${api.url}`);
    expect(await backendOf(`${serve.address}/local`)).toBe("v2");
    await api.resume();
    await within(5_000, async () => (await send(`${serve!.admin}/healthz`)).status === 200);
    expect(await backendOf(`${serve.address}/cart`)).toBe("v1");
  });

  it("keeps serving the last table while the API is gone, and a cut watch, 410 Gone and a slow API cost no request", async () => {
    seed();
    serve = await startServe("--kubernetes-url", api.url, ...listen);
    const traffic = steadyTraffic(`${serve.address}/cart`);
    api.cutWatches();
    api.store.compact();
    // One object changed, so that no table in between routes to a half-changed service.
    api.apply(routeGroup("shop", "cart", "/cart", "docs"));
    await within(5_000, async () => (await backendOf(`${serve!.address}/cart`)) === "v2");
    api.latencyMs = 300;
    api.cutWatches();
    api.apply(routeGroup("shop", "cart", "/cart", "docs", { filters: ['setResponseHeader("X-Slow", "yes")'] }));
    await within(5_000, async () => (await send(`${serve!.address}/cart`)).headers["x-slow"] === "yes");
    api.latencyMs = 0;
    await api.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { failed } = await traffic.stop();
    expect(failed).toEqual([]);
    expect(await backendOf(`${serve.address}/cart`)).toBe("v2");
    expect(serve.output.stderr).toContain("routes not updated: the last good table keeps serving");
    await api.resume();
  });

  it("leaves a malformed object out, logged with its field, and routes every other", async () => {
    seed();
    api.apply({ apiVersion: "zalando.org/v1", kind: "RouteGroup", metadata: { namespace: "shop", name: "broken" }, spec: { backends: [{ name: "x", type: "network" }], routes: [{ path: "/b" }] } });
    serve = await startServe("--kubernetes-url", api.url, ...listen);
    expect(await backendOf(`${serve.address}/cart`)).toBe("v1");
    const logged = serve.output.stderr.split("\n").find((line) => line.includes('"name":"broken"'));
    expect(JSON.parse(logged!)).toMatchObject({ code: "invalid_object", kind: "RouteGroup", namespace: "shop" });
    const metrics = (await send(`${serve.admin}/metrics`)).text;
    expect(metrics).toMatch(new RegExp(`bosun_source_invalid_objects\\{source="kubernetes ${api.url.replaceAll(".", "\\.")}"\\} 1`));
  });

  it("serves Ingresses while the RouteGroup CRD is missing, says so once, and serves RouteGroups once it is installed", async () => {
    seed();
    api.uninstallCrd("RouteGroup");
    api.apply(ingress("shop", "docs", "/docs", "docs"));
    serve = await startServe("--kubernetes-url", api.url, ...listen);
    expect(await backendOf(`${serve.address}/docs`)).toBe("v2");
    expect((await send(`${serve.admin}/healthz`)).status).toBe(200);
    api.installCrd("RouteGroup");
    await within(8_000, async () => (await backendOf(`${serve!.address}/cart`)) === "v1");
    // The Gateway API's CRDs, missing here too, are told of once each, at info.
    expect(serve.output.stderr.split("\n").filter((line) => line.includes("CustomResourceDefinition is not installed") && line.includes("RouteGroup"))).toHaveLength(1);
  });

  it("writes each RouteGroup's status back under the Lease --status-lease names, gives the Lease up on stop, and writes nothing with --status-writes off", async () => {
    seed();
    api.apply({ apiVersion: "zalando.org/v1", kind: "RouteGroup", metadata: { namespace: "shop", name: "broken" }, spec: { backends: [{ name: "x", type: "network" }], routes: [{ path: "/b" }] } });
    serve = await startServe("--kubernetes-url", api.url, "--status-lease", "shop/bosun-writers", ...listen);
    const routeGroupType = api.typeOf("RouteGroup");
    type Status = { conditions?: Array<{ type: string; status: string; reason: string }>; observedGeneration?: number };
    const acceptedOf = (name: string) => (api.store.get(routeGroupType, "shop", name) as { status?: Status }).status?.conditions?.find((condition) => condition.type === "Accepted");
    await within(5_000, async () => acceptedOf("cart") !== undefined && acceptedOf("broken") !== undefined);
    expect(acceptedOf("cart")).toMatchObject({ status: "True", reason: "Accepted" });
    expect(acceptedOf("broken")).toMatchObject({ status: "False", reason: "Invalid" });
    const lease = () => (api.store.get(api.typeOf("Lease"), "shop", "bosun-writers") as unknown as { spec: { holderIdentity: string } }).spec;
    expect(lease().holderIdentity).toMatch(/\/\d+$/);
    await serve.stop();
    expect(lease().holderIdentity, serve.output.stderr).toBe("");
    serve = await startServe("--kubernetes-url", api.url, "--status-lease", "shop/bosun-writers", "--status-writes", "off", ...listen);
    const writesBefore = api.requests.filter((request) => request.method === "PUT").length;
    api.apply(routeGroup("shop", "broken", "/broken", "docs"));
    await within(3_000, async () => (await backendOf(`${serve!.address}/broken`)) === "v2");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api.requests.filter((request) => request.method === "PUT").length).toBe(writesBefore);
    expect(acceptedOf("broken")).toMatchObject({ status: "False" });
  });
});
