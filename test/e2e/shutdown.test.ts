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
