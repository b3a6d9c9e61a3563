import { describe, expect, it } from "vitest";
import { echo, TestBackend } from "./support/backend.ts";
import { send } from "./support/client.ts";
import { startProxy } from "./support/proxy.ts";

/** Graceful shutdown: stop accepting, let requests in flight finish, within a bound. */
describe("shutting down", () => {
  it("finishes a request in flight, then refuses new connections", async () => {
    const slow = await TestBackend.start("slow", (request, response, body) => setTimeout(() => echo(request, response, body), 400));
    const proxy = await startProxy(`slow: Path("/slow") -> "${slow.url}";`, "undici", { shutdownTimeoutMs: 5_000 });
    try {
      const inFlight = send(`${proxy.url}/slow`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const closed = proxy.close();
      const response = await inFlight;
      expect(response.status).toBe(200);
      await closed;
      await expect(send(`${proxy.url}/slow`)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    } finally {
      await slow.close();
    }
  });

  it("cuts what is still running when the bound is reached", async () => {
    const silent = await TestBackend.start("silent", undefined, { streaming: () => undefined });
    const proxy = await startProxy(`silent: Path("/silent") -> "${silent.url}";`, "undici", { shutdownTimeoutMs: 300 });
    try {
      const inFlight = send(`${proxy.url}/silent`).then(
        () => "answered",
        () => "cut",
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await proxy.close();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await inFlight).toBe("cut");
    } finally {
      await silent.close();
    }
  });
});

describe("a client that leaves early", () => {
  it.each(["undici", "http-proxy-3"] as const)("cuts the backend request with the %s engine, and is logged as 499", async (engine) => {
    let backendSawClose: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (backendSawClose = resolve));
    const silent = await TestBackend.start("silent", undefined, {
      streaming: (request) => request.socket.once("close", () => backendSawClose()),
    });
    const proxy = await startProxy(`silent: Path("/silent") -> "${silent.url}";`, engine);
    try {
      const controller = new AbortController();
      const request = fetch(`${proxy.url}/silent`, { signal: controller.signal }).catch(() => "aborted");
      await new Promise((resolve) => setTimeout(resolve, 150));
      controller.abort();
      expect(await request).toBe("aborted");
      await Promise.race([closed, new Promise((_resolve, reject) => setTimeout(() => reject(new Error("the backend request was not cut")), 3_000))]);
      for (let i = 0; i < 50 && proxy.accessLog.lines.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(proxy.accessLog.lines[0]).toMatchObject({ route: "silent", status: 499 });
      expect((await send(`${proxy.url}/nothing`)).status).toBe(404);
    } finally {
      await proxy.close();
      await silent.close();
    }
  });
});
