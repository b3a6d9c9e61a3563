import { describe, expect, it } from "vitest";
import { editDistance, nearestNames, parse, parseDocument } from "../src/index.js";

describe("parseDocument with everyError", () => {
  it("gives the same document as the plain parse when there is no syntax error", () => {
    const text = 'a: Path("/a") -> <shunt>;\nb: Method("GET") -> "http://x:1";';
    expect(parseDocument(text, { everyError: true })).toEqual(parseDocument(text));
  });

  it("reports the plain parse's error first, then goes on, keeping the good routes between errors", () => {
    const text = ['a: Path("/a") -> ;', 'b: Path("/b") -> <shunt>;', "c: Path(#) -> <shunt>;", 'd: Path("/d") -> <shunt>;'].join("\n");
    let first: unknown;
    try {
      parse(text);
    } catch (error) {
      first = error;
    }
    const document = parseDocument(text, { everyError: true });
    expect(document.errors[0]).toEqual(first);
    expect(document.errors.map((error) => [error.line, error.column])).toEqual([
      [1, 18],
      [3, 9],
    ]);
    expect(document.routes.map((route) => route.id)).toEqual(["b", "d"]);
  });

  it("keeps a route whose ';' is missing and starts again at the next id", () => {
    const document = parseDocument('a: * -> <shunt>\nb: * -> <shunt>;\nc: * -> <shunt>', { everyError: true });
    expect(document.routes.map((route) => route.id)).toEqual(["a", "c"]);
    expect(document.errors.map((error) => error.line)).toEqual([2]);
  });

  it("reports a string left open at its opening quote, whether a later quote closes it or none does", () => {
    const pairedLater = parseDocument('a: Path("/a) -> <shunt>;\nb: Path("/b") -> <shunt>;', { everyError: true });
    expect(pairedLater.errors.map((error) => [error.line, error.column, error.reason])).toEqual([[1, 9, "unterminated string"]]);
    expect(pairedLater.routes.map((route) => route.id)).toEqual(["b"]);
    const neverClosed = parseDocument('a: Path("/a") -> <shunt>;\nb: Path("/b) -> <shunt>;', { everyError: true });
    expect(neverClosed.errors.map((error) => [error.line, error.column, error.reason])).toEqual([[2, 9, "unterminated string"]]);
    expect(neverClosed.routes.map((route) => route.id)).toEqual(["a"]);
  });

  it("stays linear and bounded on a file of nothing but errors", () => {
    const text = "x: Path(#);\n".repeat(20_000);
    const document = parseDocument(text, { everyError: true });
    expect(document.errors.length).toBe(1000);
  });
});

describe("nearest names", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("Mehtod", "Method")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests close names only, nearest first, and a name differing in case", () => {
    const known = ["setRequestHeader", "setResponseHeader", "status", "setPath"];
    expect(nearestNames("setRequestHeadr", known)).toEqual(["setRequestHeader"]);
    expect(nearestNames("STATUS", known)).toEqual(["status"]);
    expect(nearestNames("frobnicate", known)).toEqual([]);
  });
});
