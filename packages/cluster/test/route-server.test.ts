import { parse, printRoutes, routesGeneration } from "@bosun/eskip";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RouteServer, RoutesUrlSource } from "../src/index.js";
import { RecordingSink } from "./recording-sink.js";

let server: RouteServer;
let url: string;
beforeEach(async () => {
  server = new RouteServer();
  const address = await server.listen(0, "127.0.0.1");
  url = `http://127.0.0.1:${address.port}/routes`;
});
afterEach(async () => {
  await server.close();
});

const routes = (text: string) => parse(text);

describe("the route server", () => {
  it("answers 503 until it has routes, then the routes as eskip with their generation as ETag and their count", async () => {
    expect((await fetch(url)).status).toBe(503);
    expect((await fetch(url.replace("/routes", "/healthz"))).status).toBe(503);
    const published = routes('a: Path("/a") -> <shunt>; b: Path("/b") -> "http://127.0.0.1:1";');
    server.publish(published);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe(`"${routesGeneration(published)}"`);
    expect(response.headers.get("x-count")).toBe("2");
    expect(printRoutes(parse(await response.text()))).toBe(printRoutes(published));
    expect((await fetch(url.replace("/routes", "/healthz"))).status).toBe(200);
  });

  it("answers 304 to the ETag it holds, and HEAD with the headers alone", async () => {
    server.publish(routes('a: Path("/a") -> <shunt>;'));
    const etag = (await fetch(url)).headers.get("etag")!;
    expect((await fetch(url, { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await fetch(url, { headers: { "if-none-match": '"other"' } })).status).toBe(200);
    const head = await fetch(url, { method: "HEAD" });
    expect(head.headers.get("x-count")).toBe("1");
    expect(await head.text()).toBe("");
  });

  it("holds a long poll until the routes change, and answers 304 when the wait is over with no change", async () => {
    server.publish(routes('a: Path("/a") -> <shunt>;'));
    const etag = (await fetch(url)).headers.get("etag")!;
    const started = Date.now();
    const held = fetch(`${url}?wait=10`, { headers: { "if-none-match": etag } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.publish(routes('a: Path("/a") -> <shunt>; b: Path("/b") -> <shunt>;'));
    const changed = await held;
    expect(changed.status).toBe(200);
    expect(changed.headers.get("x-count")).toBe("2");
    expect(Date.now() - started).toBeLessThan(5_000);
    const timedOut = await fetch(`${url}?wait=1`, { headers: { "if-none-match": changed.headers.get("etag")! } });
    expect(timedOut.status).toBe(304);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it("is followed by the routes-url source, which keeps its routes while the server is gone", async () => {
    server.publish(routes('a: Path("/a") -> <shunt>;'));
    const source = new RoutesUrlSource(url, { waitSeconds: 5, backoffBaseMs: 20, backoffMaxMs: 50 });
    const sink = new RecordingSink();
    try {
      await source.start(sink);
      expect(sink.last.routes.map((route) => route.id)).toEqual(["a"]);
      expect(sink.last.generation).toBe(routesGeneration(routes('a: Path("/a") -> <shunt>;')));
      server.publish(routes('a: Path("/a") -> <shunt>; b: Path("/b") -> <shunt>;'));
      await sink.until(2);
      expect(sink.last.routes.map((route) => route.id)).toEqual(["a", "b"]);
      await server.close();
      await sink.until(3);
      expect(sink.deliveries[2]).toMatchObject({ failed: [{ code: "route_server_error" }] });
      expect(sink.snapshots).toHaveLength(2);
    } finally {
      await source.close();
    }
  });
});
