import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { xxhash64 } from "../../src/backends/lb/index.js";
import { referenceXxh64 } from "./support.js";

describe("xxhash64 (XXH64, seed 0)", () => {
  // The first four are the brief's; "as" to the 63-byte line are cespare/xxhash's own TestSum
  // vectors, the library Skipper hashes with (the 63 bytes exercise every code path).
  it.each([
    ["", 0xef46db3751d8e999n],
    ["a", 0xd24ec4f1a98c6e5bn],
    ["abc", 0x44bc2cf5ad770999n],
    ["Nobody inspects the spammish repetition", 0xfbcea83c8a378bf1n],
    ["as", 0x1c330fb2d66be179n],
    ["asd", 0x631c37ce72a97393n],
    ["asdf", 0x415872f599cea71en],
    ["Call me Ishmael. Some years ago--never mind how long precisely-", 0x02a2e85470d6fd96n],
  ])("matches the published vector for %j", (text, expected) => {
    expect(xxhash64(text)).toBe(expected);
    expect(referenceXxh64(text)).toBe(expected);
  });

  it("hashes the UTF-8 bytes, not the UTF-16 code units", () => {
    expect(xxhash64("é")).toBe(referenceXxh64("é"));
    expect(xxhash64("é")).not.toBe(xxhash64("\u00e9".normalize("NFD")));
  });

  it("agrees with a plain BigInt implementation on every length around the 4, 8 and 32 byte steps", () => {
    for (let length = 0; length <= 100; length++) {
      const text = Array.from({ length }, (_, i) => String.fromCharCode(33 + ((i * 7) % 90))).join("");
      expect(xxhash64(text), `length ${length}`).toBe(referenceXxh64(text));
    }
  });

  it("agrees with a plain BigInt implementation on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => xxhash64(text) === referenceXxh64(text)),
      { numRuns: 500 },
    );
  });
});
