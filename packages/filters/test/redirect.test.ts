import { describe, expect, it } from "vitest";
import { context, filter, run } from "./support/test-context.js";

/** The Location served for a request to www.example.org`target`. */
function location(name: string, args: Parameters<typeof filter>[1], target = "/a/B?x=1"): string | undefined {
  const ctx = run([filter(name, args)], context(target));
  return ctx.servedResponse?.headers?.["Location"] as string | undefined;
}

describe("redirectTo: the location completed from the request (skipper-semantics §3.3)", () => {
  it.each([
    ["https:", "https://www.example.org/a/B?x=1"],
    ["http:", "http://www.example.org/a/B?x=1"],
    ["/new", "https://www.example.org/new?x=1"],
    ["new", "https://www.example.org/new?x=1"],
    ["/new?y=2", "https://www.example.org/new?y=2"],
    ["?y=2", "https://www.example.org/a/B?y=2"],
    ["http://other.org", "http://other.org/a/B?x=1"],
    ["http://other.org/", "http://other.org/?x=1"],
    ["HTTP://Other.org/p", "http://Other.org/p?x=1"],
    ["//other.org:8443/p", "https://other.org:8443/p?x=1"],
    ["https:///p", "https://www.example.org/p?x=1"],
    ["https://user:secret@other.org/p", "https://other.org/p?x=1"],
    ["http://[::1]:8080", "http://[::1]:8080/a/B?x=1"],
    ["/p#top", "https://www.example.org/p?x=1#top"],
    ["/a b", "https://www.example.org/a%20b?x=1"],
    ["/caf%C3%A9", "https://www.example.org/caf%C3%A9?x=1"],
    ["/caf\u00e9", "https://www.example.org/caf%C3%A9?x=1"],
    ["/a%2Fb", "https://www.example.org/a%2Fb?x=1"],
  ])("redirectTo(302, %j) → %s", (target, expected) => {
    expect(location("redirectTo", [302, target])).toBe(expected);
  });

  it("without a location redirects to https on the same host, path and query", () => {
    expect(location("redirectTo", [301])).toBe("https://www.example.org/a/B?x=1");
  });

  it.each([
    ["/a b/ü", "https://www.example.org/a%20b/%C3%BC"],
    ["/with%3Fquestion", "https://www.example.org/with%253Fquestion"],
  ])("escapes the decoded request path %j as Go prints it", (target, expected) => {
    expect(location("redirectTo", [301, "https:"], target)).toBe(expected);
  });

  it("escapes ? and % of the decoded request path", () => {
    const ctx = context("/");
    ctx.request.path = "/what?/100%";
    run([filter("redirectTo", [301, "https:"])], ctx);
    expect(ctx.servedResponse?.headers?.["Location"]).toBe("https://www.example.org/what%3F/100%25");
  });

  it("keeps a trailing ? of the location even with no query to fill it", () => {
    expect(location("redirectTo", [302, "/p?"], "/a")).toBe("https://www.example.org/p?");
    expect(location("redirectTo", [302, "/p?"], "/a?x=1")).toBe("https://www.example.org/p?x=1");
  });

  it("serves the code with only a Location and no body; the chain stops", () => {
    const ctx = run([filter("redirectTo", [308, "/new"]), filter("setRequestHeader", ["X-After", "1"])], context("/old"));
    expect(ctx.servedResponse).toEqual({ status: 308, headers: { Location: "https://www.example.org/new" } });
    expect(ctx.request.header("x-after")).toBeUndefined();
  });

  it("uses the host the request was sent to, port included", () => {
    const ctx = run([filter("redirectTo", [301, "https:"])], context("/p", { host: "shop.example.org:8080" }));
    expect(ctx.servedResponse?.headers?.["Location"]).toBe("https://shop.example.org:8080/p");
  });
});

describe("redirectToLower", () => {
  it.each([
    [[301], "/A/B%C3%9C", "https://www.example.org/a/b%C3%BC?X=1"],
    [[301, "https:"], "/Mixed/Case", "https://www.example.org/mixed/case?X=1"],
    [[301, "/NEW"], "/Old", "https://www.example.org/new?X=1"],
    [[301, "https://Other.ORG/P"], "/Old", "https://Other.ORG/p?X=1"],
    // Go lower-cases the decoded path; an escape that no longer matches it is printed anew.
    [[301, "/A%2Fb"], "/Old", "https://www.example.org/a/b?X=1"],
    [[301, "/a%2fb"], "/Old", "https://www.example.org/a%2fb?X=1"],
  ])("redirectToLower(%j) for %s → %s", (args, path, expected) => {
    expect(location("redirectToLower", args, `${decodeURIComponent(path)}?X=1`)).toBe(expected);
  });
});
