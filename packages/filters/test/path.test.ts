import { describe, expect, it } from "vitest";
import { parseReplacement } from "../src/builtins/replace.js";
import { context, filter, run } from "./support/test-context.js";

function path(name: string, args: Parameters<typeof filter>[1], target: string, params: Record<string, string> = {}): string {
  return run([filter(name, args)], context(target, { params })).request.path;
}

describe("setPath", () => {
  it.each([
    ["/v2/user/${id}", "/user/42", { id: "42" }, "/v2/user/42"],
    // skipper-semantics §3.3: unlike the header filters, missing placeholders become empty text.
    ["/v2/user/${id}", "/user/42", {}, "/v2/user/"],
    ["/q/${request.query.p}", "/x?p=abc", {}, "/q/abc"],
    ["/fixed", "/anything", {}, "/fixed"],
  ])("setPath(%j) on %s", (template, target, params, expected) => {
    expect(path("setPath", [template], target, params)).toBe(expected);
  });

  it("leaves the query alone", () => {
    expect(run([filter("setPath", ["/new"])], context("/old?a=1")).request.rawQuery).toBe("a=1");
  });
});

describe("modPath: Go's ReplaceAllString", () => {
  it.each([
    ["^/api/(.*)/v2$", "/$1", "/api/users/v2", "/users"],
    ["/api", "/", "/api/x", "//x"],
    ["o", "0", "/foo/boo", "/f00/b00"],
    ["(?i)API", "x", "/Api/api", "/x/x"],
    ["(a)(b)", "$1x", "/ab", "/"],
    ["(a)(b)", "${1}x", "/ab", "/ax"],
    ["(a)(b)", "$2$1", "/ab", "/ba"],
    ["(a)", "$$1", "/abc", "/$1bc"],
    ["(?P<first>a)", "<$first>", "/abc", "/<a>bc"],
    ["(?P<first>a)", "<${first}s>", "/abc", "/<as>bc"],
    ["(?P<first>a)", "<$firsts>", "/abc", "/<>bc"],
    ["a", "x$", "/abc", "/x$bc"],
    ["a", "${1", "/abc", "/${1bc"],
    ["a", "$-", "/abc", "/$-bc"],
    ["(a)", "[$01]", "/abc", "/[]bc"],
    ["(a)", "[$10]", "/abc", "/[]bc"],
    ["b+", "<$0>", "/abbc", "/a<bb>c"],
    ["a", "$\u00e9!", "/abc", "/!bc"],
    ["(x)?a", "[$1]", "/abc", "/[]bc"],
    ["a*", "-", "baaa", "-b-"],
    ["x*", "-", "/ab", "-/-a-b-"],
    [".*", "/v1/", "/api/v3", "/v1/"],
    ["$", "/", "/dir", "/dir/"],
  ])("modPath(%j, %j) on %s → %s", (expression, replacement, target, expected) => {
    expect(path("modPath", [expression, replacement], target)).toBe(expected);
  });

  it("splits a replacement template once, into literal text and group references", () => {
    expect(parseReplacement("/a/$1/${name}/$$/$2x/${3}x")).toEqual(["/a/", 1, "/", { name: "name" }, "/$/", { name: "2x" }, "/", 3, "x"]);
  });

  it("can be applied again and again with the same regexp", () => {
    const modPath = filter("modPath", ["b", "x"]);
    for (let i = 0; i < 3; i++) expect(run([modPath], context("/abcb")).request.path).toBe("/axcx");
  });
});
