import { printRoute } from "@bosun/eskip";
import { KubernetesSource, kubeConfigFor, OffThreadKubernetesSource } from "@bosun/cluster";
import { defaultCompileOptions } from "@bosun/kube";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RecordingSink } from "../../packages/cluster/test/recording-sink.ts";
import { endpoints, routeGroup, service } from "../k8s-api/objects.ts";
import { TestApiServer } from "../k8s-api/server.ts";

let api: TestApiServer;
const sources: Array<{ close(): Promise<void> }> = [];
beforeEach(async () => {
  api = await TestApiServer.start({ bookmarkMs: 100 });
  api.installCrd("RouteGroup");
});
afterEach(async () => {
  for (const source of sources.splice(0)) await source.close();
  await api.stop();
});

describe("the Kubernetes source in a worker thread", () => {
  it("delivers what the source delivers on this thread, follows changes, and writes status under its Lease", async () => {
    for (let i = 0; i < 600; i++) {
      api.apply(service("shop", `s${i}`, 9000 + i));
      api.apply(endpoints("shop", `s${i}`, 9000 + i));
      api.apply(routeGroup("shop", `rg${i}`, `/p${i}`, `s${i}`));
    }
    const here = new KubernetesSource({ config: kubeConfigFor({ from: "url", url: api.url }), compileOptions: defaultCompileOptions });
    sources.push(here);
    const hereSink = new RecordingSink();
    await here.start(hereSink);
    const statusProblems: unknown[] = [];
    const off = new OffThreadKubernetesSource("kubernetes (worker)", { choice: { from: "url", url: api.url }, compileOptions: defaultCompileOptions, status: { lease: { namespace: "bosun", name: "writers" }, identity: "worker-test" } }, (problems) => statusProblems.push(problems));
    sources.push(off);
    const sink = new RecordingSink();
    await off.start(sink);
    expect(sink.snapshots).toHaveLength(1);
    const { routes, ...rest } = sink.last;
    const { routes: hereRoutes, ...hereRest } = hereSink.last;
    expect(routes.map((route) => printRoute(route))).toEqual(hereRoutes.map((route) => printRoute(route)));
    expect(routes).toEqual(hereRoutes);
    expect({ ...rest, changedAt: 0 }).toEqual({ ...hereRest, changedAt: 0 });
    api.apply(routeGroup("shop", "rg0", "/changed", "s0"));
    await sink.until(2);
    expect(sink.last.routes.map((route) => printRoute(route))).toContain('PathSubtree("/changed") -> "http://127.0.0.1:9000"');
    const statusWrites = () => api.requests.filter((request) => request.method === "PUT" && request.path.endsWith("/status")).length;
    for (let i = 0; i < 500 && statusWrites() < 600; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((api.store.get(api.typeOf("Lease"), "bosun", "writers") as unknown as { spec: { holderIdentity: string } }).spec.holderIdentity).toBe("worker-test");
    expect((api.store.get(api.typeOf("RouteGroup"), "shop", "rg599") as { status?: { conditions?: unknown[] } }).status?.conditions).toHaveLength(1);
    expect(statusProblems).toEqual([]);
    // 600 statuses, written over kept-alive connections: a handful, not one each.
    expect(statusWrites()).toBeGreaterThanOrEqual(600);
    expect(api.connections).toBeLessThan(60);
  });
});
