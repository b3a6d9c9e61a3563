import { describe, expect, it } from "vitest";
import { errorOf } from "./support.js";
import { parse, parseFilters, parsePredicates } from "../src/index.js";


describe("Skipper's error text (skipper-semantics §1.4)", () => {
  it.each([
    // The examples of Skipper's own tests.
    [parse, "fooId: * -> #", "parse failed after token ->, last route id: fooId, position 12: syntax error"],
    [parse, "* -> #", "parse failed after token ->, position 5: syntax error"],
    [parseFilters, "trallala", "parse failed after token trallala, position 8: syntax error"],
    [parseFilters, "foo-bar", "parse failed after token foo, position 3: syntax error"],
    [parsePredicates, "not predicates", "parse failed after token predicates, position 14: syntax error"],
    [parsePredicates, "Header#", "parse failed after token Header, position 6: syntax error"],
    // The lexer's message survives only where the text before it is a whole document.
    [parse, "r: * -> <shunt>; #", "parse failed after token ;, last route id: r, position 17: unexpected token"],
    [parse, "#", "parse failed after token , position 0: unexpected token"],
    [parse, "r: * -> <shunt>; /", "parse failed after token ;, last route id: r, position 17: invalid character"],
    [parse, "r: * -> <shunt>; /a", "parse failed after token ;, last route id: r, position 19: incomplete token"],
    [parse, "r: * -> <shunt>; 3.", "parse failed after token ;, last route id: r, position 19: incomplete token"],
    [parse, 'r: * -> <shunt>; "abc', "parse failed after token ;, last route id: r, position 21: incomplete token"],
    // Otherwise the grammar's "syntax error" replaces it, at the lexer's position.
    [parse, 'r: Path("/a) -> <shunt>', "parse failed after token (, last route id: r, position 23: syntax error"],
    [parse, "r: Foo(3.) -> <shunt>", "parse failed after token (, last route id: r, position 9: syntax error"],
    [parse, "r: A() & B() -> <shunt>", "parse failed after token ), last route id: r, position 7: syntax error"],
    // Strings and regexps are shown by their value.
    [parse, 'r: Foo("a\\"b" 1) -> <shunt>', 'parse failed after token 1, last route id: r, position 15: syntax error'],
    [parse, "r: Foo(/x\\/y/ 1) -> <shunt>", "parse failed after token 1, last route id: r, position 15: syntax error"],
    // The id counts once its colon has been read.
    [parse, "r1: * -> <shunt>; r2 #", "parse failed after token r2, last route id: r1, position 21: syntax error"],
    [parse, "r1: * -> <shunt>; r2: #", "parse failed after token :, last route id: r2, position 22: syntax error"],
    // End of input: the position is the length of the text.
    [parse, "r: Foo()  ", "parse failed after token ), last route id: r, position 10: syntax error"],
    [parse, "* -> <shunt>;", "parse failed after token ;, position 13: syntax error"],
    // Positions count bytes of UTF-8.
    [parse, 'r: Path("ü") -> <shunt> x', 'parse failed after token x, last route id: r, position 26: syntax error'],
    // Annotations are trimmed before Skipper parses them.
    [parsePredicates, "  Foo#", "parse failed after token Foo, position 3: syntax error"],
    // Go's TrimSpace removes Unicode spaces too; the position still counts from what is left.
    [parsePredicates, "\u2000\u00a0Foo#", "parse failed after token Foo, position 3: syntax error"],
  ])("%o %j", (entry, text, message) => {
    expect(errorOf(() => entry(text)).skipperMessage).toBe(message);
  });

  it("trims Unicode spaces around a predicate or filter annotation as Skipper does", () => {
    expect(parsePredicates("\u2000")).toEqual([]);
    expect(parseFilters("\u3000")).toEqual([]);
    expect(parsePredicates('\u2000Path("/a")\u00a0').map((predicate) => predicate.name)).toEqual(["Path"]);
  });
});

describe("bosun's location and reason", () => {
  it("points at the offending token with line, column, the source line and a caret", () => {
    const error = errorOf(() => parse('r1: * -> <shunt>;\nr2: Path("/x")\n  && Foo() <shunt>', { source: "a.eskip" }));
    expect(error.code).toBe("ESKIP_SYNTAX_ERROR");
    expect([error.line, error.column, error.offset]).toEqual([3, 12, 44]);
    expect(error.token).toBe("<shunt>");
    expect(error.expected).toEqual(['"&&"', '"->"']);
    expect(error.routeId).toBe("r2");
    expect(error.message).toBe(
      [
        'a.eskip:3:12: unexpected "<shunt>"; expected "&&" or "->"',
        " 3 |   && Foo() <shunt>",
        "   |            ^",
      ].join("\n"),
    );
  });

  it("points at the opening quote of an unterminated string, not at the end of the input", () => {
    const error = errorOf(() => parse('r: Path("/a)\n  -> <shunt>;\n'));
    expect([error.line, error.column]).toEqual([1, 9]);
    expect(error.reason).toMatch(/^unterminated string/);
  });

  it("points at the opening slash of an unterminated regexp", () => {
    const error = errorOf(() => parse("r: Host(/[a/]) -> <shunt>"));
    expect([error.line, error.column]).toEqual([1, 9]);
    expect(error.reason).toMatch(/^unterminated regexp/);
  });

  it("names an unexpected character", () => {
    const error = errorOf(() => parse("r: Foo() -> #"));
    expect(error.reason).toMatch(/^unexpected character "#"; expected name, string, "<shunt>"/);
    expect(error.token).toBe("#");
  });

  it("names the end of the input", () => {
    const error = errorOf(() => parse("r: Foo() -> f()"));
    expect(error.reason).toBe('unexpected end of input; expected "->"');
    expect([error.line, error.column]).toEqual([1, 16]);
  });

  it("lists the end of input among what may come", () => {
    const error = errorOf(() => parse("r: * -> <shunt> x"));
    expect(error.expected).toEqual(['";"', "end of input"]);
  });

  it("gives the token text and expected arguments inside an argument list", () => {
    const error = errorOf(() => parse("r: Foo(1,) -> <shunt>"));
    expect(error.token).toBe(")");
    expect(error.expected).toEqual(["number", "string", "regexp"]);
  });
});
