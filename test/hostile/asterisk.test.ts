import { engineNames } from "@bosun/proxy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProxy, type RunningProxy } from "../e2e/support/proxy.ts";
import { rawExchange } from "./raw-http.ts";

/** `OPTIONS *` asks about the server itself (RFC 9110 §9.3.7): Go's server, and so Skipper, answers 200 with no body. */

describe.each(engineNames)("a request for * through the %s engine", (engine) => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startProxy(`all: * -> status(418) -> <shunt>;`, engine);
  });
  afterAll(() => proxy?.close());

  it("answers OPTIONS * with 200 and no body, before any route, and another method with 400", async () => {
    const options = await rawExchange(proxy.url, "OPTIONS * HTTP/1.1\r\nHost: bosun\r\n\r\n");
    expect(options).toMatch(/^HTTP\/1\.1 200 /);
    expect(options.toLowerCase()).toContain("content-length: 0");
    expect(await rawExchange(proxy.url, "GET * HTTP/1.1\r\nHost: bosun\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 /);
    // The proxy keeps serving.
    expect((await fetch(`${proxy.url}/x`)).status).toBe(418);
  });
});
