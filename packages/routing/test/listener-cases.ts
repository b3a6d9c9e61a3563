import type { PriorityCase } from "./priority-cases.js";

/**
 * Table-driven cases of listener domains (gateway-api §2.2, §3.3): a route with Listener serves
 * only requests of that listener, a route without only requests of none. Run, as the priority
 * cases are, against every implementation.
 */

const gateway = "gateway-conformance-infra/same-namespace";
const http = `${gateway}/http`;
const on = (name: string) => `Listener("${gateway}", "${name}")`;

export const listenerCases: readonly PriorityCase[] = [
  {
    name: "a Listener route never serves a request without its listener, even when it is the only route",
    routes: `gw: ${on("http")} -> <shunt>;`,
    requests: [
      { url: "/", expect: null },
      { url: "/", listener: http, expect: "gw" },
      { url: "/", listener: `${gateway}/https`, expect: null },
      { url: "/", listener: "other/same-namespace/http", expect: null },
    ],
  },
  {
    name: "a route without Listener never serves a listener's request",
    routes: `tree: PathSubtree("/") -> <shunt>; any: * -> <shunt>; host: Host(/^a[.]org$/) -> <shunt>;`,
    requests: [
      { url: "http://a.org/x", expect: "tree" },
      { url: "http://a.org/x", listener: http, expect: null },
    ],
  },
  {
    name: "two listeners with the same routes are independent",
    routes: [
      `a1: ${on("a")} && PathRegexp("^/x(/|$)") && Weight(2000) -> <shunt>;`,
      `a0: ${on("a")} && Weight(1000) -> <shunt>;`,
      `b1: ${on("b")} && PathRegexp("^/x(/|$)") && Weight(2000) -> <shunt>;`,
      `b0: ${on("b")} && Weight(1000) -> <shunt>;`,
      `aOnly: ${on("a")} && Header("X", "1") && Weight(9000) -> <shunt>;`,
    ].join(""),
    requests: [
      { url: "/x", listener: `${gateway}/a`, expect: "a1" },
      { url: "/x", listener: `${gateway}/b`, expect: "b1" },
      { url: "/y", listener: `${gateway}/a`, expect: "a0" },
      { url: "/y", listener: `${gateway}/b`, expect: "b0" },
      { url: "/x", headers: { X: "1" }, listener: `${gateway}/a`, expect: "aOnly" },
      { url: "/x", headers: { X: "1" }, listener: `${gateway}/b`, expect: "b1" },
      { url: "/x", headers: { X: "1" }, expect: null },
    ],
  },
  {
    // Skipper's tree-first order for the eskip routes, the Gateway ranks (worked example 3.7) for
    // the listener's: a PathSubtree("/") beats every route without path, Weight or not, but only
    // on the proxy's own address.
    name: "in one table, Skipper's priority without listener and the Gateway ranks with it",
    routes: [
      `v2exact: Path("/v2") -> <shunt>;`,
      `v2tree: PathSubtree("/v2") && Header("Version", "one") -> <shunt>;`,
      `root: PathSubtree("/") -> <shunt>;`,
      `heavy: Header("Version", "two") && Weight(5000) -> <shunt>;`,
      `r1m0: ${on("http")} && PathRegexp("^/v2(/|$)") && Weight(4000) -> <shunt>;`,
      `r0m1: ${on("http")} && Header("Version", "one") && Weight(3000) -> <shunt>;`,
      `r1m1: ${on("http")} && Header("Version", "two") && Weight(2000) -> <shunt>;`,
      `r0m0: ${on("http")} && Weight(1000) -> <shunt>;`,
    ].join(""),
    requests: [
      { url: "/", headers: { Version: "two" }, expect: "root", params: { "*": "/" } },
      { url: "/v2", expect: "v2exact" },
      { url: "/v2/x", headers: { Version: "one" }, expect: "v2tree" },
      { url: "/v2example", expect: "root" },
      { url: "/", headers: { Version: "two" }, listener: http, expect: "r1m1" },
      { url: "/v2example", listener: http, expect: "r0m0" },
      { url: "/v2", listener: http, expect: "r1m0" },
      { url: "/v2/x", headers: { Version: "one" }, listener: http, expect: "r1m0" },
      { url: "/", headers: { Version: "one" }, listener: http, expect: "r0m1" },
      { url: "/", listener: http, expect: "r0m0", params: {} },
    ],
  },
];
