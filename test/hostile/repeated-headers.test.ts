import { request } from "node:http";
import { engineNames } from "@bosun/proxy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBackend } from "../e2e/support/backend.ts";
import { startProxy, type RunningProxy } from "../e2e/support/proxy.ts";

/**
 * A header sent twice: Node joins the values with ", ", and a predicate that saw the join would
 * let `X-Role: admin` sent twice past a shunt that turns one away. Predicates see each value, as
 * Skipper's do (Go keeps them apart), on both engines.
 */

function status(url: string, headers: Record<string, string | string[]>): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { headers, timeout: 5_000 }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    sent.on("error", reject);
    sent.end();
  });
}

describe.each(engineNames)("a repeated header through the %s engine", (engine) => {
  let backend: TestBackend;
  let proxy: RunningProxy;

  beforeAll(async () => {
    backend = await TestBackend.start("app");
    proxy = await startProxy(
      `admins: HeaderRegexp("X-Role", "^admin$") -> status(403) -> inlineContent("no admins here") -> <shunt>;
       exact: Path("/exact") && Header("X-Team", "a") -> status(204) -> <shunt>;
       rest: * -> "http://127.0.0.1:${backend.port}";`,
      engine,
    );
  });

  afterAll(async () => {
    await proxy?.close();
    await backend?.close();
  });

  it("is seen value by value: twice the blocked value is still blocked", async () => {
    expect(await status(`${proxy.url}/`, { "X-Role": "admin" })).toBe(403);
    expect(await status(`${proxy.url}/`, { "X-Role": ["admin", "admin"] })).toBe(403);
    expect(await status(`${proxy.url}/`, { "X-Role": ["user", "admin"] })).toBe(403);
    expect(await status(`${proxy.url}/`, { "X-Role": "user" })).toBe(200);
  });

  it("keeps a single value with a comma whole, and lets Header match any of repeated values (skipper-semantics §2.3)", async () => {
    expect(await status(`${proxy.url}/`, { "X-Role": "admin, admin" })).toBe(200);
    expect(await status(`${proxy.url}/exact`, { "X-Team": ["b", "a"] })).toBe(204);
    expect(await status(`${proxy.url}/exact`, { "X-Team": "b, a" })).toBe(200);
  });
});
