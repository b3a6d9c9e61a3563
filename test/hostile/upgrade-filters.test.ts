import { engineNames } from "@bosun/proxy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBackend } from "../e2e/support/backend.ts";
import { startProxy, type RunningProxy } from "../e2e/support/proxy.ts";
import { rawExchange, upgradeHead } from "./raw-http.ts";

/**
 * An Upgrade (WebSocket) request goes through the route's request filters like any other: a
 * filter that answers it (a redirect, a rate limit that is hit) answers it, and the backend
 * never sees it. It used to be tunnelled to the backend whatever the filters said.
 */

const upgrade = (url: string, path: string) => rawExchange(url, upgradeHead(path));

describe.each(engineNames)("serving filters on Upgrade requests through the %s engine", (engine) => {
  let backend: TestBackend;
  let proxy: RunningProxy;

  beforeAll(async () => {
    backend = await TestBackend.start("ws");
    proxy = await startProxy(
      `moved: Path("/old") -> redirectTo(308, "https://example.org/new") -> "http://127.0.0.1:${backend.port}";
       limited: Path("/limited") -> ratelimit(1, "1m") -> "http://127.0.0.1:${backend.port}";`,
      engine,
    );
  });

  afterAll(async () => {
    await proxy?.close();
    await backend?.close();
  });

  it("answers with the redirect, and the backend never sees the request", async () => {
    const answer = await upgrade(proxy.url, "/old");
    expect(answer).toMatch(/^HTTP\/1\.1 308 /);
    expect(answer).toMatch(/\r\nLocation: https:\/\/example\.org\/new\r\n/i);
    expect(backend.seen.filter((request) => request.url === "/old")).toEqual([]);
  });

  it("answers 429 once the rate limit is reached", async () => {
    await upgrade(proxy.url, "/limited");
    expect(await upgrade(proxy.url, "/limited")).toMatch(/^HTTP\/1\.1 429 /);
  });
});
