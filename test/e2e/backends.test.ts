import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineNames } from "@bosun/proxy";
import { deadPort, echo, TestBackend, type SeenRequest } from "./support/backend.ts";
import { json, send } from "./support/client.ts";
import { startProxy, type RunningProxy } from "./support/proxy.ts";

/** Every backend type of skipper-semantics §4 and the proxy's own answers (§4.7), on both engines. */
describe.each(engineNames)("backends through the %s engine", (engine) => {
  let a: TestBackend;
  let b: TestBackend;
  let slow: TestBackend;
  let proxy: RunningProxy;
  let reset: TestBackend;
  let dead: number;

  beforeAll(async () => {
    a = await TestBackend.start("a");
    b = await TestBackend.start("b");
    slow = await TestBackend.start("slow", (request, response, body) => setTimeout(() => echo(request, response, body), 1_500));
    reset = await TestBackend.start("reset", (request) => request.socket.destroy());
    dead = await deadPort();
    proxy = await startProxy(
      `
      network: Path("/network/:id") -> "${a.url}/ignored/backend/path";
      preserved: Path("/preserved") -> preserveHost("true") -> "${a.url}";
      lb: Path("/lb") -> <roundRobin, "${a.url}", "${b.url}">;
      lbHalfDead: Path("/lb-half-dead") -> <roundRobin, "http://127.0.0.1:${dead}", "${a.url}">;
      hashed: Path("/hashed") -> <consistentHash, "${a.url}", "${b.url}">;
      hashedByUser: Path("/hashed-by-user") -> consistentHashKey("\${request.header.X-User}") -> <consistentHash, "${a.url}", "${b.url}">;
      random: Path("/random") -> <random, "${a.url}", "${b.url}">;
      twoChoices: Path("/two-choices") -> <powerOfRandomNChoices, "${a.url}", "${b.url}">;
      reset: Path("/reset") -> "${reset.url}";
      shunt: Path("/shunt") -> <shunt>;
      loopIn: Path("/loop") -> setPath("/network/looped") -> <loopback>;
      loopForever: Path("/forever") -> <loopback>;
      dynamic: Path("/dynamic") -> setDynamicBackendUrl("${b.url}") -> <dynamic>;
      forwarded: Path("/forward") -> setPath("/not/applied") -> <forward>;
      dead: Path("/dead") -> "http://127.0.0.1:${dead}";
      slow: Path("/slow") -> backendTimeout("200ms") -> "${slow.url}";
      `,
      engine,
      { forwardUrl: b.url },
    );
  });

  afterAll(async () => {
    await proxy.close();
    await Promise.all([a.close(), b.close(), slow.close(), reset.close()]);
  });

  it("forwards to a network backend: the request's path and query, not the backend's path (§4.1)", async () => {
    const response = await send(`${proxy.url}/network/42?x=1&y=%20`, { headers: { "x-custom": "kept" } });
    expect(response.status).toBe(200);
    expect(response.headers["x-backend"]).toBe("a");
    const seen = json<SeenRequest>(response);
    expect(seen.url).toBe("/network/42?x=1&y=%20");
    expect(seen.headers["x-custom"]).toBe("kept");
  });

  it("sends the backend's host:port as Host by default, and the client's with preserveHost", async () => {
    const plain = json<SeenRequest>(await send(`${proxy.url}/network/1`, { headers: { host: "client.example" } }));
    expect(plain.headers.host).toBe(`127.0.0.1:${a.port}`);
    const preserved = json<SeenRequest>(await send(`${proxy.url}/preserved`, { headers: { host: "client.example" } }));
    expect(preserved.headers.host).toBe("client.example");
  });

  it("adds X-Forwarded-For, -Proto and -Host, keeping an earlier X-Forwarded-For", async () => {
    const seen = json<SeenRequest>(await send(`${proxy.url}/network/1`, { headers: { host: "client.example", "x-forwarded-for": "203.0.113.7" } }));
    expect(seen.headers["x-forwarded-for"]).toBe("203.0.113.7, 127.0.0.1");
    expect(seen.headers["x-forwarded-proto"]).toBe("http");
    expect(seen.headers["x-forwarded-host"]).toBe("client.example");
  });

  it("drops hop-by-hop headers, including those named in Connection", async () => {
    const seen = json<SeenRequest>(await send(`${proxy.url}/network/1`, { headers: { connection: "x-hop", "x-hop": "secret", "keep-alive": "timeout=5" } }));
    expect(seen.headers["x-hop"]).toBeUndefined();
    expect(seen.headers["keep-alive"]).toBeUndefined();
  });

  it("balances round robin over both endpoints (§4.5)", async () => {
    const names: string[] = [];
    for (let i = 0; i < 6; i++) names.push(String((await send(`${proxy.url}/lb`)).headers["x-backend"]));
    expect(new Set(names)).toEqual(new Set(["a", "b"]));
    for (let i = 1; i < names.length; i++) expect(names[i]).not.toBe(names[i - 1]);
  });

  it("retries a refused endpoint once on another pick, so every request without body succeeds", async () => {
    for (let i = 0; i < 6; i++) {
      const response = await send(`${proxy.url}/lb-half-dead`);
      expect(response.status).toBe(200);
      expect(response.headers["x-backend"]).toBe("a");
    }
  });

  it("keeps a client on one endpoint with consistentHash, and spreads clients", async () => {
    const endpointOf = async (client: string) => String((await send(`${proxy.url}/hashed`, { headers: { "x-forwarded-for": client } })).headers["x-backend"]);
    const first = await endpointOf("198.51.100.1");
    for (let i = 0; i < 5; i++) expect(await endpointOf("198.51.100.1")).toBe(first);
    const spread = new Set<string>();
    for (let i = 0; i < 40; i++) spread.add(await endpointOf(`198.51.100.${i + 10}`));
    expect(spread).toEqual(new Set(["a", "b"]));
  });

  it("keys consistentHash on what consistentHashKey sets instead of the client address", async () => {
    const endpointOf = async (user: string, client: string) =>
      String((await send(`${proxy.url}/hashed-by-user`, { headers: { "x-user": user, "x-forwarded-for": client } })).headers["x-backend"]);
    for (const user of ["ann", "bob", "eve", "joe"]) {
      const first = await endpointOf(user, "198.51.100.1");
      for (let i = 2; i < 6; i++) expect(await endpointOf(user, `198.51.100.${i}`)).toBe(first);
    }
  });

  it.each(["random", "two-choices"])("reaches both endpoints with the %s algorithm", async (path) => {
    const names = new Set<string>();
    for (let i = 0; i < 40 && names.size < 2; i++) names.add(String((await send(`${proxy.url}/${path}`)).headers["x-backend"]));
    expect(names).toEqual(new Set(["a", "b"]));
  });

  it("answers 503 when the backend drops the connection without an answer (§4.7)", async () => {
    const response = await send(`${proxy.url}/reset`);
    expect(response.status).toBe(503);
    expect(response.text).toBe("Service Unavailable\n");
  });

  it("routes an absolute-form request target by its path, and answers a garbled one with 400", async () => {
    const absolute = await rawRequest(proxy.url, "GET http://client.example/network/abs?x=1 HTTP/1.1\r\nHost: client.example\r\nConnection: close\r\n\r\n");
    expect(absolute).toMatch(/^HTTP\/1\.1 200/);
    expect(absolute).toContain('"url":"/network/abs?x=1"');
    expect(await rawRequest(proxy.url, "NOT HTTP AT ALL\r\n\r\n")).toMatch(/^HTTP\/1\.1 400/);
    expect((await send(`${proxy.url}/network/after`)).status).toBe(200);
  });

  it("answers a shunt with 404 and an empty body (§4.2)", async () => {
    const response = await send(`${proxy.url}/shunt`, { method: "POST", body: "drained" });
    expect(response.status).toBe(404);
    expect(response.body.length).toBe(0);
    expect(response.headers["server"]).toBe("Skipper");
  });

  it("routes a loopback again with the filtered request (§4.3)", async () => {
    const response = await send(`${proxy.url}/loop`);
    expect(response.status).toBe(200);
    expect(json<SeenRequest>(response).url).toBe("/network/looped");
  });

  it("stops a loop at the limit with 500 (§4.3)", async () => {
    const response = await send(`${proxy.url}/forever`);
    expect(response.status).toBe(500);
    expect(response.text).toBe("Internal Server Error\n");
  });

  it("sends a dynamic backend where setDynamicBackendUrl says (§4.4)", async () => {
    const response = await send(`${proxy.url}/dynamic`);
    expect(response.headers["x-backend"]).toBe("b");
    expect(json<SeenRequest>(response).headers.host).toBe(`127.0.0.1:${b.port}`);
  });

  it("sends <forward> to the forward URL without the route's filters (§4.6)", async () => {
    const response = await send(`${proxy.url}/forward`);
    expect(response.headers["x-backend"]).toBe("b");
    expect(json<SeenRequest>(response).url).toBe("/forward");
  });

  it("answers 404 Not Found when no route matches (§4.7)", async () => {
    const response = await send(`${proxy.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(response.text).toBe("Not Found\n");
    expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("answers 502 when the backend refuses the connection", async () => {
    const response = await send(`${proxy.url}/dead`);
    expect(response.status).toBe(502);
    expect(response.text).toBe("Bad Gateway\n");
  });

  it("answers 504 when the backend takes longer than backendTimeout", async () => {
    const started = Date.now();
    const response = await send(`${proxy.url}/slow`);
    expect(response.status).toBe(504);
    expect(response.text).toBe("Gateway Timeout\n");
    expect(Date.now() - started).toBeLessThan(1_400);
  });

  it("writes one access-log line per request with route, backend, status and origin", async () => {
    await send(`${proxy.url}/network/7?q=1`);
    const line = proxy.accessLog.lines.findLast((entry) => entry["path"] === "/network/7");
    expect(line).toMatchObject({ route: "network", backend: `${a.url}/ignored/backend/path`, status: 200, method: "GET" });
    expect(String(line?.["routeOrigin"])).toMatch(/routes\.eskip:2:\d+$/);
    expect(line?.["bytes"]).toBeGreaterThan(0);
    expect(line).toMatchObject({ level: 30, msg: "request" });
    await send(`${proxy.url}/lb`);
    // A load-balanced backend's label has quotes of its own: the line must still be JSON.
    const lb = proxy.accessLog.lines.findLast((entry) => entry["route"] === "lb");
    expect(lb?.["backend"]).toBe(`<roundRobin, "${a.url}", "${b.url}">`);
  });
});

/** Sends bytes as they are and returns what comes back until the server closes. */
function rawRequest(url: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(url).port), "127.0.0.1");
    let received = "";
    socket.setTimeout(5_000, () => socket.destroy(new Error("no answer in time")));
    socket.on("data", (data: Buffer) => (received += data.toString()));
    socket.on("error", reject);
    socket.on("close", () => resolve(received));
    socket.write(text);
  });
}
