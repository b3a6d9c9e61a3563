import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type ServeProcess } from "../support/serve-process.ts";
import { repoRoot } from "../support/shared.ts";
import { TestBackend } from "./support/backend.ts";

/**
 * examples/gateway-api served as its README says (`serve --manifests … --listener 80=…`), with
 * the examples' two local backends replaced by echo backends on ports of their own: each example
 * is asked for through the Gateway's listener, and the splits held to a binomial bound.
 */

let v1: TestBackend;
let v2: TestBackend;
let serve: ServeProcess;
let gateway: string;
let dir: string;

beforeAll(async () => {
  [v1, v2] = await Promise.all([TestBackend.start("v1"), TestBackend.start("v2")]);
  dir = mkdtempSync(join(tmpdir(), "bosun-gateway-api-"));
  cpSync(join(repoRoot, "examples/gateway-api"), dir, { recursive: true });
  for (const file of readdirSync(dir)) {
    const path = join(dir, file);
    writeFileSync(path, readFileSync(path, "utf8").replaceAll("9001", String(v1.port)).replaceAll("9002", String(v2.port)));
  }
  serve = await startServe("--manifests", dir, "--endpoint-slices", "--listener", "80=127.0.0.1:0", "--address", "127.0.0.1:0", "--admin-address", "127.0.0.1:0", "--access-log", "off");
  gateway = serve.gateways.get("80")!;
});

afterAll(async () => {
  await serve?.stop();
  await Promise.all([v1?.close(), v2?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function backendOf(path: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${gateway}${path}`, { headers, signal: AbortSignal.timeout(5_000) });
  await response.arrayBuffer();
  return response.headers.get("x-backend") ?? String(response.status);
}

/** `count` of `n` draws is within 5 standard deviations of a share `p`. */
function expectShare(count: number, n: number, p: number): void {
  const bound = 5 * Math.sqrt(n * p * (1 - p));
  expect(Math.abs(count - n * p), `${count} of ${n}, expected ${n * p} ± ${bound.toFixed(1)}`).toBeLessThanOrEqual(bound);
}

async function shareOfV1(path: string, n: number): Promise<number> {
  let count = 0;
  for (let i = 0; i < n; i++) if ((await backendOf(path)) === "v1") count++;
  return count;
}

describe("examples/gateway-api served through its Gateway's listener", () => {
  it("splits /even evenly and /two-to-one 2:1", async () => {
    const n = 300;
    expectShare(await shareOfV1("/even", n), n, 1 / 2);
    expectShare(await shareOfV1("/two-to-one/x", n), n, 2 / 3);
  });

  it("serves the two HTTPRoutes with one backend set as one pool, named as Kong names it", async () => {
    const routes = await (await fetch(`${serve.admin}/routes`)).text();
    const poolName = "httproute.store.svc.store.web-v1.80.3_store.web-v2.80.1";
    const catalog = routes.split(";").filter((route) => route.includes("__catalog__"));
    const search = routes.split(";").filter((route) => route.includes("__search__"));
    expect(catalog.length).toBe(2);
    expect(search.length).toBe(2);
    expect([...catalog, ...search].every((route) => route.includes(`backendPool("${poolName}")`))).toBe(true);
    const poolRequests = async () => {
      const metrics = await (await fetch(`${serve.admin}/metrics`)).text();
      const lines = metrics.split("\n").filter((line) => line.startsWith("bosun_requests_total{") && line.includes(`backend="${poolName}"`));
      return lines.reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
    };
    const before = await poolRequests();
    for (let i = 0; i < 5; i++) {
      expect(["v1", "v2"]).toContain(await backendOf("/catalog"));
      expect(["v1", "v2"]).toContain(await backendOf("/search"));
    }
    // Metrics name the pool as the backend: both HTTPRoutes' requests add up under it.
    expect((await poolRequests()) - before).toBe(10);
  });

  it("mirrors about half of /reports to v2, and v1 answers every one", async () => {
    const n = 200;
    const before = v2.seen.length;
    for (let i = 0; i < n; i++) expect(await backendOf(`/reports/${i}`)).toBe("v1");
    // Copies are sent beside the request, not before its answer: wait until they stop coming.
    let seen = -1;
    for (let i = 0; i < 50 && seen !== v2.seen.length; i++) {
      seen = v2.seen.length;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const mirrored = v2.seen.slice(before).filter((request) => request.url.startsWith("/reports/"));
    expectShare(mirrored.length, n, 1 / 2);
  });

  it("sends a developer's tagged requests to their backend, and only where no longer prefix wins", async () => {
    expect(await backendOf("/", { epic: "dev" })).toBe("v2");
    expect(await backendOf("/anything", { epic: "dev" })).toBe("v2");
    expect(await backendOf("/")).toBe("v1");
    // gateway-api.md §2.6: the longer prefix of /reports beats the header match.
    expect(await backendOf("/reports/a", { epic: "dev" })).toBe("v1");
  });

  it("explains a request on the Gateway's port on the admin listener, naming the HTTPRoute's rule and match", async () => {
    const url = `${serve.admin}/debug/explain?url=${encodeURIComponent("http://shop/")}&header=${encodeURIComponent("epic: dev")}&listener=80`;
    const explanation = (await (await fetch(url)).json()) as { route: string; candidates: { id: string; verdict: string; origin: { objectKind: string; name: string; fieldPath: string } }[] };
    const chosen = explanation.candidates.find((candidate) => candidate.verdict === "chosen")!;
    expect(chosen.origin).toMatchObject({ objectKind: "HTTPRoute", name: "alice-epic", fieldPath: "spec.rules[0].matches[0]" });
  });

  it("is ready once its listeners are bound and its first table serves", async () => {
    // The admin listener is bound after every --listener: it answers only once they are.
    expect((await fetch(`${serve.admin}/healthz`)).status).toBe(200);
    expect(await backendOf("/")).toBe("v1");
  });

  it("keeps Gateway routes off the proxy's own address, and the Host as the client sent it", async () => {
    expect((await fetch(`${serve.address}/even`)).status).toBe(404);
    // fetch cannot send a Host of its own: node:http can.
    const seen = await new Promise<{ headers: Record<string, string> }>((resolve, reject) => {
      const request = httpRequest(`${gateway}/reports/host`, { headers: { host: "shop.example:8080" }, timeout: 5_000 }, (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve(JSON.parse(text) as { headers: Record<string, string> }));
      });
      request.on("error", reject);
      request.end();
    });
    expect(seen.headers["host"]).toBe("shop.example:8080");
  });
});
