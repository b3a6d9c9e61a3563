import { describe, expect, it } from "vitest";
import { encodeQuery, parseQuery, queryEscape } from "../src/builtins/query-values.js";
import { sanitizeHeaderSuffix } from "../src/builtins/query.js";
import { context, filter, run, type RequestOptions } from "./support/test-context.js";

function query(name: string, args: Parameters<typeof filter>[1], target: string, options: RequestOptions = {}): string {
  return run([filter(name, args)], context(target, options)).request.rawQuery;
}

describe("setQuery(k, v): set, then re-encode as Go's url.Values.Encode", () => {
  it.each([
    [["b", "2"], "/?c=3&a=1", "a=1&b=2&c=3"],
    [["a", "x y"], "/?z=1&a=1&a=2", "a=x+y&z=1"],
    [["k", "\u00e4&=/?#"], "/", "k=%C3%A4%26%3D%2F%3F%23"],
    [["k", "!'()*~-._"], "/", "k=%21%27%28%29%2A~-._"],
    [["k v", "1"], "/", "k+v=1"],
    [["c", ""], "/?b=%7e&a", "a=&b=~&c="],
    [["q", "1"], "/?s=a+b&t=a%20b", "q=1&s=a+b&t=a+b"],
    // Go drops pairs with a semicolon or a bad escape when it parses the query.
    [["d", "4"], "/?a=1;b=2&c=3", "c=3&d=4"],
    [["d", "4"], "/?a=%zz&b=1", "b=1&d=4"],
    [["B", "1"], "/?a=1&C=2", "B=1&C=2&a=1"],
  ])("setQuery(%j) on %s → %s", (args, target, expected) => {
    expect(query("setQuery", args, target)).toBe(expected);
  });

  it("takes templates for name and value; unresolved placeholders count as empty", () => {
    const options = { headers: { "x-key": "k" }, params: { id: "v" } };
    expect(query("setQuery", ["${request.header.X-Key}", "${id}"], "/?a=1", options)).toBe("a=1&k=v");
    expect(query("setQuery", ["k", "${missing}"], "/?a=1")).toBe("a=1&k=");
  });

  it("with one argument replaces the raw query with the template, as it is", () => {
    expect(query("setQuery", ["z=1&a=b c&n=${id}"], "/?old=1", { params: { id: "2" } })).toBe("z=1&a=b c&n=2");
    expect(query("setQuery", [""], "/?old=1")).toBe("");
  });
});

describe("dropQuery", () => {
  it.each([
    [["a"], "/?b=2&a=1&a=3", "b=2"],
    [["x"], "/?b=2&a=1", "a=1&b=2"],
    [["${request.header.X-Drop}"], "/?b=2&a=1", "a=1&b=2"],
  ])("dropQuery(%j) on %s → %s", (args, target, expected) => {
    expect(query("dropQuery", args, target)).toBe(expected);
  });

  it("resolves the name from the request", () => {
    expect(query("dropQuery", ["${request.header.X-Drop}"], "/?b=2&a=1", { headers: { "x-drop": "b" } })).toBe("a=1");
  });
});

describe("stripQuery", () => {
  it("removes the query and adds no header by default, or with anything but true", () => {
    for (const args of [[], ["false"], ["yes"]]) {
      const ctx = run([filter("stripQuery", args)], context("/p?foo=bar"));
      expect(ctx.request.rawQuery).toBe("");
      expect([...ctx.request.headers.values.keys()]).toEqual([]);
    }
  });

  it('with "true" (any case) turns each value into an X-Query-Param header', () => {
    const ctx = run([filter("stripQuery", ["TRUE"])], context("/p?foo=bar&foo=baz&a+b=1&%C3%A4=2&x.y=3&a%09b=4&bad=%zz"));
    expect(ctx.request.rawQuery).toBe("");
    expect(Object.fromEntries(ctx.request.headers.values)).toEqual({
      "x-query-param-foo": ["bar", "baz"],
      "x-query-param-ab": ["1"],
      "x-query-param-u00e4": ["2"],
      "x-query-param-xy": ["3"],
      "x-query-param-atb": ["4"],
    });
  });

  it.each([
    ["plain-Key09", "plain-Key09"],
    ['quote"back\\slash', "quotebackslash"],
    ["new\nline\u0001", "newnlinex01"],
    ["\u{1f600}", "U0001f600"],
    ["\u00e9t\u00e9", "u00e9tu00e9"],
  ])("sanitises the key %j as Skipper's QuoteToASCII filter: %s", (key, expected) => {
    expect(sanitizeHeaderSuffix(key)).toBe(expected);
  });
});

describe("url.Values as Go parses and encodes them", () => {
  it("keeps values of a key in order and keys without = as empty values", () => {
    expect([...parseQuery("a=1&b&a=2&&=x")]).toEqual([
      ["a", ["1", "2"]],
      ["b", [""]],
      ["", ["x"]],
    ]);
  });

  it("decodes invalid UTF-8 leniently instead of dropping the pair", () => {
    expect(parseQuery("k=%FF").get("k")).toEqual(["\ufffd"]);
  });

  it("escapes everything but letters, digits and -_.~", () => {
    expect(queryEscape("a b+c%/:@")).toBe("a+b%2Bc%25%2F%3A%40");
    expect(encodeQuery(new Map([["b", ["2", "1"]], ["a", []]]))).toBe("b=2&b=1");
  });
});
