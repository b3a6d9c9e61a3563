import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eskipFilesSource, manifestsSource, RouteServer, RoutesUrlSource } from "@bosun/cluster";
import { parse, type RouteSource } from "@bosun/eskip";
import { defaultCompileOptions } from "@bosun/kube";
import { BosunProxy, RoutesLoadError } from "@bosun/proxy";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TestBackend } from "./support/backend.ts";
import { send } from "./support/client.ts";
import { ManualSource } from "./support/manual-source.ts";
import { metric } from "./support/metrics.ts";
import { LogLines } from "./support/proxy.ts";

let a: TestBackend;
let b: TestBackend;
let proxy: BosunProxy | undefined;
let errorLog: LogLines;

beforeAll(async () => {
  [a, b] = await Promise.all([TestBackend.start("a"), TestBackend.start("b")]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "bosun-sources-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function serve(...sources: RouteSource[]): Promise<{ url: string; adminUrl: string }> {
  return serveWith({}, ...sources);
}

async function serveWith(options: { compactAfterMs?: number }, ...sources: RouteSource[]): Promise<{ url: string; adminUrl: string }> {
  errorLog = new LogLines();
  proxy = await BosunProxy.create({ ...options, sources, address: { host: "127.0.0.1", port: 0 }, adminAddress: { host: "127.0.0.1", port: 0 }, shutdownTimeoutMs: 1_000, accessLog: undefined, errorLog });
  const { proxy: address, admin } = await proxy.listen();
  return { url: `http://127.0.0.1:${address.port}`, adminUrl: `http://127.0.0.1:${admin!.port}` };
}

const backendOf = async (url: string) => String((await send(url)).headers["x-backend"] ?? "none");

const shopCluster = () => `apiVersion: v1
kind: Service
metadata: {namespace: shop, name: shop}
spec:
  type: ClusterIP
  ports: [{port: 80, targetPort: ${b.port}}]
---
apiVersion: v1
kind: Endpoints
metadata: {namespace: shop, name: shop}
subsets: [{addresses: [{ip: 127.0.0.1}], ports: [{port: ${b.port}}]}]
---
apiVersion: zalando.org/v1
kind: RouteGroup
metadata: {namespace: shop, name: shop}
spec:
  backends: [{name: shop, type: service, serviceName: shop, servicePort: 80}]
  defaultBackends: [{backendName: shop}]
  routes: [{pathSubtree: /shop}]
`;

describe("a proxy with several sources", () => {
  it("serves eskip files and manifests in one table", async () => {
    const eskip = tempDir({ "routes.eskip": `docs: Path("/docs") -> "${a.url}";` });
    const manifests = tempDir({ "shop.yaml": shopCluster() });
    const { url, adminUrl } = await serve(eskipFilesSource([eskip], { watch: false }), manifestsSource([manifests], defaultCompileOptions, { watch: false }));
    expect(await backendOf(`${url}/docs`)).toBe("a");
    expect(await backendOf(`${url}/shop/cart`)).toBe("b");
    const routes = await send(`${adminUrl}/routes`);
    expect(routes.headers["x-bosun-routes"]).toBe("2");
  });

  it("lets the later source's route win where two have one id, and says so", async () => {
    const first = new ManualSource("first");
    const second = new ManualSource("second");
    const { url } = await serve(first, second);
    first.deliver(`same: Path("/x") -> "${a.url}"; onlyFirst: Path("/first") -> "${a.url}";`);
    second.deliver(`same: Path("/x") -> "${b.url}";`);
    await proxy!.reload();
    expect(await backendOf(`${url}/x`)).toBe("b");
    expect(await backendOf(`${url}/first`)).toBe("a");
    expect(errorLog.lines.map((line) => line["msg"])).toContainEqual(expect.stringContaining("route same is left out: second has a route of the same id"));
  });

  it("keeps a failed source's last good routes while another source's change is served", async () => {
    const failing = new ManualSource("failing");
    const other = new ManualSource("other");
    const { url, adminUrl } = await serve(failing, other);
    failing.deliver(`kept: Path("/kept") -> "${a.url}";`);
    other.deliver(`moving: Path("/moving") -> "${a.url}";`);
    expect(await proxy!.reload()).toBe(true);
    failing.fail([{ level: "error", place: { kind: "other", what: "test" }, code: "unreachable", reason: "the server went away" }]);
    other.deliver(`moving: Path("/moving") -> "${b.url}";`);
    expect(await proxy!.reload()).toBe(false);
    expect(await backendOf(`${url}/kept`)).toBe("a");
    expect(await backendOf(`${url}/moving`)).toBe("b");
    const metrics = (await send(`${adminUrl}/metrics`)).text;
    expect(metric(metrics, "bosun_source_failures_total", 'source="failing"')).toBe(1);
    expect(metric(metrics, "bosun_source_failures_total", 'source="other"')).toBe(0);
    expect(errorLog.lines.find((line) => line["msg"] === "routes not updated: the last good table keeps serving")).toMatchObject({ source: "failing", problems: ["test: the server went away"] });
  });

  it("answers /healthz with 503 naming the sources that have not synced, and 200 once all have", async () => {
    const slow = new ManualSource("kubernetes (test)");
    const eskip = tempDir({ "routes.eskip": `docs: Path("/docs") -> "${a.url}";` });
    const { url, adminUrl } = await serve(eskipFilesSource([eskip], { watch: false }), slow);
    const waiting = await send(`${adminUrl}/healthz`);
    expect(waiting.status).toBe(503);
    expect(waiting.text).toBe("not ready: no first sync yet from kubernetes (test)\n");
    // What has synced already serves.
    expect(await backendOf(`${url}/docs`)).toBe("a");
    expect(metric((await send(`${adminUrl}/metrics`)).text, "bosun_source_synced", 'source="kubernetes (test)"')).toBe(0);
    slow.deliver(`shop: Path("/shop") -> "${b.url}";`);
    await proxy!.reload();
    expect((await send(`${adminUrl}/healthz`)).status).toBe(200);
    expect(await backendOf(`${url}/shop`)).toBe("b");
    expect(metric((await send(`${adminUrl}/metrics`)).text, "bosun_source_synced", 'source="kubernetes (test)"')).toBe(1);
  });

  it("counts each source's objects and invalid objects, and the time from a change to the table that serves it", async () => {
    const broken = `---\napiVersion: zalando.org/v1\nkind: RouteGroup\nmetadata: {namespace: shop, name: broken}\nspec:\n  backends: [{name: x, type: nosuchtype}]\n`;
    const manifests = tempDir({ "shop.yaml": `${shopCluster()}${broken}` });
    const source = manifestsSource([manifests], defaultCompileOptions, { watch: false });
    const manual = new ManualSource("manual");
    const { adminUrl } = await serve(source, manual);
    manual.deliver(`r: Path("/r") -> <shunt>;`, Date.now() - 2_000);
    await proxy!.reload();
    const metrics = (await send(`${adminUrl}/metrics`)).text;
    expect(metric(metrics, "bosun_source_objects", `source="${source.name}"`)).toBe(4);
    expect(metric(metrics, "bosun_source_invalid_objects", `source="${source.name}"`)).toBe(1);
    expect(metric(metrics, "bosun_source_change_to_serving_seconds_count", 'source="manual"')).toBe(1);
    // The change was 2 s old when it was served: it falls in no bucket below 2.5 s.
    expect(metric(metrics, "bosun_source_change_to_serving_seconds_bucket", 'le="1",source="manual"')).toBe(0);
    expect(metric(metrics, "bosun_source_change_to_serving_seconds_bucket", 'le="2.5",source="manual"')).toBe(1);
    expect(errorLog.lines.find((line) => line["name"] === "broken")).toMatchObject({ code: "invalid_object", kind: "RouteGroup", namespace: "shop" });
    const listed = (JSON.parse((await send(`${adminUrl}/problems`)).text) as { problems: Array<{ place: Record<string, unknown>; code: string }> }).problems;
    expect(listed).toContainEqual(expect.objectContaining({ code: "invalid_object", place: expect.objectContaining({ kind: "object", objectKind: "RouteGroup", namespace: "shop", name: "broken" }) }));
  });

  it("builds a table with a layer of changes whole again once idle, keeping every route's program and generation", async () => {
    const manual = new ManualSource("manual");
    const { url, adminUrl } = await serveWith({ compactAfterMs: 50 }, manual);
    const routes = parse(Array.from({ length: 2_000 }, (_, i) => `r${i}: Path("/p/${i}") -> setResponseHeader("X-R", "${i}") -> <shunt>;`).join("\n"));
    manual.deliverRoutes(routes);
    await proxy!.reload();
    expect(proxy!.tables.current.layered).toBe(false);
    const [changed] = parse('r5: Path("/p/5") -> inlineContent("five") -> <shunt>;');
    const next = routes.map((route) => (route.id === "r5" ? changed! : route));
    manual.deliverRoutes(next);
    await proxy!.reload();
    const layered = proxy!.tables.current;
    expect(layered.layered).toBe(true);
    for (let i = 0; i < 250 && metric((await send(`${adminUrl}/metrics`)).text, "bosun_table_compactions_total") === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const compacted = proxy!.tables.current;
    expect(compacted).not.toBe(layered);
    expect(compacted.layered).toBe(false);
    expect(compacted.generation).toBe(layered.generation);
    for (const route of [next[0]!, changed!, next[1_999]!]) expect(compacted.programOf(route)).toBe(layered.programOf(route));
    expect((await send(`${url}/p/5`)).text).toBe("five");
    expect((await send(`${url}/p/1999`)).headers["x-r"]).toBe("1999");
    // Not an update of the routes: the change's build is the last one counted.
    expect(metric((await send(`${adminUrl}/metrics`)).text, "bosun_table_build_seconds_count")).toBe(2);
  });

  it("serves a change that comes while it builds a table whole again", async () => {
    const manual = new ManualSource("manual");
    const { url } = await serveWith({ compactAfterMs: 0 }, manual);
    const routes = parse(Array.from({ length: 20_000 }, (_, i) => `r${i}: Path("/p/${i}") -> setResponseHeader("X-R", "${i}") -> <shunt>;`).join("\n"));
    manual.deliverRoutes(routes);
    await proxy!.reload();
    let current = routes;
    for (let change = 0; change < 5; change++) {
      const [changed] = parse(`r7: Path("/p/7") -> inlineContent("change ${change}") -> <shunt>;`);
      current = current.map((route) => (route.id === "r7" ? changed! : route));
      manual.deliverRoutes(current);
      await proxy!.reload();
      expect((await send(`${url}/p/7`)).text).toBe(`change ${change}`);
      // Let a whole build start, or not, before the next change.
      await new Promise((resolve) => setTimeout(resolve, change * 15));
    }
    expect((await send(`${url}/p/19999`)).headers["x-r"]).toBe("19999");
  });

  it("makes one swap of a burst of snapshots", async () => {
    const manual = new ManualSource("manual");
    const { url } = await serve(manual);
    const swapsBefore = errorLog.lines.filter((line) => line["msg"] === "routes updated").length;
    for (let i = 0; i < 1_000; i++) manual.deliver(`r: Path("/r") -> setResponseHeader("X-N", "${i}") -> "${a.url}";`);
    await proxy!.reload();
    expect(errorLog.lines.filter((line) => line["msg"] === "routes updated").length - swapsBefore).toBe(1);
    expect((await send(`${url}/r`)).headers["x-n"]).toBe("999");
  });

  it("answers requests on the table in service while a large one is built, and swaps it in once built; a snapshot that comes meanwhile makes the next swap", async () => {
    const manual = new ManualSource("manual");
    const { url } = await serve(manual);
    manual.deliver('probe: Path("/probe") -> inlineContent("old") -> <shunt>;');
    await proxy!.reload();
    const many = Array.from({ length: 30_000 }, (_, i) => `r${i}: Path("/p/${i}") -> setResponseHeader("X-R", "${i}") -> <shunt>;`).join("\n");
    manual.deliver(`${many}\nprobe: Path("/probe") -> inlineContent("new") -> <shunt>;`);
    const answers: string[] = [];
    for (let i = 0; i < 2_000 && answers.at(-1) !== "new"; i++) answers.push((await send(`${url}/probe`)).text);
    // Requests were answered, on the old table, while the new one was being built.
    expect(answers[0]).toBe("old");
    expect(answers.at(-1)).toBe("new");
    const built = errorLog.lines.filter((line) => line["msg"] === "routes updated").at(-1)!;
    expect(built).toMatchObject({ routes: 30_001 });
    expect(built["slices"]).toBeGreaterThan(1);
    manual.deliver(`${many}\nprobe: Path("/probe") -> inlineContent("newer") -> <shunt>;`);
    manual.deliver('probe: Path("/probe") -> inlineContent("latest") -> <shunt>;');
    await proxy!.reload();
    expect((await send(`${url}/probe`)).text).toBe("latest");
    expect(proxy!.tables.current.size).toBe(1);
  });

  it("does not start when files it was given do not load, and closes the sources it started", async () => {
    const eskip = tempDir({ "routes.eskip": 'broken: Path("/b" -> <shunt>;' });
    const manual = new ManualSource("manual");
    await expect(serve(eskipFilesSource([join(eskip, "routes.eskip")], { watch: false }), manual)).rejects.toThrow(RoutesLoadError);
    expect(manual.closed).toBe(true);
    await expect(serve(eskipFilesSource([join(eskip, "routes.eskip")], { watch: false }))).rejects.toThrow(/routes\.eskip:1:\d+: /);
  });

  it("follows a route server through changes, shows its generation, and keeps serving when it is gone", async () => {
    const routeServer = new RouteServer();
    const { port } = await routeServer.listen(0, "127.0.0.1");
    try {
      routeServer.publish(parse(`shop: Path("/shop") -> "${a.url}";`));
      const { url, adminUrl } = await serve(new RoutesUrlSource(`http://127.0.0.1:${port}/routes`, { waitSeconds: 5, backoffBaseMs: 20, backoffMaxMs: 50 }));
      expect(await backendOf(`${url}/shop`)).toBe("a");
      routeServer.publish(parse(`shop: Path("/shop") -> "${b.url}";`));
      for (let i = 0; i < 100 && (await backendOf(`${url}/shop`)) !== "b"; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await backendOf(`${url}/shop`)).toBe("b");
      const published = await fetch(`http://127.0.0.1:${port}/routes`);
      expect((await send(`${adminUrl}/routes`)).headers["x-bosun-generation"]).toBe(published.headers.get("etag")!.replaceAll('"', ""));
      await routeServer.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await backendOf(`${url}/shop`)).toBe("b");
      expect(errorLog.lines.some((line) => line["msg"] === "routes not updated: the last good table keeps serving")).toBe(true);
    } finally {
      await routeServer.close().catch(() => undefined);
    }
  });
});
