import { describe, expect, it } from "vitest";
import { EskipParseError, parse, parseFilters, parsePredicates } from "../src/index.js";

/** skipper-semantics §1.2: which documents the grammar accepts. */
describe("routes documents", () => {
  it.each([
    ["an empty document", ""],
    ["only blanks and comments", "  // nothing here\n\t// at all"],
    ["one route without id", '* -> "https://example.org"'],
    ["one route definition", "r: * -> <shunt>"],
    ["a definition with a trailing ;", "r: * -> <shunt>;"],
    ["extra ; before, between and after", ";r1: * -> <shunt>;;r2: * -> <shunt>;;"],
    ["only semicolons", ";;;"],
    ["* combined with predicates", "r: * && Foo() -> <shunt>"],
    ["filters between predicates and backend", 'r: Path("/") -> f() -> g(1, "a", /b/) -> "http://x"'],
    ["empty argument lists", "r: Foo() -> bar() -> <shunt>"],
    ["one leading comma in arguments", "r: Foo(,1) -> <shunt>"],
    ["a comment as the last token", "route: Any() -> <shunt>; // some comment"],
    ["every fixed backend", "a: * -> <shunt>; b: * -> <loopback>; c: * -> <dynamic>; d: * -> <forward>"],
    ["an lb backend without algorithm", 'r: * -> <"http://a", "http://b">'],
    ["an lb backend with algorithm", 'r: * -> <consistentHash, "http://a">'],
    ["route ids with digits and underscores", "_r_1: * -> <shunt>"],
    ["backtick strings", "r: Path(`/a`) -> `http://x`"],
  ])("accepts %s", (_what, text) => {
    expect(() => parse(text)).not.toThrow();
  });

  it.each([
    ["a trailing ; after a route without id", "* -> <shunt>;"],
    ["two routes without id", "* -> <shunt> * -> <shunt>"],
    ["a missing ; between definitions", "r1: * -> <shunt> r2: * -> <shunt>"],
    ["mixing id-less and named routes", "* -> <shunt>; r: * -> <shunt>"],
    ["a route without predicates", "r: -> <shunt>"],
    ["a route without backend", "r: * -> f()"],
    ["parentheses after *", "r: *() -> <shunt>"],
    ["a bare comma in arguments", "r: Foo(,) -> <shunt>"],
    ["a trailing comma in arguments", "r: Foo(1,) -> <shunt>"],
    ["two commas in a row", "r: Foo(1,,2) -> <shunt>"],
    ["a name as argument", "r: Foo(bar) -> <shunt>"],
    ["an empty lb backend", "r: * -> <>"],
    ["a blank lb backend", "r: * -> < >"],
    ["an lb backend with only an algorithm", "r: * -> <roundRobin>"],
    ["an lb endpoint that is not a string", "r: * -> <roundRobin, 1>"],
    ["a fixed backend with blanks inside", "r: * -> < shunt>"],
    ["a fixed backend in another case", "r: * -> <Shunt>"],
    ["a dash in a route id", "my-route: * -> <shunt>"],
    ["a dot in a route id", "my.route: * -> <shunt>"],
    ["a lone &", "r: A() & B() -> <shunt>"],
    ["a dash not followed by > or a number", "r: * -> - <shunt>"],
    ["a hash", "r: * -> <shunt>; #"],
    ["single quotes", "r: Path('/') -> <shunt>"],
  ])("rejects %s", (_what, text) => {
    expect(() => parse(text)).toThrow(EskipParseError);
  });

  it("reads ids, predicates, filters and backends into the AST", () => {
    const [route] = parse('r1: Path("/a") && Foo(1, "x") -> f("y") -> <roundRobin, "http://a:1", "http://b:2">');
    expect(route).toMatchObject({
      id: "r1",
      predicates: [
        { name: "Path", args: ["/a"] },
        { name: "Foo", args: [1, "x"] },
      ],
      filters: [{ name: "f", args: ["y"] }],
      backend: {
        type: "lb",
        algorithm: "roundRobin",
        endpoints: [{ address: "http://a:1" }, { address: "http://b:2" }],
      },
    });
  });

  it("gives a route without id the empty id", () => {
    expect(parse('* -> "http://x"')).toEqual([
      expect.objectContaining({ id: "", predicates: [], backend: { type: "network", address: "http://x" } }),
    ]);
  });
});

describe("predicate lists (entry 2)", () => {
  it("accepts empty, blank and comment-only input", () => {
    expect(parsePredicates("")).toEqual([]);
    expect(parsePredicates("   ")).toEqual([]);
    expect(parsePredicates("// only a comment")).toEqual([]);
  });

  it("drops every * but keeps Any()", () => {
    expect(parsePredicates("* && Foo(1) && * && Any()")).toEqual([
      { name: "Foo", args: [1] },
      { name: "Any", args: [] },
    ]);
    expect(parsePredicates("* && *")).toEqual([]);
  });

  it("rejects filters and backends", () => {
    expect(() => parsePredicates("Foo() -> bar()")).toThrow(EskipParseError);
    expect(() => parsePredicates("Foo() -> <shunt>")).toThrow(EskipParseError);
  });
});

describe("filter chains (entry 3)", () => {
  it("accepts empty input and chains", () => {
    expect(parseFilters(" \n ")).toEqual([]);
    expect(parseFilters('a() -> b(1) -> c("x", /y/)')).toEqual([
      { name: "a", args: [] },
      { name: "b", args: [1] },
      { name: "c", args: ["x", "y"] },
    ]);
  });

  it("rejects predicates operators and backends", () => {
    expect(() => parseFilters("a() && b()")).toThrow(EskipParseError);
    expect(() => parseFilters("a() -> <shunt>")).toThrow(EskipParseError);
    expect(() => parseFilters("*")).toThrow(EskipParseError);
  });
});
