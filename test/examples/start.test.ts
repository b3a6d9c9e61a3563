import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.ts";

/** The ports the README's first command listens on: the two backends, the proxy, its Gateway listener, its admin listener. */
const startPorts = [9001, 9002, 9090, 9080, 9911];

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

const busyPorts = (await Promise.all(startPorts.map(async (port) => ((await portIsFree(port)) ? [] : [port])))).flat();
if (busyPorts.length > 0) {
  console.warn(`skipped: the README's first command (corepack pnpm start) — 127.0.0.1 ports ${busyPorts.join(", ")} are in use; stop what holds them to run it`);
}

/**
 * The README's first command as a newcomer runs it: `corepack pnpm start`, a few requests, then
 * Ctrl-C, which the terminal sends to every process of the group. It must serve what the README
 * says and then end quietly with status 0: no stack, no "Command failed" from pnpm.
 */
describe.skipIf(busyPorts.length > 0)("corepack pnpm start", () => {
  it("checks the examples, serves them, and stops on Ctrl-C with status 0 and no noise", async () => {
    const child = spawn("corepack", ["pnpm", "start"], { cwd: repoRoot, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    try {
      for (let i = 0; i < 300 && !output.includes("admin on http://127.0.0.1:9911"); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output).toMatch(/\d+ objects checked, 0 problems/);
      expect(output).toContain("bosun serve: 24 routes on http://127.0.0.1:9090, Gateway port 80 on http://127.0.0.1:9080, admin on http://127.0.0.1:9911");

      const search = await fetch("http://127.0.0.1:9090/search?q=x", { signal: AbortSignal.timeout(5_000) });
      expect(await search.text()).toBe("v1 answered GET /search?q=x (Host: 127.0.0.1:9001)\n");
      for (let i = 0; i < 50 && !output.includes("v2 received GET /search?q=x"); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output).toContain("v2 received GET /search?q=x (Host: 127.0.0.1:9002, 0 body bytes)");

      // The cluster in examples/cluster, served beside the eskip routes.
      const account = await fetch("http://127.0.0.1:9090/account/me", { signal: AbortSignal.timeout(5_000) });
      expect(await account.text()).toBe("v1 answered GET /account/me (Host: 127.0.0.1:9001)\n");
      const returning = await fetch("http://127.0.0.1:9090/catalog", { headers: { cookie: "catalog=b" }, signal: AbortSignal.timeout(5_000) });
      expect(returning.headers.get("x-variant")).toBe("b");
      expect(await returning.text()).toBe("v2 answered GET /catalog (Host: 127.0.0.1:9002)\n");
      const cart = await fetch("http://127.0.0.1:9090/cart", { signal: AbortSignal.timeout(5_000) });
      expect(await cart.text()).toMatch(/^v[12] answered GET \/cart /);

      // The HTTPRoutes of examples/gateway-api, on the shared Gateway's port 80.
      const even = await fetch("http://127.0.0.1:9080/even", { signal: AbortSignal.timeout(5_000) });
      expect(await even.text()).toMatch(/^v[12] answered GET \/even \(Host: 127\.0\.0\.1:9080\)\n$/);
      const tagged = await fetch("http://127.0.0.1:9080/", { headers: { epic: "dev" }, signal: AbortSignal.timeout(5_000) });
      expect(await tagged.text()).toBe("v2 answered GET / (Host: 127.0.0.1:9080)\n");
      // On the proxy's own address the eskip catch-all answers, not the HTTPRoute.
      const mainEven = await fetch("http://127.0.0.1:9090/", { headers: { epic: "dev" }, signal: AbortSignal.timeout(5_000) });
      expect(await mainEven.text()).toMatch(/^v1 answered GET \/ /);
    } finally {
      process.kill(-child.pid!, "SIGINT");
    }
    const ended = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("still running after 10 s"), 10_000))]);
    if (ended === "still running after 10 s") process.kill(-child.pid!, "SIGKILL");
    expect(ended).toEqual({ code: 0, signal: null });
    expect(output).toContain("bosun serve: shutting down");
    expect(output).not.toMatch(/Command failed|ELIFECYCLE|internal error|\n\s+at /);
  }, 60_000);
});
