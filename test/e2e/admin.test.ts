import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadPort, TestBackend } from "./support/backend.ts";
import { json, send } from "./support/client.ts";
import { startProxy, type RunningProxy } from "./support/proxy.ts";

/** The admin listener: metrics that report what was sent, health, the table, explain. */
describe("the admin listener", () => {
  let backend: TestBackend;
  let proxy: RunningProxy;

  beforeAll(async () => {
    backend = await TestBackend.start("a");
    proxy = await startProxy(
      `api: Host("^api[.]example[.]org$") && Path("/users/:id") -> "${backend.url}";
       teapot: Path("/teapot") -> status(418) -> <shunt>;
       dead: Path("/dead") -> "http://127.0.0.1:${await deadPort()}";
       broken: Path("/teapot") && Weight(100) -> setRequestHeadr("a", "b") -> <shunt>;`,
      "undici",
    );
  });

  afterAll(async () => {
    await proxy.close();
    await backend.close();
  });

  it("counts requests by route, backend and status code", async () => {
    for (let i = 0; i < 7; i++) await send(`${proxy.url}/users/${i}`, { headers: { host: "api.example.org" } });
    for (let i = 0; i < 3; i++) await send(`${proxy.url}/teapot`);
    await send(`${proxy.url}/nothing`);
    const metrics = (await send(`${proxy.adminUrl}/metrics`)).text;
    expect(metrics).toContain(`bosun_requests_total{route="api",backend="${backend.url}",code="200"} 7`);
    expect(metrics).toContain('bosun_requests_total{route="teapot",backend="<shunt>",code="418"} 3');
    expect(metrics).toContain('bosun_requests_total{route="",backend="",code="404"} 1');
    expect(metrics).toContain('bosun_request_duration_seconds_count{route="api"} 7');
    expect(metrics).toMatch(/^bosun_routes 3$/m);
    expect(metrics).toMatch(/^bosun_routes_last_update_timestamp_seconds \d+/m);
    expect(metrics).toMatch(/^bosun_routes_generation_info\{generation="[0-9a-f]{12}"\} 1$/m);
  });

  it("counts backend errors by route, backend and kind", async () => {
    for (let i = 0; i < 2; i++) expect((await send(`${proxy.url}/dead`)).status).toBe(502);
    const metrics = (await send(`${proxy.adminUrl}/metrics`)).text;
    expect(metrics).toMatch(/^bosun_backend_errors_total\{route="dead",backend="http:\/\/127\.0\.0\.1:\d+",kind="ECONNREFUSED"\} 2$/m);
    expect(metrics).toMatch(/^bosun_requests_total\{route="dead",backend="[^"]+",code="502"\} 2$/m);
  });

  it("answers /healthz", async () => {
    const response = await send(`${proxy.adminUrl}/healthz`);
    expect(response.status).toBe(200);
  });

  it("prints the table in service as eskip with its generation", async () => {
    const response = await send(`${proxy.adminUrl}/routes`);
    // Skipper's printer puts Path first and writes a Host regexp as a regexp literal (§1.5).
    expect(response.text).toContain('api: Path("/users/:id") && Host(/^api[.]example[.]org$/)');
    expect(response.headers["x-bosun-generation"]).toMatch(/^[0-9a-f]{12}$/);
    expect(response.headers["x-bosun-routes"]).toBe("3");
  });

  it("explains where a request goes", async () => {
    const url = encodeURIComponent("http://api.example.org/users/5");
    const explanation = json<{ route: string | null; params: Record<string, string> }>(await send(`${proxy.adminUrl}/debug/explain?method=GET&url=${url}`));
    expect(explanation.route).toBe("api");
    expect(explanation.params).toEqual({ id: "5" });
    const nowhere = json<{ route: string | null }>(await send(`${proxy.adminUrl}/debug/explain?url=${encodeURIComponent("http://other.example/users/5")}`));
    expect(nowhere.route).toBeNull();
  });

  it("lists the routes serve left out in explain, and never chooses them", async () => {
    const url = encodeURIComponent("http://any.example/teapot");
    const explanation = json<{ route: string | null; unusable: { id: string; reason: string }[] }>(await send(`${proxy.adminUrl}/debug/explain?url=${url}`));
    expect(explanation.route).toBe("teapot");
    expect(explanation.unusable).toEqual([
      { id: "broken", reason: 'unknown_filter: filter "setRequestHeadr" not found; did you mean setRequestHeader?' },
    ]);
  });

  it("lists every problem in bosun's one Problem shape on /problems, placed where the route was written", async () => {
    const response = await send(`${proxy.adminUrl}/problems`);
    expect(response.status).toBe(200);
    const body = json<{ generation: string; problems: Array<{ level: string; place: Record<string, unknown>; code: string; reason: string }> }>(response);
    expect(body.generation).toBe((await send(`${proxy.adminUrl}/routes`)).headers["x-bosun-generation"]);
    expect(body.problems).toEqual([
      expect.objectContaining({
        level: "error",
        place: { kind: "file", file: proxy.routesFile, line: 4, column: 8 },
        code: "invalid_route",
        reason: 'route "broken": unknown_filter: filter "setRequestHeadr" not found; did you mean setRequestHeader?',
      }),
    ]);
    const routes = await send(`${proxy.adminUrl}/routes`);
    expect(routes.text).toContain(`// rejected broken: unknown_filter: filter "setRequestHeadr" not found; did you mean setRequestHeader? (${proxy.routesFile}:4:8)`);
  });
});
