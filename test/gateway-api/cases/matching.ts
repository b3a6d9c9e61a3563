import type { ConformanceCase, RequestExpectation } from "../conformance-case.ts";

/** Path, header, query and method matches and their precedence (gateway-api.md §2.5, §2.6). */

const [v1, v2, v3] = ["infra-backend-v1", "infra-backend-v2", "infra-backend-v3"];

const to = (backend: string, path: string, more: Omit<RequestExpectation, "request" | "backend"> & { headers?: Record<string, string>; method?: string; host?: string } = {}): RequestExpectation => {
  const { headers, method, host, ...rest } = more;
  return { request: { path, ...(headers && { headers }), ...(method && { method }), ...(host && { host }) }, backend, ...rest };
};
const notFound = (path: string, headers?: Record<string, string>, method?: string): RequestExpectation => ({ request: { path, ...(headers && { headers }), ...(method && { method }) }, status: 404 });

export const matchingCases: readonly ConformanceCase[] = [
  {
    name: "httproute-simple-same-namespace",
    manifest: "httproute-simple-same-namespace.yaml",
    requests: [to(v1, "/")],
  },
  {
    // §3.7: the longer prefix /v2 first, then the header matches in rule order, then /.
    name: "httproute-matching",
    manifest: "httproute-matching.yaml",
    requests: [
      to(v1, "/"),
      to(v1, "/example"),
      to(v1, "/", { headers: { Version: "one" } }),
      to(v2, "/v2"),
      to(v2, "/v2/example"),
      to(v2, "/", { headers: { Version: "two" } }),
      to(v1, "/v2example"),
      to(v1, "/foo/v2/example"),
    ],
  },
  {
    name: "httproute-exact-path-matching",
    manifest: "httproute-exact-path-matching.yaml",
    // Exact is strict: no trailing slash, no other case; the query is not part of the path.
    requests: [to(v1, "/one"), to(v2, "/two"), notFound("/"), notFound("/one/example"), notFound("/two/"), notFound("/One"), to(v1, "/one?q=1")],
  },
  {
    name: "httproute-header-matching",
    manifest: "httproute-header-matching.yaml",
    requests: [
      to(v1, "/", { headers: { Version: "one" } }),
      to(v2, "/", { headers: { Version: "two" } }),
      // Two header matches beat one; between one and one the earlier rule wins.
      to(v1, "/", { headers: { Version: "two", Color: "orange" } }),
      to(v2, "/", { headers: { Version: "two", Color: "blue" } }),
      notFound("/", { Color: "orange" }),
      notFound("/", { "Some-Other-Header": "one" }),
      to(v1, "/", { headers: { Color: "blue" } }),
      to(v1, "/", { headers: { Color: "green" } }),
      to(v2, "/", { headers: { Color: "red" } }),
      to(v2, "/", { headers: { Color: "yellow" } }),
      notFound("/", { Color: "purple" }),
      // Header names match case-insensitively.
      to(v1, "/", { headers: { version: "one" } }),
    ],
  },
  {
    name: "httproute-query-param-matching",
    manifest: "httproute-query-param-matching.yaml",
    requests: [
      to(v1, "/?animal=whale"),
      to(v2, "/?animal=dolphin"),
      to(v3, "/?animal=dolphin&color=blue"),
      // Names and values are case-sensitive: ANIMAL=Whale is its own match.
      to(v3, "/?ANIMAL=Whale"),
      to(v1, "/?animal=whale&otherparam=irrelevant"),
      to(v2, "/?animal=dolphin&color=yellow"),
      notFound("/?color=blue"),
      notFound("/?animal=dog"),
      notFound("/?animal=whaledolphin"),
      notFound("/"),
      to(v1, "/path1?animal=whale"),
      to(v2, "/?animal=whale", { headers: { version: "one" } }),
      to(v3, "/path2?animal=whale", { headers: { version: "two" } }),
      to(v1, "/path3?animal=shark"),
      to(v1, "/path4?animal=kraken", { headers: { version: "three" } }),
      notFound("/?animal=shark"),
      notFound("/path4?animal=kraken"),
      // A longer prefix beats a query match; a header match beats a query match.
      to(v1, "/path5?animal=hydra"),
      to(v3, "/?animal=hydra", { headers: { version: "four" } }),
    ],
  },
  {
    name: "httproute-method-matching",
    manifest: "httproute-method-matching.yaml",
    requests: [
      to(v1, "/", { method: "POST" }),
      to(v2, "/", { method: "GET" }),
      notFound("/", undefined, "HEAD"),
      to(v1, "/path1", { method: "GET" }),
      to(v2, "/", { method: "PUT", headers: { version: "one" } }),
      to(v3, "/path2", { method: "POST", headers: { version: "two" } }),
      to(v1, "/path3", { method: "PATCH" }),
      to(v1, "/path4", { method: "DELETE", headers: { version: "three" } }),
      notFound("/", undefined, "PUT"),
      notFound("/path4", undefined, "DELETE"),
      // §2.6: a longer prefix beats a method, a method beats any number of headers.
      to(v1, "/path5", { method: "PATCH" }),
      to(v2, "/", { method: "PATCH", headers: { version: "four" } }),
    ],
  },
  {
    name: "httproute-path-match-order",
    manifest: "httproute-path-match-order.yaml",
    requests: [
      to(v3, "/match/exact/one"),
      to(v2, "/match/exact"),
      to(v1, "/match"),
      to(v2, "/match/prefix/one/any"),
      to(v1, "/match/prefix/any"),
      to(v3, "/match/any"),
      // The trailing slash of the PathPrefix /match/ is ignored: /match/ is that prefix, not Exact /match.
      to(v3, "/match/"),
    ],
  },
  {
    name: "httproute-matching-across-routes",
    manifest: "httproute-matching-across-routes.yaml",
    requests: [
      to(v1, "/", { host: "example.com" }),
      to(v1, "/example", { host: "example.com" }),
      to(v1, "/example", { host: "example.net" }),
      to(v1, "/example", { host: "example.com", headers: { Version: "one" } }),
      to(v2, "/v2", { host: "example.com" }),
      // The /v2 route has only example.com.
      to(v1, "/v2", { host: "example.net" }),
      to(v2, "/v2/example", { host: "example.com" }),
      to(v2, "/", { host: "example.com", headers: { Version: "two" } }),
      to(v1, "/", { host: "example.net", headers: { Version: "two" } }),
      { request: { path: "/", host: "example.org" }, status: 404 },
    ],
  },
  {
    name: "httproute-named-rule",
    manifest: "httproute-named-rule.yaml",
    requests: [to(v1, "/named"), to(v2, "/unnamed"), notFound("/other")],
  },
];
