import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { engineNames } from "@bosun/proxy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe } from "../support/serve-process.ts";
import { startProxy } from "../e2e/support/proxy.ts";

/**
 * A backend that takes the request and never answers gets its 504 after the response-header
 * timeout, Skipper's 60 s by default (it took undici's 300 s), not never.
 */

let silent: Server;
let port: number;

beforeAll(async () => {
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  port = (silent.address() as AddressInfo).port;
});

afterAll(async () => {
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

async function timed(url: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return { status: response.status, ms: Date.now() - started };
}

describe.each(engineNames)("a backend that never answers, through the %s engine", (engine) => {
  it("is answered 504 once the response-header timeout has passed", async () => {
    const proxy = await startProxy(`silent: * -> "http://127.0.0.1:${port}";`, engine, { responseHeaderTimeoutMs: 300 });
    try {
      const { status, ms } = await timed(`${proxy.url}/x`);
      expect(status).toBe(504);
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(5_000);
    } finally {
      await proxy.close();
    }
  });
});

describe("-response-header-timeout-backend", () => {
  it("is taken from a Skipper command line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bosun-timeout-"));
    writeFileSync(join(dir, "routes.eskip"), `silent: * -> "http://127.0.0.1:${port}";`);
    const serve = await startServe("-routes-file", join(dir, "routes.eskip"), "-response-header-timeout-backend", "400ms", "--address", "127.0.0.1:0", "--admin-address", "off", "--access-log", "off");
    try {
      const { status, ms } = await timed(`${serve.address}/x`);
      expect([status, ms >= 350 && ms < 5_000]).toEqual([504, true]);
    } finally {
      await serve.stop();
    }
  });
});
