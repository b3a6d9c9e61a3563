import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineNames } from "@bosun/proxy";
import { TestBackend, type SeenRequest } from "./support/backend.ts";
import { json, send } from "./support/client.ts";
import { startProxy, type RunningProxy } from "./support/proxy.ts";

/** Every built-in filter through a real proxy and backend (skipper-semantics §3), on both engines. */
describe.each(engineNames)("filters through the %s engine", (engine) => {
  let backend: TestBackend;
  let other: TestBackend;
  let proxy: RunningProxy;
  let clock = Date.parse("2026-11-23T12:00:00Z");

  beforeAll(async () => {
    backend = await TestBackend.start("main", (request, response, body) => {
      response.setHeader("x-from-backend", "yes");
      response.setHeader("set-cookie", "backend=1");
      const seen = { method: request.method, url: request.url, headers: request.headers, bodyBytes: body.length };
      response.end(JSON.stringify(seen));
    });
    other = await TestBackend.start("other");
    proxy = await startProxy(
      `
      requestHeaders: Path("/users/:id/request-headers")
        -> setRequestHeader("X-User", "\${id}")
        -> appendRequestHeader("X-List", "added")
        -> setRequestHeader("X-Missing", "\${request.header.X-Nope}")
        -> setRequestHeader("X-From-Query", "q=\${request.query.q}")
        -> dropRequestHeader("X-Drop")
        -> setRequestHeader("Host", "rewritten.example")
        -> "${backend.url}";
      responseHeaders: Path("/response-headers")
        -> setResponseHeader("X-Method", "\${request.method}")
        -> dropResponseHeader("X-From-Backend")
        -> appendResponseHeader("X-Echo", "\${response.header.X-From-Backend}")
        -> "${backend.url}";
      paths: Path("/old/:rest") -> setPath("/new/\${rest}") -> "${backend.url}";
      modPath: PathSubtree("/api/v1") -> modPath("^/api/v1/(\\\\w+)", "/v2/$1/x") -> "${backend.url}";
      query: Path("/query") -> setQuery("b", "2") -> dropQuery("drop") -> "${backend.url}";
      rawQuery: Path("/raw-query") -> setQuery("only=this") -> "${backend.url}";
      strip: Path("/strip") -> stripQuery("true") -> "${backend.url}";
      cookies: Path("/cookies")
        -> requestCookie("added", "yes")
        -> responseCookie("session", "abc", 60)
        -> jsCookie("visible", "1")
        -> "${backend.url}";
      dropCookie: Path("/drop-cookie") -> dropResponseCookie("backend") -> "${backend.url}";
      redirect: Path("/redirect") -> redirectTo(302, "https://elsewhere.example/target") -> "${backend.url}";
      redirectKeep: PathSubtree("/keep") -> redirectTo(308, "https:") -> <shunt>;
      redirectLower: Path("/LOWER/Me") -> redirectToLower(301) -> <shunt>;
      statusFirst: Path("/status-first") -> status(418) -> inlineContent("x") -> <shunt>;
      statusLast: Path("/status-last") -> inlineContent("x") -> status(418) -> <shunt>;
      statusBackend: Path("/status-backend") -> status(201) -> "${backend.url}";
      inline: Path("/inline") -> inlineContent("<!doctype html><p>hi</p>") -> <shunt>;
      inlineTyped: Path("/inline-typed") -> inlineContent("{}", "application/json") -> <shunt>;
      shuntStatus: Path("/shunt-status") -> status(200) -> <shunt>;
      flow: Path("/flow") -> flowId() -> "${backend.url}";
      flowReuse: Path("/flow-reuse") -> flowId("reuse") -> "${backend.url}";
      limited: Path("/limited") -> ratelimit(2, "1m") -> "${backend.url}";
      clientLimited: Path("/client-limited") -> clientRatelimit(1, "1m", "X-Client") -> "${backend.url}";
      dynamicHost: Path("/dynamic-host") -> setDynamicBackendHost("127.0.0.1:${other.port}") -> setDynamicBackendScheme("http") -> <dynamic>;
      dynamicHeader: Path("/dynamic-header") -> setDynamicBackendUrlFromHeader("X-Target") -> <dynamic>;
      injectRequest: Path("/inject/:value") -> setRequestHeader("X-Value", "\${value}") -> "${backend.url}";
      injectResponse: Path("/inject-response/:value") -> setResponseHeader("X-Value", "\${value}") -> "${backend.url}";
      annotated: Path("/annotated") -> annotate("team", "payments") -> tracingTag("tier", "gold") -> comment("note") -> "${backend.url}";
      teeLoopback: Path("/shadowed") -> teeLoopback("shadow") -> "${backend.url}";
      teeTarget: Path("/shadowed") && Tee("shadow") -> "${other.url}";
      `,
      engine,
      { now: () => clock },
    );
  });

  afterAll(async () => {
    await proxy.close();
    await Promise.all([backend.close(), other.close()]);
  });

  it("sets, appends and drops request headers; templates take path params, query and headers", async () => {
    const seen = json<SeenRequest>(
      await send(`${proxy.url}/users/42/request-headers?q=search`, { headers: { "x-list": "first", "x-drop": "gone" } }),
    );
    expect(seen.headers["x-user"]).toBe("42");
    expect(seen.headers["x-list"]).toBe("first, added");
    expect(seen.headers["x-missing"]).toBeUndefined();
    expect(seen.headers["x-from-query"]).toBe("q=search");
    expect(seen.headers["x-drop"]).toBeUndefined();
    expect(seen.headers.host).toBe("rewritten.example");
  });

  it("sets, appends and drops response headers in the response phase, last filter first (§3.1)", async () => {
    const response = await send(`${proxy.url}/response-headers`, { method: "POST" });
    expect(response.headers["x-method"]).toBe("POST");
    expect(response.headers["x-echo"]).toBe("yes");
    expect(response.headers["x-from-backend"]).toBeUndefined();
  });

  it("rewrites the path with setPath and modPath", async () => {
    expect(json<SeenRequest>(await send(`${proxy.url}/old/thing?x=1`)).url).toBe("/new/thing?x=1");
    expect(json<SeenRequest>(await send(`${proxy.url}/api/v1/users/7`)).url).toBe("/v2/users/x/7");
  });

  it("changes the query with setQuery, dropQuery and stripQuery", async () => {
    expect(json<SeenRequest>(await send(`${proxy.url}/query?c=3&drop=1&a=1`)).url).toBe("/query?a=1&b=2&c=3");
    expect(json<SeenRequest>(await send(`${proxy.url}/raw-query?x=1`)).url).toBe("/raw-query?only=this");
    const stripped = json<SeenRequest>(await send(`${proxy.url}/strip?user=ann&page=2`));
    expect(stripped.url).toBe("/strip");
    expect(stripped.headers["x-query-param-user"]).toBe("ann");
    expect(stripped.headers["x-query-param-page"]).toBe("2");
  });

  it("adds request cookies and sets response cookies with Skipper's attributes", async () => {
    const response = await send(`${proxy.url}/cookies`, { headers: { host: "www.example.org", cookie: "existing=1" } });
    expect(json<SeenRequest>(response).headers.cookie).toBe("existing=1; added=yes");
    const cookies = response.headers["set-cookie"] ?? [];
    expect(cookies).toContain("backend=1");
    expect(cookies).toContain("session=abc; Path=/; Domain=example.org; Max-Age=60; HttpOnly; Secure");
    expect(cookies).toContain("visible=1; Path=/; Domain=example.org; Secure");
    const dropped = await send(`${proxy.url}/drop-cookie`);
    expect(dropped.headers["set-cookie"]).toBeUndefined();
  });

  it("redirects in the request phase, without calling the backend", async () => {
    const before = backend.seen.length;
    const response = await send(`${proxy.url}/redirect`);
    expect(response.status).toBe(302);
    expect(response.headers["location"]).toBe("https://elsewhere.example/target");
    expect(response.body.length).toBe(0);
    expect(backend.seen.length).toBe(before);
    const kept = await send(`${proxy.url}/keep/a/b?x=1`, { headers: { host: "shop.example.org" } });
    expect(kept.status).toBe(308);
    expect(kept.headers["location"]).toBe("https://shop.example.org/keep/a/b?x=1");
    const lower = await send(`${proxy.url}/LOWER/Me`, { headers: { host: "shop.example.org" } });
    expect(lower.status).toBe(301);
    expect(lower.headers["location"]).toBe("https://shop.example.org/lower/me");
  });

  it("runs response filters only for filters before the one that served (§3.1)", async () => {
    const first = await send(`${proxy.url}/status-first`);
    expect(first.status).toBe(418);
    expect(first.text).toBe("x");
    const last = await send(`${proxy.url}/status-last`);
    expect(last.status).toBe(200);
    expect(last.text).toBe("x");
    expect((await send(`${proxy.url}/status-backend`)).status).toBe(201);
    const shunt = await send(`${proxy.url}/shunt-status`);
    expect(shunt.status).toBe(200);
    expect(shunt.body.length).toBe(0);
  });

  it("serves inline content with a sniffed or given type and its length", async () => {
    const html = await send(`${proxy.url}/inline`);
    expect(html.status).toBe(200);
    expect(html.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(html.headers["content-length"]).toBe(String(Buffer.byteLength("<!doctype html><p>hi</p>")));
    const typed = await send(`${proxy.url}/inline-typed`);
    expect(typed.headers["content-type"]).toBe("application/json");
    expect(typed.text).toBe("{}");
  });

  it("sets a new X-Flow-Id, or keeps a valid one with reuse", async () => {
    const fresh = json<SeenRequest>(await send(`${proxy.url}/flow`, { headers: { "x-flow-id": "keepMe1234567890" } }));
    expect(fresh.headers["x-flow-id"]).toMatch(/^[0-9a-zA-Z+-]{16}$/);
    expect(fresh.headers["x-flow-id"]).not.toBe("keepMe1234567890");
    const reused = json<SeenRequest>(await send(`${proxy.url}/flow-reuse`, { headers: { "x-flow-id": "keepMe1234567890" } }));
    expect(reused.headers["x-flow-id"]).toBe("keepMe1234567890");
  });

  it("rate limits in process: over the limit 429 with X-Rate-Limit and Retry-After, then allowed again", async () => {
    expect((await send(`${proxy.url}/limited`)).status).toBe(200);
    expect((await send(`${proxy.url}/limited`)).status).toBe(200);
    const refused = await send(`${proxy.url}/limited`);
    expect(refused.status).toBe(429);
    expect(refused.headers["x-rate-limit"]).toBe("120");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    clock += 61_000;
    expect((await send(`${proxy.url}/limited`)).status).toBe(200);
  });

  it("rate limits each client apart, by the header named", async () => {
    expect((await send(`${proxy.url}/client-limited`, { headers: { "x-client": "ann" } })).status).toBe(200);
    expect((await send(`${proxy.url}/client-limited`, { headers: { "x-client": "ann" } })).status).toBe(429);
    expect((await send(`${proxy.url}/client-limited`, { headers: { "x-client": "bob" } })).status).toBe(200);
  });

  it("sends dynamic backends where setDynamicBackendHost/Scheme and ...UrlFromHeader say", async () => {
    expect((await send(`${proxy.url}/dynamic-host`)).headers["x-backend"]).toBe("other");
    const fromHeader = await send(`${proxy.url}/dynamic-header`, { headers: { "x-target": other.url } });
    expect(fromHeader.headers["x-backend"]).toBe("other");
  });

  it("answers 500 when a template makes a header value invalid, and keeps serving", async () => {
    expect((await send(`${proxy.url}/inject/a%0D%0AX-Evil:%201`)).status).toBe(500);
    expect((await send(`${proxy.url}/inject-response/a%0D%0AX-Evil:%201`)).status).toBe(500);
    expect((await send(`${proxy.url}/inject/fine`)).status).toBe(200);
  });

  it("records annotate and tracingTag in the access log, and comment changes nothing", async () => {
    await send(`${proxy.url}/annotated`);
    const line = proxy.accessLog.lines.findLast((entry) => entry["route"] === "annotated");
    expect(line?.["annotations"]).toEqual({ team: "payments", tier: "gold" });
  });

  it("routes a teeLoopback copy again, where Tee(label) takes it; the client gets the main answer", async () => {
    const before = other.seen.length;
    const response = await send(`${proxy.url}/shadowed`);
    expect(response.headers["x-backend"]).toBe("main");
    for (let i = 0; i < 100 && other.seen.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const copy = other.seen.at(-1);
    expect(copy?.url).toBe("/shadowed");
    expect(copy?.headers["x-tee-loopback-key"]).toBe("shadow");
    // The copy spawns no copy of its own.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(other.seen.length).toBe(before + 1);
  });
});
