import { describe, expect, it } from "vitest";
import { formatNumber, parse, printRegexp, printRoute, printRoutes, type Route } from "../src/index.js";

function reprint(text: string): string {
  return printRoutes(parse(text));
}

describe("printing (skipper-semantics §1.5)", () => {
  it("lays out the predicates Skipper keeps apart first, then the others in order", () => {
    expect(
      reprint(
        'r: Foo(1) && HeaderRegexp("b", /x/) && Header("b", "2") && Header("a", "1") && Method("GET") && PathRegexp(/^\\/p/) && Host(/h1/) && Host(/h2/) && Path("/p") && Bar() -> <shunt>',
      ),
    ).toBe(
      'r: Path("/p") && Host(/h1/) && Host(/h2/) && PathRegexp(/^\\/p/) && Method("GET") && Header("a", "1") && Header("b", "2") && HeaderRegexp("b", /x/) && Foo(1) && Bar() -> <shunt>;',
    );
  });

  it("prints * for a route without predicates and skips Any", () => {
    expect(printRoute({ id: "", predicates: [{ name: "Any", args: [] }], filters: [], backend: { type: "shunt" } })).toBe(
      "* -> <shunt>",
    );
  });

  it("prints one id-less route as a bare expression and definitions with ids and ;", () => {
    expect(reprint('* -> "http://x"')).toBe('* -> "http://x"');
    expect(reprint("a: * -> <shunt>; b: * -> <loopback>")).toBe("a: * -> <shunt>;\nb: * -> <loopback>;");
    expect(printRoutes([])).toBe("");
  });

  it("has a pretty form with each filter and the backend on its own line", () => {
    const routes = parse('a: Path("/") -> f(1) -> g("x") -> "http://x"; b: * -> <dynamic>');
    expect(printRoutes(routes, { pretty: true })).toBe(
      'a: Path("/")\n  -> f(1)\n  -> g("x")\n  -> "http://x";\n\nb: *\n  -> <dynamic>;',
    );
    expect(printRoute(routes[0]!, { pretty: true, indent: "\t" })).toBe('Path("/")\n\t-> f(1)\n\t-> g("x")\n\t-> "http://x"');
  });

  it("prints regexp-origin arguments of other predicates as strings", () => {
    expect(reprint('r: Cookie("a", /^x$/) -> <shunt>')).toBe('r: Cookie("a", "^x$") -> <shunt>;');
  });

  it("escapes strings: backslash, the control bytes and the quote", () => {
    expect(reprint(String.raw`r: * -> f("a\\b\"c\n\t\a\b\f\r\v\d") -> <shunt>`)).toBe(
      String.raw`r: * -> f("a\\b\"c\n\t\a\b\f\r\v\\d") -> <shunt>;`,
    );
  });

  it("escapes regexps: the slash and the backslash", () => {
    expect(reprint(String.raw`r: PathRegexp(/\.html$/) && Host(/a\/b/) -> <shunt>`)).toBe(
      String.raw`r: Host(/a\/b/) && PathRegexp(/\\.html$/) -> <shunt>;`,
    );
  });

  it("prints a regexp the /…/ form cannot carry back as a string", () => {
    expect(printRegexp("a[b")).toBe('"a[b"');
    expect(printRegexp("")).toBe('""');
    expect(printRegexp("a\nb")).toBe('"a\\nb"');
    expect(printRegexp("[/]x")).toBe("/[\\/]x/");
  });

  it("prints backends: network addresses escaped, lb with and without algorithm, zones, <forward>", () => {
    expect(reprint('r: * -> "http://a\\"b"')).toBe('r: * -> "http://a\\"b";');
    expect(reprint('r: * -> <"http://a", "http://b?zone=eu%201">')).toBe('r: * -> <"http://a", "http://b?zone=eu+1">;');
    expect(reprint('r: * -> <random, "http://a">')).toBe('r: * -> <random, "http://a">;');
    expect(reprint("r: * -> <forward>")).toBe("r: * -> <forward>;");
  });
});

describe("numbers", () => {
  it.each([
    [42, "42"],
    [-42, "-42"],
    [0.6666666666666666, "0.6666666666666666"],
    [0.5, "0.5"],
    [-0.3, "-0.3"],
    [123456789012345678901234567890, "123456789012345677877719597056"],
    [1e21, "1000000000000000000000"],
    [0.0001, "0.0001"],
    [0.00001, "0.00001"],
    [1.5e-7, "0.00000015"],
    [-2.5e-10, "-0.00000000025"],
    [1234567.5, "1234567.5"],
    [-0, "-0"],
  ])("%d prints as %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it("prints what reads back as the same number", () => {
    for (const value of [0.1, 1 / 3, 2 / 3, 1e-9, 123.456, -7.25e-8, 9007199254740993]) {
      const [route] = parse(`r: Foo(${formatNumber(value)}) -> <shunt>`);
      expect(route!.predicates[0]!.args[0]).toBe(value);
    }
  });
});

describe("printing a programmatic route", () => {
  const route: Route = {
    id: "r",
    predicates: [{ name: "Traffic", args: [0.2, "cookie", "b"] }],
    filters: [{ name: "status", args: [502] }],
    backend: { type: "lb", algorithm: "", endpoints: [{ address: "http://1.2.3.4:80", zone: "a b" }] },
  };

  it("uses Skipper's argument and backend forms", () => {
    expect(printRoutes([route])).toBe('r: Traffic(0.2, "cookie", "b") -> status(502) -> <"http://1.2.3.4:80?zone=a+b">;');
  });
});
