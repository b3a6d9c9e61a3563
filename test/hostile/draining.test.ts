import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBackend } from "../e2e/support/backend.ts";
import { startProxy, type RunningProxy } from "../e2e/support/proxy.ts";

/** A proxy that drains says so to its load balancer before it stops: /healthz turns 503 while requests in flight finish. */
describe("draining", () => {
  let slow: TestBackend;
  let proxy: RunningProxy;

  beforeAll(async () => {
    slow = await TestBackend.start("slow", (_request, response) => setTimeout(() => response.end("done"), 600));
    proxy = await startProxy(`all: * -> "http://127.0.0.1:${slow.port}";`, "undici", { shutdownTimeoutMs: 5_000 });
  });
  afterAll(() => slow?.close());

  it("answers /healthz 503 from the start of a shutdown, while a request in flight still gets its answer", async () => {
    expect((await fetch(`${proxy.adminUrl}/healthz`)).status).toBe(200);
    const inFlight = fetch(`${proxy.url}/slow`).then(async (response) => [response.status, await response.text()]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = proxy.close();
    const health = await fetch(`${proxy.adminUrl}/healthz`);
    expect([health.status, await health.text()]).toEqual([503, "draining: shutting down\n"]);
    expect(await inFlight).toEqual([200, "done"]);
    await closed;
  });
});
