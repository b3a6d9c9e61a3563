import type { ConformanceCase, RequestExpectation } from "../conformance-case.ts";

/** Attachment to Gateways and listeners, listener selection and hostnames (gateway-api.md §2.1–§2.3). */

const [v1, v2, v3] = ["infra-backend-v1", "infra-backend-v2", "infra-backend-v3"];
const infra = "gateway-conformance-infra";

const on = (gateway: string) => ({
  to: (backend: string, host: string, path = "/"): RequestExpectation => ({ gateway, request: { host, path }, backend }),
  notFound: (host: string | undefined, path = "/"): RequestExpectation => ({ gateway, request: { ...(host && { host }), path }, status: 404 }),
});

const intersection = on(`${infra}/httproute-hostname-intersection:80`);
const intersectionAll = on(`${infra}/httproute-hostname-intersection-all:80`);
const hostnameMatching = on(`${infra}/httproute-listener-hostname-matching:80`);

/** A TLS request to the HTTPS Gateway: the SNI picks the listener, the Host the route (§2.2). */
const https = (serverName: string, host: string, status: number, backend?: string, path = "/detect-misdirected-requests"): RequestExpectation => ({
  gateway: `${infra}/same-namespace-with-https-listener:443`,
  request: { path, host, protocol: "https", serverName },
  status,
  ...(backend && { backend }),
});

/** A route its parent does not accept (§2.1): that reason, no route counted on the listener, and 404 there. */
function notAttached(name: string, route: string, reason: string, gateway: string, listener = "http"): ConformanceCase {
  return {
    name,
    manifest: `${name}.yaml`,
    status: [
      { route, parent: `${infra}/${gateway}`, conditions: { Accepted: `False:${reason}` } },
      { gateway: `${infra}/${gateway}`, listener, attachedRoutes: 0 },
    ],
    requests: [on(`${infra}/${gateway}:80`).notFound(undefined)],
  };
}

export const listenerCases: readonly ConformanceCase[] = [
  {
    name: "httproute-hostname-intersection",
    manifest: "httproute-hostname-intersection.yaml",
    status: [
      { route: `${infra}/no-intersecting-hosts`, conditions: { Accepted: "False:NoMatchingListenerHostname" } },
      { gateway: `${infra}/httproute-hostname-intersection`, listener: "listener-1", attachedRoutes: 2 },
      { gateway: `${infra}/httproute-hostname-intersection`, listener: "listener-2", attachedRoutes: 1 },
      { gateway: `${infra}/httproute-hostname-intersection`, listener: "listener-3", attachedRoutes: 1 },
    ],
    requests: [
      intersection.to(v1, "very.specific.com", "/s1"),
      // The Host's port is not matched, and reaches the backend as sent.
      intersection.to(v1, "very.specific.com:1234", "/s1"),
      // Host names compare case-insensitively (DNS), and the Host is forwarded as sent.
      intersection.to(v1, "VERY.Specific.com", "/s1"),
      intersection.notFound("non.matching.com", "/s1"),
      intersection.notFound("foo.nonmatchingwildcard.io", "/s1"),
      intersection.notFound("foo.wildcard.io", "/s1"),
      intersection.notFound("very.specific.com", "/non-matching-prefix"),
      intersection.to(v2, "foo.wildcard.io", "/s2"),
      intersection.to(v2, "bar.wildcard.io", "/s2"),
      intersection.to(v2, "foo.bar.wildcard.io", "/s2"),
      intersection.notFound("non.matching.com", "/s2"),
      intersection.notFound("wildcard.io", "/s2"),
      intersection.notFound("very.specific.com", "/s2"),
      intersection.notFound("foo.wildcard.io", "/non-matching-prefix"),
      // A route's *.specific.com narrows to the listener's very.specific.com.
      intersection.to(v3, "very.specific.com", "/s3"),
      intersection.notFound("non.matching.com", "/s3"),
      intersection.notFound("foo.specific.com", "/s3"),
      intersection.notFound("foo.wildcard.io", "/s3"),
      intersection.to(v1, "foo.anotherwildcard.io", "/s4"),
      intersection.to(v1, "bar.anotherwildcard.io", "/s4"),
      intersection.to(v1, "foo.bar.anotherwildcard.io", "/s4"),
      intersection.notFound("anotherwildcard.io", "/s4"),
      intersection.notFound("foo.wildcard.io", "/s4"),
      intersection.notFound("very.specific.com", "/s4"),
      intersection.notFound("specific.but.wrong.com", "/s5"),
      intersection.notFound("wildcard.io", "/s5"),
      intersectionAll.to(v2, "first.com"),
      intersectionAll.to(v2, "sub.first.com"),
      intersectionAll.to(v2, "second.com"),
      intersectionAll.to(v2, "sub.second.com"),
      intersectionAll.notFound("third.com"),
      intersectionAll.notFound("sub.third.com"),
    ],
  },
  {
    // §2.2: an exact listener hostname before the wildcard with most labels, before none.
    name: "httproute-listener-hostname-matching",
    manifest: "httproute-listener-hostname-matching.yaml",
    requests: [
      hostnameMatching.to(v1, "bar.com"),
      hostnameMatching.to(v2, "foo.bar.com"),
      hostnameMatching.to(v3, "baz.bar.com"),
      hostnameMatching.to(v3, "boo.bar.com"),
      hostnameMatching.to(v3, "multiple.prefixes.bar.com"),
      hostnameMatching.to(v3, "multiple.prefixes.foo.com"),
      hostnameMatching.notFound("foo.com"),
      hostnameMatching.notFound("no.matching.host"),
    ],
  },
  {
    name: "httproute-listener-port-matching",
    manifest: "httproute-listener-port-matching.yaml",
    requests: [
      on(`${infra}/httproute-listener-port-matching:80`).to(v1, "foo.com"),
      on(`${infra}/httproute-listener-port-matching:80`).notFound("bar.com"),
      on(`${infra}/httproute-listener-port-matching:8080`).to(v2, "foo.com:8080"),
      on(`${infra}/httproute-listener-port-matching:8080`).to(v2, "bar.com:8080"),
      on(`${infra}/httproute-listener-port-matching:8090`).to(v3, "foo.com:8090"),
      // backend-v3 names listener-4 and port 8090: listener-5 (bar.com) is not its parent.
      on(`${infra}/httproute-listener-port-matching:8090`).notFound("bar.com:8090"),
    ],
  },
  {
    name: "httproute-multiple-gateways",
    manifest: "httproute-multiple-gateways.yaml",
    requests: [
      { request: { path: "/shared" }, backend: v1 },
      { request: { path: "/" }, backend: v2 },
      { gateway: `${infra}/all-namespaces:80`, request: { path: "/shared" }, backend: v1 },
      { gateway: `${infra}/all-namespaces:80`, request: { path: "/" }, backend: v3 },
    ],
  },
  {
    name: "httproute-cross-namespace",
    manifest: "httproute-cross-namespace.yaml",
    requests: [{ gateway: `${infra}/backend-namespaces:80`, request: { path: "/" }, backend: "web-backend", namespace: "gateway-conformance-web-backend" }],
  },
  notAttached("httproute-invalid-cross-namespace-parent-ref", "gateway-conformance-web-backend/invalid-cross-namespace-parent-ref", "NotAllowedByListeners", "same-namespace"),
  notAttached("httproute-invalid-parentref-not-matching-listener-port", `${infra}/httproute-listener-not-matching-route-port`, "NoMatchingParent", "same-namespace"),
  notAttached("httproute-invalid-parentref-not-matching-section-name", `${infra}/httproute-listener-not-matching-section-name`, "NoMatchingParent", "same-namespace"),
  notAttached("httproute-invalid-parentref-section-name-not-matching-port", `${infra}/httproute-listener-section-name-not-matching-port`, "NoMatchingParent", "gateway-with-one-not-matching-port-and-section-name-route"),
  // A TLS listener that allows TLSRoutes only: no request to make.
  { ...notAttached("httproute-disallowed-kind", `${infra}/disallowed-kind`, "NotAllowedByListeners", "tlsroutes-only", "tls"), requests: [] },
  {
    name: "httproute-https-listener",
    manifest: "httproute-https-listener.yaml",
    requests: [
      https("example.org", "example.org", 200, v1, "/"),
      https("second-example.org", "second-example.org", 200, v2, "/"),
      https("unknown-example.org", "unknown-example.org", 404, undefined, "/"),
    ],
  },
  {
    name: "httproute-https-listener-detect-misdirected-requests",
    manifest: "httproute-https-listener-detect-misdirected-requests.yaml",
    requests: [
      https("example.org", "example.org", 200, v1),
      https("example.org", "second-example.org", 421),
      https("example.org", "unknown-example.org", 404),
      https("second-example.org", "second-example.org", 200, v2),
      https("second-example.org", "example.org", 421),
      https("second-example.org", "unknown-example.org", 421),
      https("third-example.wildcard.org", "third-example.wildcard.org", 200, v3),
      https("third-example.wildcard.org", "fifth-example.wildcard.org", 200, v3),
      https("third-example.wildcard.org", "fourth-example.wildcard.org", 421),
      https("third-example.wildcard.org", "second-example.org", 421),
      https("third-example.wildcard.org", "unknown-example.org", 421),
      https("fourth-example.wildcard.org", "fourth-example.wildcard.org", 200, v1),
      https("fourth-example.wildcard.org", "fifth-example.wildcard.org", 421),
      https("unknown-example.org", "example.org", 200, v1),
      https("unknown-example.org", "unknown-example.org", 404),
    ],
  },
];
