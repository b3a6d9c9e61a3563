import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorOf } from "./support.js";
import { formatDocument, parseDocument, printRoutes, type Route } from "../src/index.js";
import { parseDocumentInOnePiece } from "../src/parse.js";
import { sliceEnds } from "../src/slices.js";
import { routeList } from "./arbitraries.js";

/** Long documents are parsed in slices; the result must be exactly the one-piece parse. */

/** A document of well over two slices, from generated routes with unique ids. */
function longDocument(routes: readonly Route[]): string {
  const named = routes.length === 1 && routes[0]!.id === "" ? [{ ...routes[0]!, id: "only" }] : routes;
  const blocks: string[] = [];
  for (let copy = 0; blocks.join("").length < 300_000; copy++) {
    const renamed = named.map((route) => ({ ...route, id: `${route.id}_${copy}` }));
    blocks.push(`// copy ${copy}; a comment with ; and "quotes"\n${printRoutes(renamed, { pretty: copy % 2 === 0 })}\n`);
  }
  return blocks.join("");
}

describe("parsing long documents in slices", () => {
  it("gives the same routes, origins and comments as the one-piece parse", () => {
    fc.assert(
      fc.property(routeList.filter((routes) => routes.length > 0), (routes) => {
        const text = longDocument(routes);
        expect(sliceEnds(text, 64 * 1024)!.length).toBeGreaterThan(1);
        expect(parseDocument(text)).toEqual(parseDocumentInOnePiece(text));
      }),
      { numRuns: 15 },
    );
  });

  it("cuts only at a ; between routes, never inside strings, regexps or comments", () => {
    const text = `a: Path(";") && Host(/[;/]x;/) -> f("\\";") -> <shunt>; // ;;\nb: * -> <shunt>;`;
    expect(sliceEnds(text, 1)).toEqual([text.indexOf("<shunt>;") + 8, text.length]);
  });

  it("knows an escaped quote from a quote after an escaped backslash", () => {
    const text = String.raw`a: * -> f("x\\", "y\";") -> <shunt>; b: * -> f(` + "`;\\\\`" + String.raw`) -> <shunt>; c: * -> <shunt>;`;
    const routeEnds = [...text.matchAll(/<shunt>;/g)].map((match) => match.index + "<shunt>;".length);
    expect(sliceEnds(text, 1)).toEqual(routeEnds);
    expect(parseDocument(text).routes.map((route) => route.id)).toEqual(["a", "b", "c"]);
  });

  it("reports an error in a late slice exactly as the one-piece parse does", () => {
    const good = Array.from({ length: 4000 }, (_, i) => `r${i}: Path("/p/${i}") -> setPath("/x") -> "http://backend:80";`).join("\n");
    for (const broken of [`${good}\nbad: Path("/x") <shunt>;`, `${good}\nbad: Path("/x) -> <shunt>;`, `${good}\n* -> <shunt>`]) {
      const sliced = errorOf(() => parseDocument(broken, { source: "big.eskip" }));
      const whole = errorOf(() => parseDocumentInOnePiece(broken, { source: "big.eskip" }));
      expect(sliced).toEqual(whole);
      expect(sliced.message).toBe(whole.message);
      expect(sliced.line).toBe(4001);
    }
  });

  it("keeps comments in place when formatting a long file", () => {
    const text = longDocument([{ id: "r", predicates: [], filters: [], backend: { type: "shunt" } }]);
    expect(formatDocument(formatDocument(text))).toBe(formatDocument(text));
    expect(formatDocument(text).match(/\/\/ copy/g)?.length).toBe(text.match(/\/\/ copy/g)?.length);
  });
});

