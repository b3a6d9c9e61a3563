import { describe, expect, it } from "vitest";
import { context, filter, run } from "./support/test-context.js";

type Args = [code: number, scheme: string, hostname: string, port: number];

/** What gatewayRedirect serves for `target` ("/decoded/path?query") sent with Host `host`. */
function served(args: Args, target: string, host = "example.org:8080", before: ReturnType<typeof filter>[] = []) {
  return run([...before, filter("gatewayRedirect", args)], context(target, { host })).servedResponse;
}

function location(args: Args, target: string, host?: string, before?: ReturnType<typeof filter>[]): unknown {
  return served(args, target, host, before)?.headers?.["Location"];
}

describe("gatewayRedirect: Gateway API RequestRedirect (gateway-api §2.7)", () => {
  it.each([
    [[302, "http", "", 0], "example.org:8080", "http://example.org/path?q"],
    [[302, "http", "", 8080], "example.org:8080", "http://example.org:8080/path?q"],
    [[302, "https", "", 8443], "example.org:8080", "https://example.org:8443/path?q"],
    [[302, "https", "", 0], "example.org", "https://example.org/path?q"],
    [[302, "http", "other.example", 0], "example.org:8080", "http://other.example/path?q"],
    [[302, "https", "other.example", 9443], "example.org", "https://other.example:9443/path?q"],
    [[302, "http", "", 0], "[::1]:8080", "http://[::1]/path?q"],
    [[302, "http", "", 81], "[::1]", "http://[::1]:81/path?q"],
  ] as const)("gatewayRedirect(%j) with Host %s → %s", (args, host, expected) => {
    expect(location([...args], "/path?q", host)).toBe(expected);
  });

  it.each([301, 302, 303, 307, 308])("serves %i with only a Location and no body", (code) => {
    expect(served([code, "https", "", 0], "/p")).toEqual({ status: code, headers: { Location: "https://example.org/p" } });
  });

  it("keeps no ? without a query, and the query as sent with one", () => {
    expect(location([302, "http", "", 0], "/p")).toBe("http://example.org/p");
    expect(location([302, "http", "", 0], "/p?a=1&b=%20")).toBe("http://example.org/p?a=1&b=%20");
  });

  it("takes the path as the filters before it left it, escaped as redirectTo escapes it", () => {
    expect(location([302, "http", "", 0], "/old?q=1", undefined, [filter("setPath", ["/new path"])])).toBe("http://example.org/new%20path?q=1");
    const stripPrefix = filter("modPath", ["^/prefix/one(/.*)?$", "/one${1}"]);
    expect(location([302, "http", "", 0], "/prefix/one/two", undefined, [stripPrefix])).toBe("http://example.org/one/two");
  });

  it("redirects a path emptied by modPath to the root", () => {
    const emptied = filter("modPath", ["^/foo(/.*)?$", "${1}"]);
    expect(location([302, "http", "", 0], "/foo?q", undefined, [emptied])).toBe("http://example.org/?q");
  });

  it("stops the chain: filters after it do not run", () => {
    const ctx = run([filter("gatewayRedirect", [302, "http", "", 0]), filter("setRequestHeader", ["X-After", "1"])], context("/p"));
    expect(ctx.served).toBe(true);
    expect(ctx.request.header("x-after")).toBeUndefined();
  });
});
