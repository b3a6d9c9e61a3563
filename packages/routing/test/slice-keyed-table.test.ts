import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SliceKeyedTable } from "../src/slice-keyed-table.js";

describe("SliceKeyedTable", () => {
  // Few owners and short keys from a small alphabet: the same key under several owners, keys that
  // are prefixes of others, and the empty key all occur.
  const key = fc.string({ unit: fc.constantFrom("a", "b", "/", "é", "😀"), maxLength: 4 });
  const entry = fc.record({ owner: fc.integer({ min: -1, max: 5 }), key });

  it("finds every key of its owner by a slice of a longer string, and nothing else", () => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: ({ owner, key }) => `${owner}\u0000${key}`, maxLength: 60 }), fc.array(entry, { maxLength: 30 }), fc.string({ maxLength: 3 }), (entries, probes, padding) => {
        const withValues = entries.map((entry, value) => ({ ...entry, value }));
        const table = new SliceKeyedTable(withValues);
        const oracle = new Map(withValues.map(({ owner, key, value }) => [`${owner}\u0000${key}`, value]));
        for (const { owner, key } of [...entries, ...probes]) {
          const text = `${padding}${key}${padding}`;
          expect(table.get(owner, text, padding.length, padding.length + key.length)).toBe(oracle.get(`${owner}\u0000${key}`) ?? -1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("answers -1 when it holds nothing", () => {
    expect(new SliceKeyedTable([]).get(0, "/a", 0, 2)).toBe(-1);
  });
});
