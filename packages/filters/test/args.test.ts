import type { Arg } from "@bosun/eskip";
import { describe, expect, it } from "vitest";
import { builtinFilters, defaultFilterRegistry, invalidFilterParameters, skipperFilterNames } from "../src/index.js";
import { argsError } from "./support/test-context.js";

const names = [
  "status", "inlineContent", "redirectTo", "redirectToLower",
  "setRequestHeader", "appendRequestHeader", "dropRequestHeader", "setResponseHeader", "appendResponseHeader", "dropResponseHeader",
  "setPath", "modPath", "setQuery", "dropQuery", "stripQuery", "preserveHost",
  "requestCookie", "responseCookie", "jsCookie", "dropRequestCookie", "dropResponseCookie",
  "flowId", "tee", "teenf", "teeLoopback", "ratelimit", "clientRatelimit", "backendTimeout",
  "setDynamicBackendUrl", "setDynamicBackendHost", "setDynamicBackendScheme",
  "setDynamicBackendUrlFromHeader", "setDynamicBackendHostFromHeader", "setDynamicBackendSchemeFromHeader",
  "annotate", "comment", "tracingTag", "consistentHashKey", "consistentHashBalanceFactor",
  // bosun's own, for the Gateway API compiler.
  "gatewayRedirect", "teeSampled",
  "setRequestHeaderLiteral", "appendRequestHeaderLiteral", "setResponseHeaderLiteral", "appendResponseHeaderLiteral",
  "backendPool",
];

describe("bosun's own filters", () => {
  it("are not among Skipper's names", () => {
    const own = ["gatewayRedirect", "teeSampled", "setRequestHeaderLiteral", "appendRequestHeaderLiteral", "setResponseHeaderLiteral", "appendResponseHeaderLiteral", "backendPool"];
    expect(own.filter((name) => skipperFilterNames.has(name))).toEqual([]);
  });
});

describe("the built-in registry", () => {
  it("holds every filter of the brief, each once", () => {
    expect(defaultFilterRegistry().names().sort()).toEqual([...names].sort());
    expect(new Set(builtinFilters.map((spec) => spec.name)).size).toBe(builtinFilters.length);
  });
});

/** Arguments each filter refuses with Skipper's generic reason. */
const invalid: ReadonlyArray<readonly [string, readonly Arg[]]> = [
  ["status", []], ["status", ["200"]], ["status", [200, 1]], ["status", [99]], ["status", [1000]],
  ["inlineContent", []], ["inlineContent", [1]], ["inlineContent", ["a", 2]], ["inlineContent", ["a", "b", "c"]],
  ["redirectTo", []], ["redirectTo", ["302"]], ["redirectTo", [302, 1]], ["redirectTo", [302, "/a", "b"]], ["redirectTo", [42, "/a"]],
  ["redirectTo", [302, "/%zz"]], ["redirectTo", [302, "https:example.org"]], ["redirectTo", [302, ":foo"]], ["redirectTo", [302, "/a\nb"]],
  ["redirectTo", [302, "http://host:port/"]], ["redirectToLower", [301, "/%"]],
  ["setRequestHeader", []], ["setRequestHeader", ["X-Foo"]], ["setRequestHeader", ["X-Foo", 1]], ["setRequestHeader", ["X Foo", "v"]],
  ["setRequestHeader", ["X-Foo", "v", "w"]], ["appendRequestHeader", ["", "v"]], ["setResponseHeader", [1, "v"]],
  ["appendResponseHeader", ["X-Foo:", "v"]], ["dropRequestHeader", []], ["dropRequestHeader", [1]], ["dropResponseHeader", ["a", "b", "c"]],
  ["setPath", []], ["setPath", [1]], ["setPath", ["/a", "/b"]], ["modPath", ["a"]], ["modPath", [1, "x"]], ["modPath", ["a", "b", "c"]],
  ["setQuery", []], ["setQuery", [1]], ["setQuery", ["a", "b", "c"]], ["setQuery", ["a", 1]], ["dropQuery", []], ["dropQuery", [1]],
  ["stripQuery", [1]], ["stripQuery", ["true", "x"]],
  ["preserveHost", []], ["preserveHost", ["TRUE"]], ["preserveHost", ["yes"]], ["preserveHost", [1]],
  ["requestCookie", ["a"]], ["requestCookie", ["", "v"]], ["requestCookie", ["a b", "v"]], ["requestCookie", ["a", "b", 60]],
  ["responseCookie", ["a"]], ["responseCookie", ["a", 1]], ["responseCookie", ["a", "b", "60"]], ["responseCookie", ["", "b"]],
  ["jsCookie", ["a", "b", 60, "change-only", "x"]], ["dropRequestCookie", []], ["dropResponseCookie", [1]],
  ["flowId", [1]],
  ["tee", []], ["tee", [1]], ["tee", ["not a url"]], ["tee", ["http://m", "a"]], ["tee", ["http://m", "a", 1]], ["teenf", ["file:///x"]],
  ["teeLoopback", []], ["teeLoopback", [""]], ["teeLoopback", [1]], ["teeLoopback", ["a", "b"]],
  ["ratelimit", []], ["ratelimit", [1]], ["ratelimit", ["1", "1m"]], ["ratelimit", [0, "1m"]], ["ratelimit", [1, 0]], ["ratelimit", [1, "-1s"]],
  ["ratelimit", [1, "1m", "429"]], ["ratelimit", [1, "1m", 429, 1]], ["clientRatelimit", [1, "1m", 5]], ["clientRatelimit", [1]],
  ["backendTimeout", []], ["backendTimeout", [1500]],
  ["setDynamicBackendUrl", []], ["setDynamicBackendHost", [1]], ["setDynamicBackendSchemeFromHeader", ["a", "b"]],
  ["annotate", ["k"]], ["annotate", ["k", 1]], ["comment", []], ["tracingTag", ["k"]],
  ["consistentHashKey", []], ["consistentHashKey", [1]],
  ["consistentHashBalanceFactor", []], ["consistentHashBalanceFactor", [0]], ["consistentHashBalanceFactor", [-1]], ["consistentHashBalanceFactor", ["1"]],
  ["backendPool", []], ["backendPool", [""]], ["backendPool", [1]], ["backendPool", ["a", "b"]],
  ["gatewayRedirect", []], ["gatewayRedirect", [302, "http", ""]], ["gatewayRedirect", [302, "http", "", 0, "x"]],
  ["gatewayRedirect", ["302", "http", "", 0]], ["gatewayRedirect", [300, "http", "", 0]], ["gatewayRedirect", [304, "http", "", 0]],
  ["gatewayRedirect", [302.5, "http", "", 0]], ["gatewayRedirect", [200, "http", "", 0]],
  ["gatewayRedirect", [302, "", "", 0]], ["gatewayRedirect", [302, "HTTPS", "", 0]], ["gatewayRedirect", [302, "ftp", "", 0]], ["gatewayRedirect", [302, 1, "", 0]],
  ["gatewayRedirect", [302, "http", 1, 0]], ["gatewayRedirect", [302, "http", "example.org:8080", 0]], ["gatewayRedirect", [302, "http", "*.example.org", 0]],
  ["gatewayRedirect", [302, "http", "a/b", 0]], ["gatewayRedirect", [302, "http", "-a.example", 0]], ["gatewayRedirect", [302, "http", "example.org.", 0]],
  ["gatewayRedirect", [302, "http", "", "80"]], ["gatewayRedirect", [302, "http", "", -1]], ["gatewayRedirect", [302, "http", "", 65536]], ["gatewayRedirect", [302, "http", "", 80.5]],
  ["teeSampled", []], ["teeSampled", ["http://m"]], ["teeSampled", ["http://m", "0.5"]], ["teeSampled", [1, 0.5]], ["teeSampled", ["not a url", 0.5]],
  ["teeSampled", ["file:///x", 0.5]], ["teeSampled", ["http://m", -0.1]], ["teeSampled", ["http://m", 1.01]], ["teeSampled", ["http://m", 0.5, "x"]],
  ["setRequestHeaderLiteral", ["X-Foo"]], ["setRequestHeaderLiteral", ["X Foo", "v"]], ["appendRequestHeaderLiteral", ["X-Foo", 1]],
  ["setResponseHeaderLiteral", ["X-Foo", "a\r\nX-Evil: 1"]], ["appendResponseHeaderLiteral", ["X-Foo", "v", "w"]], ["setRequestHeaderLiteral", ["Host", "a\u0000"]],
  ["setRequestHeaderLiteral", ["X-Foo", "\u20ac"]],
];

describe("argument errors", () => {
  it.each(invalid)(`%s(%j) → "${invalidFilterParameters}"`, (name, args) => {
    expect(argsError(name, args)).toBe(invalidFilterParameters);
  });

  it.each([
    ["modPath", ["(", "x"], /^error parsing regexp/],
    ["tee", ["http://m", "(", "x"], /^error parsing regexp/],
    ["backendTimeout", ["1x"], /^time: unknown unit "x"/],
    ["ratelimit", [1, "1"], /^time: missing unit/],
  ] as const)("%s(%j) reports the underlying error, as Skipper does", (name, args, reason) => {
    expect(argsError(name, args)).toMatch(reason);
  });

  it.each([
    ["redirectTo", [302]],
    ["redirectToLower", [301, "https:"]],
    ["flowId", []],
    ["flowId", ["reuse", "deprecated extra"]],
    ["stripQuery", []],
    ["dropRequestHeader", ["X-Foo", "value"]],
    ["responseCookie", ["a", "b", 60, "change-only"]],
    ["ratelimit", [1, 1.9, 503]],
    ["clientRatelimit", [1, "1m", "Authorization,X-Foo"]],
    ["comment", [""]],
    ["setQuery", [""]],
    ["gatewayRedirect", [301, "https", "", 0]],
    ["gatewayRedirect", [308, "http", "Example.ORG", 65535]],
    ["gatewayRedirect", [303, "http", "10.0.0.1", 1]],
    ["teeSampled", ["http://m:8080", 0]],
    ["teeSampled", ["http://m:8080", 1]],
    ["setRequestHeaderLiteral", ["X-Foo", ""]],
    ["appendResponseHeaderLiteral", ["X-Foo", "caf\u00e9 ${x}\t"]],
  ] as const)("%s(%j) is accepted", (name, args) => {
    expect(argsError(name, args)).toBeUndefined();
  });
});
