import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineNames } from "@bosun/proxy";
import { seededRandom } from "../bench/seeded-random.ts";
import { TestBackend, type SeenRequest } from "./support/backend.ts";
import { json, send } from "./support/client.ts";
import { startProxy, type RunningProxy } from "./support/proxy.ts";

/**
 * The filters the Gateway API compiler emits (gateway-api §3.4) through a real proxy, backend and
 * mirror, on both engines: gatewayRedirect, teeSampled, the literal header filters, and the path
 * and Host that URLRewrite's modPath and setRequestHeader("Host") send upstream.
 */
describe.each(engineNames)("Gateway API filters through the %s engine", (engine) => {
  const sampledFraction = 0.3;
  const sampledRequests = 200;
  let backend: TestBackend;
  let mirror: TestBackend;
  let silentMirror: TestBackend;
  let proxy: RunningProxy;
  /** Every draw of the proxy's random source, which only teeSampled uses on these routes. */
  const draws: number[] = [];

  beforeAll(async () => {
    backend = await TestBackend.start("main");
    mirror = await TestBackend.start("mirror");
    silentMirror = await TestBackend.start("silent-mirror", undefined, { streaming: () => undefined });
    const seeded = seededRandom(20261123);
    proxy = await startProxy(
      `
      redirectDefaultPort: Path("/path") -> gatewayRedirect(302, "http", "", 0) -> <shunt>;
      redirectPort: Path("/secure") -> gatewayRedirect(301, "https", "", 8443) -> <shunt>;
      redirectRewritten: Path("/old") -> setPath("/new") -> gatewayRedirect(307, "http", "other.example", 0) -> "${backend.url}";
      prefixRemoved: PathSubtree("/foo") -> modPath("^/foo(/.*)?$", "\${1}") -> "${backend.url}";
      hostRewritten: Path("/host") -> preserveHost("true") -> setRequestHeader("Host", "x.example") -> "${backend.url}";
      hostPreserved: Path("/preserved") -> preserveHost("true") -> "${backend.url}";
      literal: Path("/literal")
        -> setRequestHeaderLiteral("X-Literal", "\${request.method}")
        -> setResponseHeaderLiteral("X-Literal", "\${missing}")
        -> "${backend.url}";
      sampled: Path("/sampled") -> teeSampled("${mirror.url}", ${sampledFraction}) -> "${backend.url}";
      mirroredRewritten: PathSubtree("/every") -> modPath("^/every(/.*)?$", "\${1}") -> teeSampled("${mirror.url}", 1) -> "${backend.url}";
      silent: Path("/silent") -> teeSampled("${silentMirror.url}", 1) -> "${backend.url}";
      `,
      engine,
      {
        random: () => {
          const draw = seeded.next();
          draws.push(draw);
          return draw;
        },
      },
    );
  });

  afterAll(async () => {
    await proxy.close();
    await Promise.all([backend.close(), mirror.close(), silentMirror.close()]);
  });

  /** The copies the mirror saw of `path`, once `count` of them arrived or 2 s passed. */
  async function copiesOf(path: string, count: number): Promise<SeenRequest[]> {
    const seen = () => mirror.seen.filter((copy) => copy.url.split("?")[0] === path);
    for (let i = 0; i < 100 && seen().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return seen();
  }

  describe("gatewayRedirect", () => {
    it.each([
      ["/path?q", "http://example.org/path?q", 302],
      ["/secure", "https://example.org:8443/secure", 301],
      ["/old?x=1", "http://other.example/new?x=1", 307],
    ])("%s with Host example.org:8080 → %s", async (target, location, status) => {
      const before = backend.seen.length;
      const response = await send(`${proxy.url}${target}`, { headers: { host: "example.org:8080" } });
      expect(response.status).toBe(status);
      expect(response.headers["location"]).toBe(location);
      expect(response.body.length).toBe(0);
      expect(backend.seen.length).toBe(before);
    });
  });

  describe("URLRewrite's pieces (gateway-api §3.4)", () => {
    it.each([
      ["/foo", "/"],
      ["/foo?q=1", "/?q=1"],
      ["/foo/", "/"],
      ["/foo/bar", "/bar"],
    ])("a prefix removed by modPath: %s is sent as %s", async (target, sent) => {
      expect(json<SeenRequest>(await send(`${proxy.url}${target}`)).url).toBe(sent);
    });

    it("setRequestHeader(Host) overrides an earlier preserveHost(true)", async () => {
      const headers = { host: "client.example" };
      expect(json<SeenRequest>(await send(`${proxy.url}/host`, { headers })).headers.host).toBe("x.example");
      expect(json<SeenRequest>(await send(`${proxy.url}/preserved`, { headers })).headers.host).toBe("client.example");
    });
  });

  it("the literal header filters send `${…}` as written", async () => {
    const response = await send(`${proxy.url}/literal`);
    expect(json<SeenRequest>(response).headers["x-literal"]).toBe("${request.method}");
    expect(response.headers["x-literal"]).toBe("${missing}");
  });

  describe("teeSampled", () => {
    it(`copies the requests whose draw falls below the fraction: about ${sampledFraction * 100} % of ${sampledRequests}`, async () => {
      const drawsBefore = draws.length;
      for (let i = 0; i < sampledRequests; i++) {
        const response = await send(`${proxy.url}/sampled?n=${i}`);
        expect(response.headers["x-backend"]).toBe("main");
      }
      const drawn = draws.slice(drawsBefore);
      expect(drawn.length).toBe(sampledRequests);
      const expected = drawn.filter((draw) => draw < sampledFraction).length;
      const copies = await copiesOf("/sampled", expected);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(copies.length).toBe(expected);
      // The seeded draws are deterministic; this says they are a fair sample (3σ of the binomial).
      const sigma = Math.sqrt(sampledRequests * sampledFraction * (1 - sampledFraction));
      expect(Math.abs(copies.length - sampledRequests * sampledFraction)).toBeLessThan(3 * sigma);
      const sampledNumbers = drawn.flatMap((draw, i) => (draw < sampledFraction ? [`/sampled?n=${i}`] : []));
      expect(copies.map((copy) => copy.url).sort()).toEqual(sampledNumbers.sort());
    });

    it("sends the copy the path the filters before it left, escaped, an empty one as /", async () => {
      await send(`${proxy.url}/every/a%20b?x=1`);
      await send(`${proxy.url}/every`);
      expect((await copiesOf("/a%20b", 1)).map((copy) => copy.url)).toEqual(["/a%20b?x=1"]);
      expect((await copiesOf("/", 1)).map((copy) => copy.url)).toEqual(["/"]);
    });

    it("is not delayed by a mirror that never reads nor answers", async () => {
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        const response = await send(`${proxy.url}/silent`, { method: "POST", body: "payload", timeoutMs: 5_000 });
        expect(response.status).toBe(200);
        expect(json<SeenRequest>(response).bodyBytes).toBe(7);
        expect(Date.now() - started).toBeLessThan(2_000);
      }
    });
  });
});
