import { describe, expect, it } from "vitest";
import { effectiveHostnames, hostnameMatches, hostRegexpOf } from "../../src/gateway/hostnames.js";
import { compileRe2 } from "@bosun/eskip";

describe("Gateway API hostnames (gateway-api.md §2.3)", () => {
  it.each([
    ["*.example.com", "a.example.com", true],
    ["*.example.com", "a.b.example.com", true],
    ["*.example.com", "example.com", false],
    ["*.example.com", "aexample.com", false],
    ["foo.example.com", "foo.example.com", true],
    ["foo.example.com", "bar.example.com", false],
  ])("%s covers %s: %s", (pattern, host, expected) => {
    expect(hostnameMatches(pattern, host)).toBe(expected);
  });

  // The table of §2.3, row by row.
  it.each([
    [undefined, [], undefined],
    [undefined, ["a.io", "*.b.io"], ["a.io", "*.b.io"]],
    ["a.b.c", [], ["a.b.c"]],
    ["a.b.c", ["a.b.c"], ["a.b.c"]],
    ["a.b.c", ["*.b.c"], ["a.b.c"]],
    ["a.b.c", ["*.c"], ["a.b.c"]],
    ["*.b.c", [], ["*.b.c"]],
    ["*.b.c", ["x.b.c", "y.x.b.c"], ["x.b.c", "y.x.b.c"]],
    ["*.b.c", ["*.b.c"], ["*.b.c"]],
    ["*.b.c", ["*.x.b.c"], ["*.x.b.c"]],
    ["*.b.c", ["*.c"], ["*.b.c"]],
    ["*.wildcard.io", ["wildcard.io"], []],
    ["a.b.c", ["other.io"], []],
  ] as const)("listener %s, route %j: %j", (listener, route, expected) => {
    expect(effectiveHostnames(listener, route)).toEqual(expected);
  });

  it("matches a request Host of any case, with a port or a trailing dot, and not a longer name", () => {
    const exact = compileRe2(hostRegexpOf("very.specific.com"));
    expect(["very.specific.com", "VERY.specific.com", "very.specific.com:1234", "very.specific.com."].every((host) => exact.test(host))).toBe(true);
    expect(exact.test("xvery.specific.com")).toBe(false);
    const wildcard = compileRe2(hostRegexpOf("*.wildcard.io"));
    expect(wildcard.test("foo.bar.wildcard.io:8080")).toBe(true);
    expect(wildcard.test("wildcard.io")).toBe(false);
  });
});
