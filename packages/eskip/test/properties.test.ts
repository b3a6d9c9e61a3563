import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filesBelow, skipperConformance } from "../../../test/support/shared.js";
import { EskipParseError, parse, parseDocument, parseFilters, parsePredicates, printRoutes, routeListsEqual, type Route } from "../src/index.js";
import { eskipLexer } from "../src/tokens.js";
import { routeList } from "./arbitraries.js";
import { growthOf } from "./linear-growth.js";

const entries = [parseDocument, parsePredicates, parseFilters] as const;

/** Runs every entry point; anything thrown other than EskipParseError fails the property. */
function parsesOrRejectsCleanly(text: string): void {
  for (const entry of entries) {
    try {
      entry(text);
    } catch (error) {
      if (!(error instanceof EskipParseError)) throw error;
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.column).toBeGreaterThanOrEqual(1);
      expect(error.skipperMessage).toMatch(/^(parse failed after token .*, position \d+: |invalid route |duplicate |parse "|loadbalancer )/s);
    }
  }
}

/** Characters that matter to the lexer and the grammar, so random text often comes close to eskip. */
const eskipish = fc.string({
  unit: fc.constantFrom(..."\"`/\\[]()<>;:-&*,.1 a_Z\n#'{}|".split(""), "->", "&&", "<shunt>", "Path(", '"x"', "r:"),
  maxLength: 80,
});

describe("no input breaks the parser", () => {
  it("arbitrary strings give routes or an EskipParseError", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), parsesOrRejectsCleanly), { numRuns: 300 });
  });

  it("eskip-like strings give routes or an EskipParseError", () => {
    fc.assert(fc.property(eskipish, parsesOrRejectsCleanly), { numRuns: 1000 });
  });

  const corpusDir = skipperConformance("random token mutations of Skipper's eskip corpus");
  const corpus = corpusDir === undefined ? [] : filesBelow(corpusDir, ".eskip").map((file) => readFileSync(file, "utf8"));
  const tokensOf = (text: string) => eskipLexer.tokenize(text).tokens.map((token) => token.image);
  const pool = ["(", ")", ",", ";", ":", "->", "&&", "*", "<", ">", "<shunt>", '"s"', "/r/", "1", ".5", "Name", "#", '"', "/"];

  it.skipIf(corpusDir === undefined)("random token insertions, deletions and swaps in corpus files give routes or an EskipParseError", () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), token: fc.constantFrom(...pool) }),
      fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("swap" as const), at: fc.nat() }),
    );
    const file = fc.integer({ min: 0, max: corpus.length - 1 });
    fc.assert(
      fc.property(file, fc.array(mutation, { minLength: 1, maxLength: 5 }), (index, mutations) => {
        const tokens = tokensOf(corpus[index]!);
        for (const m of mutations) {
          const at = tokens.length === 0 ? 0 : m.at % tokens.length;
          if (m.kind === "insert") tokens.splice(at, 0, m.token);
          else if (m.kind === "delete") tokens.splice(at, 1);
          else if (at + 1 < tokens.length) [tokens[at], tokens[at + 1]] = [tokens[at + 1]!, tokens[at]!];
        }
        parsesOrRejectsCleanly(tokens.join(" "));
      }),
      { numRuns: 500 },
    );
  });
});

describe("parsing time grows linearly", () => {
  it("for any repeated fragment", () => {
    const unit = fc.string({
      unit: fc.constantFrom(..."\"`/\\[]()<>;:-&*,.1 a\n#".split(""), "->", "&&", "Foo(", "r: * -> <shunt>;"),
      minLength: 1,
      maxLength: 10,
    });
    fc.assert(
      fc.property(unit, (fragment) => {
        expect(growthOf(parsesOrRejectsCleanly, fragment), JSON.stringify(fragment)).toMatchObject({ linear: true });
      }),
      { numRuns: 40 },
    );
  });

  // The ratio of 29 against 24 that once failed came from slow runs; a slow run no longer counts.
  it("and a machine busy during some runs does not fail a linear parser", () => {
    let calls = 0;
    const parseOnBusyMachine = (text: string) => {
      // Every third run, small or large, takes five times as long, as if another process had the core.
      const times = calls++ % 3 === 0 ? 5 : 1;
      for (let i = 0; i < times; i++) parseDocument(text);
    };
    expect(growthOf(parseOnBusyMachine, "r: * -> <shunt>;\n")).toMatchObject({ linear: true });
    expect(calls).toBe(10);
  });

  /** The line of `offset`, counted from the start of the text each time. */
  function lineAt(text: string, offset: number): number {
    let line = 1;
    for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
  }

  /** The parser with a classic quadratic slip: the line of each route's end, counted from the start of the text. */
  function parseWithNaiveLines(text: string): number {
    parseDocument(text);
    let lines = 0;
    for (let end = text.indexOf(";"); end >= 0; end = text.indexOf(";", end + 1)) lines += lineAt(text, end);
    return lines;
  }

  // A judgement that noise cannot fail is worth little unless it still fails the bug it is for.
  it("and the same judgement fails a parser that does quadratic work", () => {
    expect(growthOf(parseWithNaiveLines, "r: * -> <shunt>;\n")).toMatchObject({ linear: false });
  });
});

describe("printing and parsing are inverse", () => {
  it("parse(print(routes)) equals routes for generated ASTs, and print is a fixed point", () => {
    fc.assert(
      fc.property(routeList, fc.boolean(), (routes, pretty) => {
        const printed = printRoutes(routes, { pretty });
        const reparsed = parse(printed);
        expect(routeListsEqual(reparsed, routes)).toBe(true);
        // Beyond canonical equality: filters, backends and their order come back exactly.
        const exactParts = (list: readonly Route[]) => list.map(({ id, filters, backend }) => ({ id, filters, backend }));
        expect(exactParts(reparsed)).toEqual(exactParts(routes));
        expect(printRoutes(reparsed, { pretty })).toBe(printed);
      }),
      { numRuns: 500 },
    );
  });
});
