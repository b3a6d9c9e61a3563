import { describe, expect, it } from "vitest";
import { context, filter, run, type RequestOptions } from "./support/test-context.js";

function setCookies(name: string, args: Parameters<typeof filter>[1], options: RequestOptions = {}) {
  return run([filter(name, args)], context("/", { response: { status: 200 }, ...options })).response.header("set-cookie");
}

describe("responseCookie and jsCookie (skipper-semantics §3.3)", () => {
  it.each([
    ["www.example.org", "session=abc; Path=/; Domain=example.org; HttpOnly; Secure"],
    ["example.org", "session=abc; Path=/; Domain=example.org; HttpOnly; Secure"],
    ["www.example.org:9090", "session=abc; Path=/; Domain=example.org; HttpOnly; Secure"],
    ["a.b.example.org", "session=abc; Path=/; Domain=b.example.org; HttpOnly; Secure"],
    ["localhost:8080", "session=abc; Path=/; Domain=localhost; HttpOnly; Secure"],
    ["192.168.0.1", "session=abc; Path=/; HttpOnly; Secure"],
    ["[::1]:8080", "session=abc; Path=/; HttpOnly; Secure"],
  ])("for host %s: %s", (host, expected) => {
    expect(setCookies("responseCookie", ["session", "abc"], { host })).toEqual([expected]);
  });

  it.each([
    [3600, "; Max-Age=3600"],
    [0, "; Max-Age=0"],
    [-5, "; Max-Age=0"],
    [90.9, "; Max-Age=90"],
    // int(0.5) is 0, which Go's Cookie.String omits.
    [0.5, ""],
  ])("maxAge %d → %j", (maxAge, attribute) => {
    expect(setCookies("responseCookie", ["s", "v", maxAge], { host: "example.org" })).toEqual([`s=v; Path=/; Domain=example.org${attribute}; HttpOnly; Secure`]);
  });

  it("jsCookie is the same without HttpOnly", () => {
    expect(setCookies("jsCookie", ["s", "v", 60], { host: "example.org" })).toEqual(["s=v; Path=/; Domain=example.org; Max-Age=60; Secure"]);
  });

  it("appends beside the Set-Cookie headers already there", () => {
    const ctx = run([filter("responseCookie", ["b", "2"])], context("/", { host: "example.org", response: { status: 200, headers: { "set-cookie": "a=1" } } }));
    expect(ctx.response.header("set-cookie")).toEqual(["a=1", "b=2; Path=/; Domain=example.org; HttpOnly; Secure"]);
  });

  it.each([
    ["s=v", false],
    ["other=1; s=v", false],
    ["s=old", true],
    [undefined, true],
  ])('change-only with request cookies %j sets the cookie: %s', (cookie, expected) => {
    const headers: Record<string, string> = cookie === undefined ? {} : { cookie };
    const set = setCookies("responseCookie", ["s", "v", 60, "change-only"], { headers });
    expect(set !== undefined).toBe(expected);
  });

  it("sets the cookie every time when the fourth argument is not change-only", () => {
    expect(setCookies("jsCookie", ["s", "v", 60, "always"], { headers: { cookie: "s=v" } })).toHaveLength(1);
  });

  it("cleans the value as Go does: invalid bytes dropped, quoted when it has a space or comma", () => {
    expect(setCookies("responseCookie", ["s", 'a;b"c\\d\u00e9'], { host: "example.org" })![0]).toMatch(/^s=abcd; /);
    expect(setCookies("responseCookie", ["s", "a b,c"], { host: "example.org" })![0]).toMatch(/^s="a b,c"; /);
  });

  it("works in the response phase only", () => {
    expect(filter("responseCookie", ["s", "v"]).request).toBeUndefined();
  });
});

describe("requestCookie, dropRequestCookie, dropResponseCookie", () => {
  it.each([
    [undefined, "c=1"],
    ["a=1; b=2", "a=1; b=2; c=1"],
    [["a=1", "b=2"], "a=1; b=2; c=1"],
  ])("requestCookie with Cookie %j → %s", (cookie, expected) => {
    const ctx = run([filter("requestCookie", ["c", "1"])], context("/", { headers: cookie === undefined ? {} : { cookie } }));
    expect(ctx.request.header("cookie")).toEqual([expected]);
    expect(ctx.request.cookie("c")).toBe("1");
  });

  it.each([
    ["a=1; b=2; c=3", ["a=1; c=3"]],
    ["b=2", undefined],
    ["a=1;b=2", ["a=1"]],
    ["a=1; bb=2", ["a=1; bb=2"]],
  ])("dropRequestCookie(b) with Cookie %j", (cookie, expected) => {
    const ctx = run([filter("dropRequestCookie", ["b"])], context("/", { headers: { cookie } }));
    expect(ctx.request.header("cookie")).toEqual(expected);
  });

  it("dropResponseCookie removes that cookie's Set-Cookie lines and keeps the others as sent", () => {
    const headers = { "set-cookie": ["a=1; Path=/", "b=2; HttpOnly; Max-Age=5", "a=3"] };
    const ctx = run([filter("dropResponseCookie", ["a"])], context("/", { response: { status: 200, headers } }));
    expect(ctx.response.header("set-cookie")).toEqual(["b=2; HttpOnly; Max-Age=5"]);
    const only = run([filter("dropResponseCookie", ["b"])], context("/", { response: { status: 200, headers: { "set-cookie": "b=1" } } }));
    expect(only.response.header("set-cookie")).toBeUndefined();
  });
});
