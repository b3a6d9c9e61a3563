import { parse, printPredicates, trafficSegmentPredicates, trafficSegments, type Route } from "@bosun/eskip";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceLookup, referenceOrder, RouteTable } from "../src/index.js";
import { allMatch } from "../src/predicate.js";
import { RequestMatchContext } from "../src/match-context.js";
import { splitPath } from "../src/path-pattern.js";
import { request } from "./support.js";

describe("TrafficSegment splits", () => {
  const weights = fc.array(fc.nat({ max: 100 }), { minLength: 1, maxLength: 8 });

  /** One route per variant, alike but for the split predicates. */
  function splitTable(split: readonly number[], draw: number): RouteTable {
    const routes = trafficSegmentPredicates(split)
      .map((predicates, k) => `v${k}: Path("/") && ${printPredicates(predicates)} -> <shunt>;`)
      .join("\n");
    return RouteTable.build(parse(routes), { environment: { random: () => draw } });
  }

  it("partition [0, 1): exactly one variant matches any draw, and zero-weight variants never do", () => {
    fc.assert(
      fc.property(
        weights.chain((split) => {
          // Draws anywhere, and exactly on every bound, where an off-by-one would show.
          const bounds = trafficSegments(split).flatMap(({ min, max }) => [min, max]).filter((bound) => bound < 1);
          return fc.tuple(fc.constant(split), fc.oneof(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.constantFrom(...bounds)));
        }),
        ([split, draw]) => {
          const routeTable = splitTable(split, draw);
          expect(routeTable.rejected).toEqual([]);
          const context = new RequestMatchContext(request("/"), routeTable.environment);
          const matching = routeTable.compiled.filter((compiled) => allMatch(compiled.matchers, context));
          expect(matching).toHaveLength(1);
          const winner = Number(matching[0]!.route.id.slice(1));
          const anyWeight = split.some((w) => w > 0);
          if (anyWeight) expect(split[winner]).toBeGreaterThan(0);
          expect(routeTable.lookup(request("/"))?.route.id).toBe(`v${winner}`);
          const { min, max } = trafficSegments(split)[winner]!;
          expect(min <= draw && draw < max).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("the path tree agrees with the reference matcher", () => {
  const pathPattern = fc.constantFrom(
    "/", "/a", "/a/", "/a/b", "/a/:x", "/:x/b", "/a/:x/c", "/:x/:y", "/a/*rest", "/**", "/b/**", "/a/b/c",
  );
  const predicate = fc.oneof(
    pathPattern.map((p) => `Path("${p}")`),
    fc.constantFrom("/", "/a", "/a/", "/b", "/a/b").map((p) => `PathSubtree("${p}")`),
    fc.constantFrom("a.org", "b.org").map((h) => `Host(/^(${h.replace(".", "[.]")}[.]?(:[0-9]+)?)$/)`),
    fc.constantFrom('Host(/org$/)', 'Method("GET")', 'Method("POST")', 'Header("X", "1")', 'HeaderRegexp("X", /2/)', "True()", "False()", "Weight(2)", "Weight(-1)", 'QueryParam("q")'),
    fc.constantFrom('PathRegexp("^/a(/|$)")', 'PathRegexp("^/b$")'),
    // Two listeners of one Gateway: a route with both is rejected, one without is in neither's domain.
    fc.constantFrom('Listener("ns/gw", "a")', 'Listener("ns/gw", "b")'),
  );
  const route = fc.array(predicate, { minLength: 1, maxLength: 4 });
  const routes = fc.array(route, { minLength: 1, maxLength: 12 }).map((list) =>
    list.map((predicates, i) => `r${i}: ${predicates.join(" && ")} -> <shunt>;`).join("\n"),
  );
  const req = fc.record({
    path: fc.constantFrom("/", "/a", "/a/", "/a/b", "/a/z", "/z/b", "/a/b/c", "/a/z/c", "/b", "/b/", "/b/x/y", "/q//a/./b"),
    host: fc.constantFrom("a.org", "b.org:8080", "c.org", "a.org."),
    method: fc.constantFrom("GET", "POST"),
    header: fc.constantFrom(undefined, "1", "2"),
    query: fc.constantFrom("", "q=1"),
    listener: fc.constantFrom(undefined, undefined, "ns/gw/a", "ns/gw/b", "ns/gw/c"),
  });

  it("chooses the same route with the same parameters for every request", () => {
    fc.assert(
      fc.property(routes, fc.array(req, { minLength: 1, maxLength: 10 }), (eskip, requests) => {
        const parsed: Route[] = [];
        try {
          parsed.push(...parse(eskip));
        } catch {
          return; // two Path predicates in one route: not a routing question
        }
        const routeTable = RouteTable.build(parsed);
        for (const r of requests) {
          const rq = request(`http://${r.host}${r.path}${r.query ? `?${r.query}` : ""}`, {
            method: r.method,
            headers: r.header ? { x: r.header } : {},
            ...(r.listener ? { listener: r.listener } : {}),
          });
          const fromTree = routeTable.lookup(rq);
          const fromReference = referenceLookup(routeTable, rq);
          expect(fromTree?.route.id).toBe(fromReference?.route.id);
          expect(fromTree?.params).toEqual(fromReference?.params);
          // gateway-api §2.2: only the routes of the request's listener, or of none, take part.
          if (fromTree) expect(routeTable.compiled.find(({ route }) => route === fromTree.route)!.narrowing.listener).toBe(r.listener);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("the reference order lists each usable route once", () => {
    fc.assert(
      fc.property(routes, req, (eskip, r) => {
        let parsed: Route[];
        try {
          parsed = parse(eskip);
        } catch {
          return;
        }
        const routeTable = RouteTable.build(parsed);
        const order = referenceOrder(routeTable.compiled, splitPath(request(r.path).path), r.listener);
        expect(order.candidates.length + order.pathMismatches.length + order.otherDomains.length).toBe(routeTable.compiled.length);
        for (const { compiled } of order.candidates) expect(compiled.narrowing.listener).toBe(r.listener);
      }),
      { numRuns: 200 },
    );
  });
});

describe("wide path trees agree with the reference matcher", () => {
  // Nodes with more than eight static children are found through a hash table and the rest by a
  // scan; the same names under several parents, leaves of several hosts, Host headers with a port
  // or a trailing dot, and routes without a path test every layout of the table.
  const name = fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `s${i}`), "", "ü");
  const segment = fc.oneof({ weight: 8, arbitrary: name }, { weight: 1, arbitrary: fc.constantFrom(":p", ":q") });
  const pattern = fc.array(segment, { minLength: 1, maxLength: 3 }).map((segments) => `/${segments.join("/")}`);
  const tree = fc.oneof(
    { weight: 4, arbitrary: pattern.map((p) => `Path("${p}")`) },
    { weight: 1, arbitrary: pattern.filter((p) => !p.includes(":")).map((p) => `PathSubtree("${p}")`) },
    { weight: 1, arbitrary: pattern.map((p) => `Path("${p}/*rest")`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  // Mostly routes and requests of no listener, as a proxy has them, and a few of two listeners.
  const listener = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom("a", "b") });
  const route = fc.record({
    tree,
    hosts: fc.subarray(["a.org", "b.org", "c.org"]),
    method: fc.constantFrom(undefined, "GET", "POST"),
    listener,
  });
  const routes = fc.array(route, { minLength: 20, maxLength: 150 }).map((list) =>
    list
      .map(({ tree, hosts, method, listener }, i) => {
        const predicates = tree ? [tree] : [];
        if (hosts.length > 0) predicates.push(`Host(/^(${hosts.map((h) => `${h.replace(".", "[.]")}(:[0-9]+)?`).join("|")})$/)`);
        if (method) predicates.push(`Method("${method}")`);
        if (listener) predicates.push(`Listener("ns/gw", "${listener}")`);
        return `r${i}: ${predicates.length > 0 ? predicates.join(" && ") : "*"} -> <shunt>;`;
      })
      .join("\n"),
  );
  const req = fc.record({
    segments: fc.array(fc.oneof({ weight: 6, arbitrary: name }, { weight: 1, arbitrary: fc.constantFrom("zz", "1") }), { minLength: 1, maxLength: 4 }),
    host: fc.constantFrom("a.org", "b.org", "c.org", "d.org", "a.org:8080", "b.org."),
    method: fc.constantFrom("GET", "POST"),
    listener,
  });
  let lookups = 0;
  let matches = 0;

  it("chooses the same route with the same parameters for every request", () => {
    fc.assert(
      fc.property(routes, fc.array(req, { minLength: 1, maxLength: 30 }), (eskip, requests) => {
        const routeTable = RouteTable.build(parse(eskip));
        for (const r of requests) {
          const rq = request(`http://${r.host}/${r.segments.map(encodeURIComponent).join("/")}`, { method: r.method, ...(r.listener ? { listener: `ns/gw/${r.listener}` } : {}) });
          const fromTree = routeTable.lookup(rq);
          const fromReference = referenceLookup(routeTable, rq);
          expect(fromTree?.route.id).toBe(fromReference?.route.id);
          expect(fromTree?.params).toEqual(fromReference?.params);
          lookups++;
          if (fromTree) matches++;
        }
      }),
      { numRuns: 300 },
    );
    // Not vacuous: a good share of the requests find a route.
    expect(matches / lookups).toBeGreaterThan(0.3);
  });
});
