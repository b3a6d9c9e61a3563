import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { filesBelow, skipperConformance } from "../../../test/support/shared.js";
import { formatDocument, parseDocument, printRoutes, routeListsEqual } from "../src/index.js";

/**
 * Every eskip file Skipper ships as test data must parse, and printing must be a fixed point:
 * print(parse(print(parse(x)))) === print(parse(x)), with the same routes as the original.
 */
const corpusDir = skipperConformance("parsing and printing every eskip file of Skipper's corpus");
/** `[name in the corpus, path]` for each eskip file. */
const files = corpusDir === undefined ? [] : filesBelow(corpusDir, ".eskip").map((file): [string, string] => [relative(corpusDir, file), file]);

describe.skipIf(corpusDir === undefined)("the Skipper eskip corpus", () => {
  it("has the files the conformance README lists", () => {
    expect(files.filter(([name]) => name.startsWith("eskip-corpus/")).length).toBeGreaterThanOrEqual(20);
    expect(files.length).toBeGreaterThanOrEqual(150);
  });

  describe.each(files)("%s", (_name, file) => {
    const text = readFileSync(file, "utf8");

    it("parses with no error", () => {
      const document = parseDocument(text, { source: file });
      expect(document.errors.map((error) => error.message)).toEqual([]);
    });

    it.each([["compact", false], ["pretty", true]])("prints to a fixed point (%s)", (_form, pretty) => {
      const routes = parseDocument(text).routes;
      const printed = printRoutes(routes, { pretty });
      const reparsed = parseDocument(printed).routes;
      expect(printRoutes(reparsed, { pretty })).toBe(printed);
      expect(routeListsEqual(reparsed, routes)).toBe(true);
    });

    it("formats to a fixed point", () => {
      const formatted = formatDocument(text);
      expect(formatDocument(formatted)).toBe(formatted);
    });
  });
});
