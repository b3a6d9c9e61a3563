/**
 * Table-driven priority cases from skipper-semantics §2.2, shared by the path tree and the
 * reference matcher (one test table, every implementation).
 */
export interface PriorityCase {
  readonly name: string;
  readonly routes: string;
  readonly requests: readonly {
    readonly url: string;
    readonly headers?: Record<string, string>;
    readonly method?: string;
    /** The Gateway listener the request came on (RoutingRequest.listener). */
    readonly listener?: string;
    readonly expect: string | null;
    readonly params?: Record<string, string>;
  }[];
}

export const priorityCases: readonly PriorityCase[] = [
  {
    name: "static segments before :param before the catch-all",
    routes: `s: Path("/a/b") -> <shunt>; p: Path("/a/:x") -> <shunt>; c: Path("/a/*rest") -> <shunt>;`,
    requests: [
      { url: "/a/b", expect: "s", params: {} },
      { url: "/a/z", expect: "p", params: { x: "z" } },
      { url: "/a/b/c", expect: "c", params: { rest: "/b/c" } },
      { url: "/a", expect: null },
      { url: "/a/", expect: null },
    ],
  },
  {
    name: "backtracking: a static branch whose leaf rejects falls back to the :param branch",
    routes: `s: Path("/a/b") && Header("X", "1") -> <shunt>; p: Path("/:x/b") -> <shunt>; c: PathSubtree("/") -> <shunt>;`,
    requests: [
      { url: "/a/b", headers: { X: "1" }, expect: "s" },
      { url: "/a/b", expect: "p", params: { x: "a" } },
      { url: "/z/b", expect: "p", params: { x: "z" } },
      { url: "/z/c", expect: "c", params: { "*": "/z/c" } },
    ],
  },
  {
    name: "backtracking goes up several levels",
    routes: `deep: Path("/a/b/c") && Method("POST") -> <shunt>; mid: Path("/a/:x/c") -> <shunt>; top: Path("/:y/b/c") -> <shunt>;`,
    requests: [
      { url: "/a/b/c", method: "POST", expect: "deep" },
      { url: "/a/b/c", expect: "mid", params: { x: "b" } },
      { url: "/q/b/c", expect: "top", params: { y: "q" } },
    ],
  },
  {
    name: "trailing slashes: Path is exact, PathSubtree takes both",
    routes: `noslash: Path("/foo") -> <shunt>; slash: Path("/bar/") -> <shunt>; tree: PathSubtree("/baz/") -> <shunt>;`,
    requests: [
      { url: "/foo", expect: "noslash" },
      { url: "/foo/", expect: null },
      { url: "/bar/", expect: "slash" },
      { url: "/bar", expect: null },
      { url: "/baz", expect: "tree", params: { "*": "/" } },
      { url: "/baz/", expect: "tree", params: { "*": "/" } },
      { url: "/baz/q/r", expect: "tree", params: { "*": "/q/r" } },
      { url: "/bazq", expect: null },
    ],
  },
  {
    name: "a catch-all needs a non-empty rest; PathSubtree covers its base",
    routes: `wild: Path("/a/**") -> <shunt>; sub: PathSubtree("/b") -> <shunt>;`,
    requests: [
      { url: "/a", expect: null },
      { url: "/a/", expect: null },
      { url: "/a/x", expect: "wild", params: { "*": "/x" } },
      { url: "/b", expect: "sub", params: { "*": "/" } },
      { url: "/b/x/", expect: "sub", params: { "*": "/x/" } },
    ],
  },
  {
    name: "a path route beats any route without path, whatever its weight",
    routes: `root: PathSubtree("/") -> <shunt>; hostonly: Host(/^example[.]org$/) && Header("X", "1") && Weight(100) -> <shunt>;`,
    requests: [
      { url: "http://example.org/x", headers: { X: "1" }, expect: "root" },
    ],
  },
  {
    name: "routes without path are tried only when the tree yields nothing",
    routes: `p: Path("/p") && Header("X", "1") -> <shunt>; any: Header("X", "2") -> <shunt>; last: * -> <shunt>;`,
    requests: [
      { url: "/p", headers: { X: "1" }, expect: "p" },
      { url: "/p", headers: { X: "2" }, expect: "any" },
      { url: "/p", expect: "last" },
    ],
  },
  {
    name: "more predicates win on the same path; Weight adds its value",
    routes: [
      `one: Path("/") && Method("GET") -> <shunt>;`,
      `two: Path("/") && Method("GET") && Header("A", "1") -> <shunt>;`,
      `heavy: Path("/") && Weight(5) -> <shunt>;`,
      `light: Path("/") && Header("B", "1") && Header("C", "1") && Weight(-10) -> <shunt>;`,
    ].join(""),
    requests: [
      { url: "/", headers: { A: "1" }, expect: "heavy" },
      { url: "/", headers: { B: "1", C: "1" }, expect: "heavy" },
    ],
  },
  {
    name: "weight counts distinct HeaderRegexp names, and TrafficSegment adds nothing",
    routes: [
      `regexps: Path("/") && HeaderRegexp("A", /1/) && HeaderRegexp("A", /./) -> <shunt>;`,
      `two: Path("/") && Header("A", "1") && True() -> <shunt>;`,
      `segment: Path("/") && TrafficSegment(0, 1) && True() && True() -> <shunt>;`,
    ].join(""),
    requests: [{ url: "/", headers: { A: "1" }, expect: "two" }],
  },
  {
    name: "equal weights: the route given first wins",
    routes: `first: Path("/") && True() -> <shunt>; second: Path("/") && True() -> <shunt>;`,
    requests: [{ url: "/", expect: "first" }],
  },
  {
    name: "PathSubtree and Path on the same base",
    routes: `exact: Path("/api") -> <shunt>; tree: PathSubtree("/api") -> <shunt>; param: Path("/api/:v") -> <shunt>;`,
    requests: [
      { url: "/api", expect: "exact" },
      { url: "/api/", expect: "tree", params: { "*": "/" } },
      { url: "/api/v1", expect: "param", params: { v: "v1" } },
      { url: "/api/v1/x", expect: "tree", params: { "*": "/v1/x" } },
    ],
  },
  {
    name: "hosts, with the port, through the host index and without it",
    routes: [
      `a: Host(/^(a[.]org[.]?(:[0-9]+)?)$/) && PathSubtree("/") -> <shunt>;`,
      `b: Host(/^(b[.]org[.]?(:[0-9]+)?|c[.]org[.]?(:[0-9]+)?)$/) && PathSubtree("/") -> <shunt>;`,
      `port: Host(/:8080$/) && PathSubtree("/") -> <shunt>;`,
      `fallback: PathSubtree("/") -> <shunt>;`,
    ].join(""),
    requests: [
      { url: "http://a.org/x", expect: "a" },
      { url: "http://a.org.:81/x", expect: "a" },
      { url: "http://c.org/x", expect: "b" },
      { url: "http://A.org/x", expect: "fallback" },
      { url: "http://a.org:8080/x", expect: "a" },
      { url: "http://z.org:8080/x", expect: "port" },
      { url: "http://z.org/x", expect: "fallback" },
    ],
  },
  {
    name: "paths are cleaned before matching",
    routes: `r: Path("/a/b") -> <shunt>; p: Path("/x/:y") -> <shunt>;`,
    requests: [
      { url: "//a//b", expect: "r" },
      { url: "/a/./c/../b", expect: "r" },
      { url: "/x/hello%20world", expect: "p", params: { y: "hello world" } },
    ],
  },
  {
    name: "routes without path, filed by the first segment of their PathRegexp, keep their priority",
    routes: [
      `reports: PathRegexp(/^\\/reports\\/[0-9]+$/) -> <shunt>;`,
      `optional: PathRegexp(/^\\/rep\\/?x/) -> <shunt>;`,
      `either: PathRegexp(/^\\/a\\/|^\\/b\\//) -> <shunt>;`,
      `insensitive: PathRegexp(/(?i)^\\/UP\\//) -> <shunt>;`,
      `heavy: Header("X", "1") && Weight(3) -> <shunt>;`,
      `anyPath: * -> <shunt>;`,
    ].join(""),
    requests: [
      { url: "/reports/42", expect: "reports" },
      { url: "/reports/42", headers: { X: "1" }, expect: "heavy" },
      { url: "/reports/x", expect: "anyPath" },
      { url: "/repx", expect: "optional" },
      { url: "/b/z", expect: "either" },
      { url: "/up/z", expect: "insensitive" },
      { url: "/zzz", expect: "anyPath" },
    ],
  },
  {
    name: "the host index never stands in for a Host predicate it does not imply",
    routes: [
      `exact: Host(/^a[.]org$/) && Path("/e") -> <shunt>;`,
      `withPort: HostAny("b.org:8080") && Path("/e") -> <shunt>;`,
      `fallback: Path("/e") -> <shunt>;`,
    ].join(""),
    requests: [
      { url: "http://a.org/e", expect: "exact" },
      { url: "http://a.org:8080/e", expect: "fallback" },
      { url: "http://a.org./e", expect: "fallback" },
      { url: "http://b.org:8080/e", expect: "withPort" },
      { url: "http://b.org/e", expect: "fallback" },
    ],
  },
];
