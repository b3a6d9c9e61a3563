import { describe, expect, it } from "vitest";
import { parseFilters } from "../src/index.js";

/** The value of the single argument of `f(<literal>)`. */
function argOf(literal: string): unknown {
  const [filter] = parseFilters(`f(${literal})`);
  return filter!.args[0];
}

describe("string literals (skipper-semantics §1.1)", () => {
  it.each([
    [String.raw`"plain"`, "plain"],
    [String.raw`"a\"b"`, 'a"b'],
    [String.raw`"back\\slash"`, "back\\slash"],
    [String.raw`"\a\b\f\n\r\t\v"`, "\x07\b\f\n\r\t\v"],
    [String.raw`"\d+"`, "\\d+"],
    [String.raw`"\/"`, "\\/"],
    ["`tick`", "tick"],
    ["`a\\`b`", "a`b"],
    ["`a\\\"b`", 'a\\"b'],
    ['"multi\nline"', "multi\nline"],
    ['""', ""],
    ['"ünï©ødé"', "ünï©ødé"],
  ])("%s reads as %j", (literal, value) => {
    expect(argOf(literal)).toBe(value);
  });
});

describe("regexp literals (skipper-semantics §1.1)", () => {
  it.each([
    ["/[/]/", "[/]"],
    [String.raw`/[\/]/`, "[/]"],
    [String.raw`/\//`, "/"],
    ['/["]/', '["]'],
    [String.raw`/[\"]/`, String.raw`[\"]`],
    [String.raw`/[\[]/`, String.raw`[\[]`],
    ["/[[:upper:]]/", "[[:upper:]]"],
    [String.raw`/[\\]/`, String.raw`[\]`],
    [String.raw`/\\\\/`, String.raw`\\`],
    [String.raw`/\d\.\n/`, String.raw`\d\.\n`],
    ["/^x$/", "^x$"],
  ])("%s reads as %j", (literal, value) => {
    expect(argOf(literal)).toBe(value);
  });

  it("is just a string once parsed", () => {
    expect(parseFilters(String.raw`f("^/a") -> f(/^\/a/)`).map((f) => f.args)).toEqual([["^/a"], ["^/a"]]);
  });
});

describe("numbers (skipper-semantics §1.1)", () => {
  it.each([
    ["42", 42],
    ["007", 7],
    [".5", 0.5],
    ["-.3", -0.3],
    ["-42", -42],
    ["0.6666666666666666", 0.6666666666666666],
    ["123456789012345678901234567890", 123456789012345678901234567890],
  ])("%s reads as %d", (literal, value) => {
    expect(argOf(literal)).toBe(value);
  });

  it("stops a number at its second dot: 1.2.3 is 1.2 then .3", () => {
    expect(() => parseFilters("f(1.2.3)")).toThrow(/unexpected number \.3/);
  });

  it("has no exponents: 1e5 is a number then a name", () => {
    expect(() => parseFilters("f(1e5)")).toThrow(/unexpected name e5/);
  });
});
