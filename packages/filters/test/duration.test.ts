import { describe, expect, it } from "vitest";
import { parseDuration } from "../src/duration.js";

describe("parseDuration (Go time.ParseDuration)", () => {
  it.each([
    ["0", 0],
    ["500ms", 500],
    ["1h2m3.5s", 3_723_500],
    ["1h1h", 7_200_000],
    ["-1.5h", -5_400_000],
    ["+5s", 5000],
    [".5s", 500],
    ["1.s", 1000],
    ["90m", 5_400_000],
    ["1s500ms", 1500],
  ])("%s → %d ms", (text, milliseconds) => {
    expect(parseDuration(text)).toBe(milliseconds);
  });

  it.each([
    ["1.5us", 0.0015],
    ["300\u00b5s", 0.3],
    ["1\u03bcs", 0.001],
    ["2ns", 0.000002],
  ])("sub-millisecond %s → %d ms", (text, milliseconds) => {
    expect(parseDuration(text)).toBeCloseTo(milliseconds, 12);
  });

  it.each(["", "1", "s", ".s", "-", "1x", "1 s", "1.2.3s", "0.0", "1e3s", "5 ", "1S", "+", "1h 2m"])(
    "refuses %j with an ArgsError",
    (text) => {
      expect(() => parseDuration(text)).toThrow(expect.objectContaining({ name: "ArgsError" }));
    },
  );

  it("names the text and the problem as Go does", () => {
    expect(() => parseDuration("5")).toThrow('time: missing unit in duration "5"');
    expect(() => parseDuration("5d")).toThrow('time: unknown unit "d" in duration "5d"');
  });
});
