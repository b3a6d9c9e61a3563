import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineNames } from "@bosun/proxy";
import { deadPort, TestBackend, type SeenRequest } from "./support/backend.ts";
import { json, send } from "./support/client.ts";
import { startProxy, type RunningProxy } from "./support/proxy.ts";

/** tee sends a copy and ignores it: the client's response is never delayed, changed or failed. */
describe.each(engineNames)("mirroring through the %s engine", (engine) => {
  let main: TestBackend;
  let mirror: TestBackend;
  let slowMirror: TestBackend;
  let proxy: RunningProxy;
  let deadUrl: string;

  beforeAll(async () => {
    main = await TestBackend.start("main");
    mirror = await TestBackend.start("mirror", (_request, response) => {
      response.writeHead(500);
      response.end("the mirror's answer must never reach the client");
    });
    slowMirror = await TestBackend.start("slow-mirror", undefined, {
      // Reads nothing and answers nothing: the worst mirror there is.
      streaming: () => undefined,
    });
    deadUrl = `http://127.0.0.1:${await deadPort()}`;
    proxy = await startProxy(
      `
      mirrored: Path("/mirrored") -> tee("${mirror.url}") -> "${main.url}";
      rewritten: Path("/api/v1/users") -> tee("${mirror.url}", "^/api/v1", "/v2") -> "${main.url}";
      slow: Path("/slow") -> tee("${slowMirror.url}") -> "${main.url}";
      dead: Path("/dead") -> tee("${deadUrl}") -> "${main.url}";
      `,
      engine,
    );
  });

  afterAll(async () => {
    await proxy.close();
    await Promise.all([main.close(), mirror.close(), slowMirror.close()]);
  });

  async function mirrorSaw(count: number): Promise<SeenRequest[]> {
    for (let i = 0; i < 100 && mirror.seen.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return mirror.seen;
  }

  it("sends a copy with method, path, headers and body, and answers with the main backend's response", async () => {
    const body = randomBytes(100_000);
    const response = await send(`${proxy.url}/mirrored?a=1`, { method: "PUT", body, headers: { "x-trace": "t1" } });
    expect(response.status).toBe(200);
    expect(response.headers["x-backend"]).toBe("main");
    expect(json<SeenRequest>(response).bodyBytes).toBe(body.length);
    const [copy] = await mirrorSaw(1);
    expect(copy).toMatchObject({ method: "PUT", url: "/mirrored?a=1", bodyBytes: body.length, bodySha256: createHash("sha256").update(body).digest("hex") });
    expect(copy!.headers["x-trace"]).toBe("t1");
  });

  it("rewrites the copy's path like modPath when tee has three arguments", async () => {
    mirror.seen.length = 0;
    await send(`${proxy.url}/api/v1/users`);
    const [copy] = await mirrorSaw(1);
    expect(copy!.url).toBe("/v2/users");
  });

  it("is not delayed by a mirror that never reads nor answers, even with a 4 MB body", async () => {
    const body = randomBytes(4 * 1024 * 1024);
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const response = await send(`${proxy.url}/slow`, { method: "POST", body, timeoutMs: 5_000 });
      expect(response.status).toBe(200);
      expect(json<SeenRequest>(response).bodyBytes).toBe(body.length);
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  it("is not failed by a mirror that refuses connections", async () => {
    for (let i = 0; i < 5; i++) {
      const response = await send(`${proxy.url}/dead`, { method: "POST", body: "payload" });
      expect(response.status).toBe(200);
      expect(json<SeenRequest>(response).bodyBytes).toBe(7);
    }
  });

  it("counts the copies sent and those that failed, by route and mirror", async () => {
    const metrics = (await send(`${proxy.adminUrl}/metrics`)).text;
    const count = (name: string, route: string, mirrorUrl: string) => {
      const line = metrics.split("\n").find((candidate) => candidate.startsWith(`${name}{route="${route}",mirror="${mirrorUrl}"}`));
      return line === undefined ? 0 : Number(line.split(" ").pop());
    };
    expect(count("bosun_mirror_requests_total", "mirrored", mirror.url)).toBe(1);
    expect(count("bosun_mirror_requests_total", "rewritten", mirror.url)).toBe(1);
    expect(count("bosun_mirror_requests_total", "dead", deadUrl)).toBe(5);
    expect(count("bosun_mirror_errors_total", "dead", deadUrl)).toBe(5);
    // The mirror answered 500: an answer, not a failure of the copy.
    expect(count("bosun_mirror_errors_total", "mirrored", mirror.url)).toBe(0);
  });

  it("sends every request above to the main backend exactly once", () => {
    expect(main.seen.length).toBe(1 + 1 + 3 + 5);
  });
});
