import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBackend } from "./support/backend.ts";
import { send } from "./support/client.ts";
import { metric } from "./support/metrics.ts";
import { startProxy, type RunningProxy } from "./support/proxy.ts";


/** Hot reload: tables swap under load without a failed request; a broken file changes nothing. */
describe("reloading the routes", () => {
  let a: TestBackend;
  let b: TestBackend;
  let proxy: RunningProxy;
  const routesTo = (backend: TestBackend, extra = "") => `target: Path("/target") -> "${backend.url}";\n${extra}`;

  beforeAll(async () => {
    a = await TestBackend.start("a");
    b = await TestBackend.start("b");
    proxy = await startProxy(routesTo(a), "undici");
  });

  afterAll(async () => {
    await proxy.close();
    await Promise.all([a.close(), b.close()]);
  });

  it("swaps the table 200 times while a client keeps sending, with zero failed requests", async () => {
    let sending = true;
    const statuses: number[] = [];
    const backendsSeen = new Set<string>();
    const client = (async () => {
      while (sending) {
        const response = await send(`${proxy.url}/target`);
        statuses.push(response.status);
        backendsSeen.add(String(response.headers["x-backend"]));
      }
    })();
    for (let i = 0; i < 200; i++) {
      // Each version differs, so every reload builds and swaps a new table.
      expect(await proxy.rewrite(routesTo(i % 2 === 0 ? b : a, `extra${i}: Path("/extra/${i}") -> <shunt>;`))).toBe(true);
      if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    sending = false;
    await client;
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(backendsSeen).toEqual(new Set(["a", "b"]));
  });

  it("keeps the last good table when the file does not parse, and logs and counts it", async () => {
    expect(await proxy.rewrite(routesTo(a))).toBe(true);
    const before = metric((await send(`${proxy.adminUrl}/metrics`)).text, "bosun_routes_update_failures_total");
    expect(await proxy.rewrite(`target: Path("/target") -> "${b.url}";\nbroken: Path("/x" -> <shunt>;`)).toBe(false);
    const response = await send(`${proxy.url}/target`);
    expect(response.status).toBe(200);
    expect(response.headers["x-backend"]).toBe("a");
    const after = metric((await send(`${proxy.adminUrl}/metrics`)).text, "bosun_routes_update_failures_total");
    expect(after).toBe(before + 1);
    const logged = proxy.errorLog.lines.findLast((line) => String(line["msg"]).startsWith("routes not updated"));
    expect(JSON.stringify(logged?.["problems"])).toMatch(/routes\.eskip:2:\d+/);
  });

  it("rejects a bad route alone: the others of the file serve", async () => {
    expect(await proxy.rewrite(`${routesTo(b)}bad: Path("/bad") -> noSuchFilter() -> <shunt>;\nbadArgs: Path("/bad-args") -> <unknownAlgorithm, "http://127.0.0.1:1">;`)).toBe(true);
    expect((await send(`${proxy.url}/target`)).headers["x-backend"]).toBe("b");
    expect((await send(`${proxy.url}/bad`)).status).toBe(404);
    const reasons = proxy.errorLog.lines.map((line) => String(line["msg"]));
    expect(reasons).toContain('failed to process route bad: unknown_filter: filter "noSuchFilter" not found');
    expect(reasons.some((reason) => reason.startsWith("failed to process route badArgs:") && reason.includes("unsupported algorithm"))).toBe(true);
    const routes = await send(`${proxy.adminUrl}/routes`);
    expect(routes.text).toContain("// rejected bad:");
    expect(routes.text).toContain("target: Path(\"/target\")");
  });

  it("reloads on its own when a watched file changes", async () => {
    const watched = await startProxy(routesTo(a), "undici", {}, { watch: true });
    try {
      writeFileSync(watched.routesFile, routesTo(b));
      let backend = "";
      for (let i = 0; i < 100 && backend !== "b"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        backend = String((await send(`${watched.url}/target`)).headers["x-backend"]);
      }
      expect(backend).toBe("b");
    } finally {
      await watched.close();
    }
  });
});
