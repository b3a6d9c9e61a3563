import { describe, expect, it } from "vitest";
import { parse, parseDocument } from "../src/index.js";
import { errorOf } from "./support.js";

/** skipper-semantics §1.3: the rules Skipper applies to each parsed route. */
function skipperMessageOf(text: string): string {
  return errorOf(() => parse(text)).skipperMessage;
}

describe("predicates Skipper keeps in their own fields", () => {
  it.each([
    ['r: Path(1) -> <shunt>', 'invalid route "r": Path predicate expects 1 string argument'],
    ['r: Path("/a", "/b") -> <shunt>', 'invalid route "r": Path predicate expects 1 string argument'],
    ["r: Host() -> <shunt>", 'invalid route "r": Host predicate expects 1 string argument'],
    ["r: PathRegexp(3) -> <shunt>", 'invalid route "r": PathRegexp predicate expects 1 string argument'],
    ["r: Method(1) -> <shunt>", 'invalid route "r": Method predicate expects 1 string argument'],
    ['r1: Header("a") -> <shunt>', 'invalid route "r1": Header predicate expects 2 string arguments'],
    ['r: HeaderRegexp("a", 1) -> <shunt>', 'invalid route "r": HeaderRegexp predicate expects 2 string arguments'],
    ["Method(1) -> <shunt>", 'invalid route "": Method predicate expects 1 string argument'],
    ['r: Path("/one") && Path("/two") -> <shunt>', "duplicate path tree predicate"],
    ['r: Method("HEAD") && Method("GET") -> <shunt>', "duplicate method predicate"],
    ['r: Header("a", "1") && Header("a", "2") -> <shunt>', "duplicate header predicate: a"],
  ])("%s → %s", (text, message) => {
    expect(skipperMessageOf(text)).toBe(message);
  });

  it("allows repeated Host, PathRegexp and HeaderRegexp, and Headers with different names", () => {
    const [route] = parse(
      'r: Host(/a/) && Host(/b/) && PathRegexp(/x/) && PathRegexp(/y/) && HeaderRegexp("k", /1/) && HeaderRegexp("k", /2/) && Header("a", "1") && Header("b", "1") -> <shunt>',
    );
    expect(route!.predicates).toHaveLength(8);
  });

  it("drops * and Any() from routes", () => {
    const [route] = parse('r: * && Any("ignored") && Foo() -> <shunt>');
    expect(route!.predicates).toEqual([{ name: "Foo", args: [] }]);
  });

  it("does not check other predicate or filter names or arguments", () => {
    expect(() => parse("r: NoSuchPredicate(1, 2) && Traffic() -> noSuchFilter(/x/) -> <shunt>")).not.toThrow();
  });
});

describe("load-balanced endpoints", () => {
  it("splits the zone query parameter off an endpoint and keeps the others", () => {
    const [route] = parse('r: * -> <"http://10.0.0.1:80?zone=eu-central-1a", "http://10.0.0.2:80?a=1&zone=b&c=2">');
    expect(route!.backend).toEqual({
      type: "lb",
      algorithm: "",
      endpoints: [
        { address: "http://10.0.0.1:80", zone: "eu-central-1a" },
        { address: "http://10.0.0.2:80?a=1&c=2", zone: "b" },
      ],
    });
  });

  it.each([
    ['r: * -> <"foo">', 'parse "foo": invalid URI for request'],
    ['r: * -> <"http:foo">', 'parse "http:foo": invalid URI for request'],
    ['r: * -> <":80">', 'parse ":80": missing protocol scheme'],
    ['r: * -> <"http://a", "https://b">', "loadbalancer endpoints cannot have mixed protocols"],
    ['r: * -> <"/a", "http://b">', "loadbalancer endpoints cannot have mixed protocols"],
  ])("%s → %s", (text, message) => {
    expect(skipperMessageOf(text)).toBe(message);
  });

  it("accepts absolute paths and URLs of one scheme", () => {
    expect(() => parse('r: * -> <"/a", "/b">')).not.toThrow();
    expect(() => parse('r: * -> <"HTTP://a", "http://b">')).not.toThrow();
  });

  it("takes host names as Go's url package does, not as WHATWG URLs do (an xn-- label that is not punycode)", () => {
    const [route] = parse('r: * -> <"http://xn--:1?zone=a", "http://xn--x:2/p?q=1">');
    expect(route!.backend).toEqual({
      type: "lb",
      algorithm: "",
      endpoints: [
        { address: "http://xn--:1", zone: "a" },
        { address: "http://xn--x:2/p?q=1" },
      ],
    });
    expect(skipperMessageOf('r: * -> <"http://a b:1?zone=a">')).toBe('parse "http://a b:1?zone=a": invalid URI for request');
  });
});

describe("a route that breaks a rule is rejected alone", () => {
  const text = [
    'good1: Path("/a") -> "http://a";',
    'bad: Path("/b") && Path("/c") -> "http://b";',
    'good2: Path("/d") -> "http://d";',
    'alsoBad: * -> <"x">;',
  ].join("\n");

  it("keeps the other routes and reports each bad one with its place", () => {
    const document = parseDocument(text, { source: "routes.eskip" });
    expect(document.routes.map((route) => route.id)).toEqual(["good1", "good2"]);
    expect(document.errors.map((error) => error.summary)).toEqual([
      "routes.eskip:2:20: route \"bad\": duplicate path tree predicate",
      'routes.eskip:4:16: route "alsoBad": parse "x": invalid URI for request',
    ]);
    expect(document.errors.every((error) => error.code === "ESKIP_INVALID_ROUTE")).toBe(true);
  });

  it("makes parse() fail on the first one, as Skipper's Parse does", () => {
    expect(() => parse(text)).toThrow(/duplicate path tree predicate/);
  });
});

describe("route origins", () => {
  it("record the file, line and column of each route", () => {
    const { routes } = parseDocument('\n\n  r1: * -> <shunt>;\nr2: Foo()\n  -> <shunt>', { source: "f.eskip" });
    expect(routes.map((route) => route.origin)).toEqual([
      { kind: "eskip", file: "f.eskip", line: 3, column: 3, offset: 4, endOffset: 20 },
      { kind: "eskip", file: "f.eskip", line: 4, column: 1, offset: 22, endOffset: 44 },
    ]);
  });
});
