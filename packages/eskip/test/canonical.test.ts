import { describe, expect, it } from "vitest";
import { canonicalRoute, parse, routeListsEqual, routesEqual } from "../src/index.js";

function one(text: string) {
  return parse(text)[0]!;
}

describe("canonical equality (skipper-semantics §1.6)", () => {
  it("ignores the order of predicates with different names", () => {
    expect(routesEqual(one('r: Path("/a") && Method("GET") && Foo() -> <shunt>'), one('r: Foo() && Method("GET") && Path("/a") -> <shunt>'))).toBe(true);
  });

  it("keeps the order of predicates with the same name", () => {
    expect(routesEqual(one("r: Host(/a/) && Host(/b/) -> <shunt>"), one("r: Host(/b/) && Host(/a/) -> <shunt>"))).toBe(false);
  });

  it("ignores the order of Header and HeaderRegexp predicates among themselves", () => {
    expect(
      routesEqual(one('r: Header("a", "1") && Header("b", "2") -> <shunt>'), one('r: Header("b", "2") && Header("a", "1") -> <shunt>')),
    ).toBe(true);
  });

  it("keeps the order of filters", () => {
    expect(routesEqual(one("r: * -> a() -> b() -> <shunt>"), one("r: * -> b() -> a() -> <shunt>"))).toBe(false);
  });

  it("compares arguments by type and value", () => {
    expect(routesEqual(one('r: Foo(1) -> <shunt>'), one('r: Foo("1") -> <shunt>'))).toBe(false);
    expect(routesEqual(one("r: Foo(1.0) -> <shunt>"), one("r: Foo(1) -> <shunt>"))).toBe(true);
    expect(routesEqual(one("r: Traffic(0.6666666666666666) -> <shunt>"), one("r: Traffic(0.6666666666666667) -> <shunt>"))).toBe(false);
    expect(routesEqual(one('r: PathRegexp("^/a") -> <shunt>'), one("r: PathRegexp(/^\\/a/) -> <shunt>"))).toBe(true);
  });

  it("compares ids, backend types, addresses, algorithms and endpoints", () => {
    expect(routesEqual(one("a: * -> <shunt>"), one("b: * -> <shunt>"))).toBe(false);
    expect(routesEqual(one("a: * -> <shunt>"), one("a: * -> <loopback>"))).toBe(false);
    expect(routesEqual(one('a: * -> "http://x"'), one('a: * -> "http://y"'))).toBe(false);
    expect(routesEqual(one('a: * -> <"http://x">'), one('a: * -> <roundRobin, "http://x">'))).toBe(false);
    expect(routesEqual(one('a: * -> <"http://x", "http://y">'), one('a: * -> <"http://y", "http://x">'))).toBe(true);
    expect(routesEqual(one('a: * -> <"http://x?zone=a">'), one('a: * -> <"http://x?zone=b">'))).toBe(false);
  });

  it("drops the origin from the canonical form", () => {
    expect(canonicalRoute(one("a: * -> <shunt>"))).not.toHaveProperty("origin");
  });
});

describe("list equality", () => {
  it("pairs routes by id in any order", () => {
    expect(routeListsEqual(parse("a: * -> <shunt>; b: * -> <loopback>"), parse("b: * -> <loopback>; a: * -> <shunt>"))).toBe(true);
    expect(routeListsEqual(parse("a: * -> <shunt>"), parse("a: * -> <shunt>; b: * -> <shunt>"))).toBe(false);
  });

  it("treats a repeated id as unequal", () => {
    const twice = [...parse("a: * -> <shunt>"), ...parse("a: * -> <shunt>")];
    expect(routeListsEqual(twice, twice)).toBe(false);
  });
});
