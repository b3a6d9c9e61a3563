import { describe, expect, it } from "vitest";
import { request, table } from "./support.js";

/** Does a route with exactly these predicates match the request? */
function matches(predicates: string, req: ReturnType<typeof request>, environment = {}): boolean {
  const routeTable = table(`r: ${predicates} -> <shunt>`, environment);
  expect(routeTable.rejected).toEqual([]);
  return routeTable.lookup(req)?.route.id === "r";
}

/** The reason a route with this predicate is rejected. */
function rejection(predicates: string): string | undefined {
  return table(`r: ${predicates} -> <shunt>`).rejected[0]?.reason;
}

const fixedNow = { now: () => Date.parse("2026-06-15T12:00:00Z") };

describe("built-in predicates (skipper-semantics §2.3)", () => {
  it.each([
    ['PathRegexp(/^\\/api\\/v[0-9]+/)', request("/api/v2/x"), true],
    ['PathRegexp(/^\\/api\\/v[0-9]+/)', request("/api/vx"), false],
    ['PathRegexp(/a/) && PathRegexp(/b/)', request("/ab"), true],
    ['PathRegexp(/a/) && PathRegexp(/b/)', request("/a"), false],
    ["Host(/^example[.]org$/)", request("http://example.org/"), true],
    ["Host(/^example[.]org$/)", request("http://example.org:8080/"), false],
    ["Host(/(?i)^EXAMPLE[.]org$/)", request("http://example.org/"), true],
    ['HostAny("a.org", "b.org:8080")', request("http://b.org:8080/"), true],
    ['HostAny("a.org", "b.org:8080")', request("http://b.org/"), false],
    ['Method("GET")', request("/"), true],
    ['Method("get")', request("/"), false],
    ['Methods("get", "post")', request("/", { method: "POST" }), true],
    ['Methods("get", "post")', request("/", { method: "PUT" }), false],
    ['Header("X-Role", "admin")', request("/", { headers: { "x-role": ["user", "admin"] } }), true],
    ['Header("X-Role", "admin")', request("/", { headers: { "x-role": "Admin" } }), false],
    ['Header("Host", "a.org")', request("http://a.org/"), false],
    ['HeaderRegexp("Accept", /json/)', request("/", { headers: { accept: "application/json" } }), true],
    ['HeaderRegexp("Accept", /json/)', request("/"), false],
    ['Cookie("session", /^[a-z]+$/)', request("/", { headers: { cookie: "a=1; session=abc" } }), true],
    ['Cookie("session", /^[a-z]+$/)', request("/", { headers: { cookie: "session=ABC" } }), false],
    ['Cookie("session", /./)', request("/"), false],
    ['Tee("shadow")', request("/", { headers: { "x-tee-loopback-key": "shadow" } }), true],
    ['Tee("shadow")', request("/", { headers: { "x-tee-loopback-key": "other" } }), false],
    ['Tee("shadow")', request("/"), false],
    ['QueryParam("debug")', request("/?debug"), true],
    ['QueryParam("debug")', request("/?debug="), true],
    ['QueryParam("debug")', request("/?other=1"), false],
    ['QueryParam("v", /^2/)', request("/?v=1&v=2.1"), true],
    ['QueryParam("v", /^2/)', request("/?v=1"), false],
    ["True()", request("/"), true],
    ["False()", request("/"), false],
    ["True(1, \"ignored\")", request("/"), true],
    ["Weight(10)", request("/"), true],
    ['Source("10.0.0.0/8")', request("/", { headers: { "x-forwarded-for": "10.1.2.3, 192.168.0.1" }, remoteAddress: "172.16.0.1" }), true],
    ['Source("10.0.0.0/8")', request("/", { remoteAddress: "10.9.9.9" }), true],
    ['Source("10.0.0.0/8")', request("/", { headers: { "x-forwarded-for": "192.168.0.1" }, remoteAddress: "10.9.9.9" }), false],
    ['SourceFromLast("192.168.0.0/16")', request("/", { headers: { "x-forwarded-for": "10.1.2.3, 192.168.0.1" } }), true],
    ['SourceFromLast("10.0.0.0/8")', request("/", { headers: { "x-forwarded-for": "10.1.2.3, 192.168.0.1" } }), false],
    ['ClientIP("127.0.0.1", "::1")', request("/", { headers: { "x-forwarded-for": "10.0.0.1" }, remoteAddress: "::ffff:127.0.0.1" }), true],
    ['ClientIP("2001:db8::/32")', request("/", { remoteAddress: "2001:db8::7" }), true],
    ['ClientIP("2001:db8::/32")', request("/", { remoteAddress: "2001:db9::7" }), false],
    ['ContentLengthBetween(0, 100)', request("/", { headers: { "content-length": "99" } }), true],
    ['ContentLengthBetween(0, 100)', request("/", { headers: { "content-length": "100" } }), false],
    ['ContentLengthBetween(0, 100)', request("/"), true],
    ['Listener("infra/gw", "http")', request("/", { listener: "infra/gw/http" }), true],
    ['Listener("infra/gw", "http")', request("/", { listener: "infra/gw/https" }), false],
    ['Listener("infra/gw", "http")', request("/", { listener: "other/gw/http" }), false],
    ['Listener("infra/gw", "http")', request("/"), false],
  ] as const)("%s", (predicates, req, expected) => {
    expect(matches(predicates, req)).toBe(expected);
  });

  it.each([
    ['After("2026-01-01T00:00:00Z")', true],
    ['After("2027-01-01T00:00:00+02:00")', false],
    ["After(1767225600)", true],
    ['Before("2026-06-15T12:00:01Z")', true],
    ['Before("2026-06-15T12:00:00Z")', false],
    ['Between("2026-06-15T12:00:00Z", "2026-06-15T12:00:01Z")', true],
    ['Between("2026-06-15T11:00:00Z", "2026-06-15T12:00:00Z")', false],
    ['Between("2026-06-15T13:00:00", "2026-06-15T15:00:00", "Europe/Berlin")', true],
    ['Between("2026-06-15T12:00:00", "2026-06-15T13:00:00", "Europe/Berlin")', false],
  ])("%s at 2026-06-15T12:00Z", (predicates, expected) => {
    expect(matches(predicates, request("/"), fixedNow)).toBe(expected);
  });
});

describe("Traffic", () => {
  it("matches when the draw is below the chance", () => {
    expect(matches("Traffic(0.3)", request("/"), { random: () => 0.29 })).toBe(true);
    expect(matches("Traffic(0.3)", request("/"), { random: () => 0.3 })).toBe(false);
  });

  it("follows the sticky cookie when the request has it, and the chance otherwise", () => {
    const sticky = 'Traffic(0.5, "ab", "b")';
    expect(matches(sticky, request("/", { headers: { cookie: "ab=b" } }), { random: () => 0.99 })).toBe(true);
    expect(matches(sticky, request("/", { headers: { cookie: "ab=a" } }), { random: () => 0 })).toBe(false);
    expect(matches(sticky, request("/"), { random: () => 0.1 })).toBe(true);
    expect(matches(sticky, request("/"), { random: () => 0.6 })).toBe(false);
  });
});

describe("TrafficSegment", () => {
  it("matches when the request's draw falls in [min, max)", () => {
    expect(matches("TrafficSegment(0.2, 0.5)", request("/"), { random: () => 0.2 })).toBe(true);
    expect(matches("TrafficSegment(0.2, 0.5)", request("/"), { random: () => 0.5 })).toBe(false);
  });

  it("draws once per request: every TrafficSegment of that request sees the same number", () => {
    let calls = 0;
    const random = () => [0.7, 0.1][calls++ % 2]!;
    const routeTable = table(
      `a: Path("/") && TrafficSegment(0, 0.5) -> <shunt>; b: Path("/") && TrafficSegment(0.5, 1) && True() -> <shunt>;`,
      { random },
    );
    // b is tried first (weight 1), draws 0.7 and matches; a second draw would have been 0.1.
    expect(routeTable.lookup(request("/"))?.route.id).toBe("b");
    expect(calls).toBe(1);
  });
});

describe("bad arguments reject the route alone, with Skipper's wording", () => {
  it.each([
    ["Foo()", 'unknown_predicate: predicate "Foo" not found'],
    ["Traffic(2)", "invalid_predicate_params: failed to create predicate Traffic(2): invalid predicate parameters"],
    ['Traffic(0.5, "c")', 'invalid_predicate_params: failed to create predicate Traffic(0.5, "c"): invalid predicate parameters'],
    ['Traffic("x")', 'invalid_predicate_params: failed to create predicate Traffic("x"): invalid predicate parameters'],
    ["TrafficSegment(0.5)", "invalid_predicate_params: failed to create predicate TrafficSegment(0.5): invalid predicate parameters: invalid number of arguments, expects two arguments"],
    ["TrafficSegment(-0.1, 0.5)", "invalid_predicate_params: failed to create predicate TrafficSegment(-0.1, 0.5): invalid predicate parameters: min is out of range"],
    ["TrafficSegment(0, 1.5)", "invalid_predicate_params: failed to create predicate TrafficSegment(0, 1.5): invalid predicate parameters: max is out of range"],
    ["TrafficSegment(0.6, 0.5)", "invalid_predicate_params: failed to create predicate TrafficSegment(0.6, 0.5): invalid predicate parameters: invalid range"],
    ['Weight("x")', 'invalid_predicate_params: failed to create predicate Weight("x"): invalid argument for the Weight predicate'],
    ["Methods()", "invalid_predicate_params: failed to create predicate Methods(): at least one method should be specified"],
    ["Methods(1)", "invalid_predicate_params: failed to create predicate Methods(1): only string values are allowed"],
    ['Methods("FETCH")', 'invalid_predicate_params: failed to create predicate Methods("FETCH"): method: FETCH is not allowed'],
    ["HostAny()", "invalid_predicate_params: failed to create predicate HostAny(): invalid predicate parameters"],
    ['Tee()', 'invalid_predicate_params: failed to create predicate Tee(): invalid predicate parameters'],
    ['Cookie("a")', 'invalid_predicate_params: failed to create predicate Cookie("a"): invalid predicate parameters'],
    ['QueryParam("a", "b", "c")', 'invalid_predicate_params: failed to create predicate QueryParam("a", "b", "c"): invalid predicate parameters'],
    ['Source("10.0.0.0/33")', 'invalid_predicate_params: failed to create predicate Source("10.0.0.0/33"): invalid CIDR address: 10.0.0.0/33'],
    ['ClientIP("0.0.0.0/0")', 'invalid_predicate_params: failed to create predicate ClientIP("0.0.0.0/0"): unspecified address not allowed: 0.0.0.0/0'],
    ["Source()", "invalid_predicate_params: failed to create predicate Source(): invalid arguments"],
    ['After("yesterday")', 'invalid_predicate_params: failed to create predicate After("yesterday"): invalid predicate parameters'],
    ['Between("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z")', 'invalid_predicate_params: failed to create predicate Between("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z"): invalid predicate parameters'],
    ["ContentLengthBetween(10, 5)", "invalid_predicate_params: failed to create predicate ContentLengthBetween(10, 5): invalid predicate parameters"],
    ['Path("/a") && PathSubtree("/b")', "multiple tree predicates (Path, PathSubtree) in the route: r"],
    ['Listener("ns/gw")', 'invalid_predicate_params: failed to create predicate Listener("ns/gw"): invalid predicate parameters: expects 2 string arguments, "namespace/gateway" and the listener\'s name'],
    ['Listener("ns/gw", "http", "x")', expect.stringMatching(/^invalid_predicate_params: failed to create predicate Listener\("ns\/gw", "http", "x"\): invalid predicate parameters: expects 2 string arguments/)],
    ['Listener("ns/gw", 80)', expect.stringMatching(/: invalid predicate parameters: expects 2 string arguments/)],
    ['Listener("gw", "http")', 'invalid_predicate_params: failed to create predicate Listener("gw", "http"): invalid predicate parameters: the Gateway must be given as "namespace/name", not "gw"'],
    ['Listener("ns/gw/x", "http")', expect.stringMatching(/: the Gateway must be given as "namespace\/name", not "ns\/gw\/x"$/)],
    ['Listener("/gw", "http")', expect.stringMatching(/: the Gateway must be given as "namespace\/name", not "\/gw"$/)],
    ['Listener("ns/", "http")', expect.stringMatching(/: the Gateway must be given as "namespace\/name", not "ns\/"$/)],
    ['Listener("ns/gw", "")', 'invalid_predicate_params: failed to create predicate Listener("ns/gw", ""): invalid predicate parameters: the listener\'s name must not be empty'],
    ['Listener("ns/gw", "a") && Listener("ns/gw", "b")', "multiple listener predicates (Listener) in the route: r"],
    ['Listener("ns/gw", "a") && Listener("ns/gw", "a")', "multiple listener predicates (Listener) in the route: r"],
    ['Path("/a/*x/b")', "free wildcard param should be last"],
    ['Path("/a:b")', "* or : in middle of path component /a:b"],
    ['Host("a(")', expect.stringMatching(/^invalid_predicate_params: failed to create predicate Host\("a\("\): error parsing regexp: /)],
  ])("%s", (predicates, reason) => {
    expect(rejection(predicates)).toEqual(reason);
  });

  it("keeps building and serving the other routes", () => {
    const routeTable = table(`good: Path("/a") -> <shunt>; bad: Path("/a") && Traffic(7) -> <shunt>; other: Path("/b") -> <shunt>;`);
    expect(routeTable.routes.map((route) => route.id)).toEqual(["good", "other"]);
    expect(routeTable.rejected.map(({ route }) => route.id)).toEqual(["bad"]);
    expect(routeTable.lookup(request("/a"))?.route.id).toBe("good");
  });

  it("lets a later route with the same id replace an earlier one, and says so", () => {
    const routeTable = table(`r: Path("/old") -> <shunt>; r: Path("/new") -> <shunt>;`);
    expect(routeTable.lookup(request("/old"))).toBeUndefined();
    expect(routeTable.lookup(request("/new"))?.route.id).toBe("r");
    expect(routeTable.rejected[0]?.reason).toBe("replaced by a later route with the id r");
  });

  it("walks a route of 50,000 segments without running out of stack", () => {
    const deep = `/${Array.from({ length: 50_000 }, (_, i) => `s${i % 10}`).join("/")}`;
    const routeTable = table(`deep: Path("${deep}/:last") -> <shunt>; two: Path("/:a/:b") -> <shunt>;`);
    expect(routeTable.lookup(request(`${deep}/x`))?.route.id).toBe("deep");
    expect(routeTable.lookup(request(`${deep}/x`))?.params).toEqual({ last: "x" });
    expect(routeTable.lookup(request(`${deep}/x/y`))).toBeUndefined();
    expect(routeTable.lookup(request("/s0/s1"))?.route.id).toBe("two");
  });

  it("keeps the replaced route's place in the table's order", () => {
    const routeTable = table(`r: Path("/a") -> <shunt>; s: Path("/b") -> <shunt>; r: Path("/c") -> <shunt>;`);
    expect(routeTable.routes.map((route) => `${route.id} ${route.predicates[0]!.args[0]}`)).toEqual(["r /c", "s /b"]);
  });
});

describe("a user's own predicate", () => {
  it("registers and works exactly like a built-in", async () => {
    const { defaultPredicateRegistry, ArgsError, RouteTable } = await import("../src/index.js");
    const { parse } = await import("@bosun/eskip");
    const registry = defaultPredicateRegistry().add<string>({
      name: "UserAgentContains",
      args: (raw) => {
        if (raw.length !== 1 || typeof raw[0] !== "string") throw new ArgsError("expects one string");
        return raw[0];
      },
      create: (text) => ({ request: req }) => req.header("user-agent")?.some((ua) => ua.includes(text)) ?? false,
    });
    const routeTable = RouteTable.build(parse(`bot: UserAgentContains("bot") -> <shunt>; bad: UserAgentContains(1) -> <shunt>`), { registry });
    expect(routeTable.lookup(request("/", { headers: { "user-agent": "a bot" } }))?.route.id).toBe("bot");
    expect(routeTable.rejected[0]?.reason).toBe("invalid_predicate_params: failed to create predicate UserAgentContains(1): expects one string");
  });
});
