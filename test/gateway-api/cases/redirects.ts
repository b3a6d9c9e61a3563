import type { ConformanceCase, RequestExpectation } from "../conformance-case.ts";

/**
 * RequestRedirect (gateway-api.md §2.7): the status, and the Location's scheme (the listener's by
 * default), host (the request's without port by default: not checked then), port (the listener's
 * when no scheme is given, the scheme's when one is; a scheme's default port may be written or
 * left out, as the harness takes it) and path.
 */

type Location = NonNullable<RequestExpectation["redirect"]>;

const redirect = (path: string, status: number, location: Location = {}, gateway?: string): RequestExpectation => ({
  ...(gateway && { gateway }),
  request: { path },
  status,
  redirect: location,
});

const infra = "gateway-conformance-infra";
const on8080 = `${infra}/same-namespace-with-http-listener-on-8080:8080`;

/** A request over TLS (SNI example.org) to the HTTPS listener on 443. */
const httpsRedirect = (path: string, location: Location): RequestExpectation => ({
  gateway: `${infra}/same-namespace-with-https-listener:443`,
  request: { path, host: "example.org", protocol: "https" },
  status: 302,
  redirect: location,
});

export const redirectCases: readonly ConformanceCase[] = [
  {
    name: "httproute-redirect-host-and-status",
    manifest: "httproute-redirect-host-and-status.yaml",
    requests: [redirect("/hostname-redirect", 302, { host: "example.org" }), redirect("/host-and-status", 301, { host: "example.org" })],
  },
  {
    name: "httproute-redirect-path",
    manifest: "httproute-redirect-path.yaml",
    requests: [
      redirect("/original-prefix/lemon", 302, { path: "/replacement-prefix/lemon" }),
      // ReplacePrefixMatch as URLRewrite's: the rest after the prefix is kept, a trailing slash too.
      redirect("/original-prefix", 302, { path: "/replacement-prefix" }),
      redirect("/original-prefix/", 302, { path: "/replacement-prefix/" }),
      redirect("/full/path/original", 302, { path: "/full-path-replacement" }),
      redirect("/path-and-host", 302, { host: "example.org", path: "/replacement-prefix" }),
      redirect("/path-and-status", 301, { path: "/replacement-prefix" }),
      redirect("/full-path-and-host", 302, { host: "example.org", path: "/replacement-full" }),
      redirect("/full-path-and-status", 301, { path: "/replacement-full" }),
    ],
  },
  {
    name: "httproute-redirect-port",
    manifest: "httproute-redirect-port.yaml",
    requests: [
      redirect("/port", 302, { port: "8083" }),
      redirect("/port-and-host", 302, { host: "example.org", port: "8083" }),
      redirect("/port-and-status", 301, { port: "8083" }),
      redirect("/port-and-host-and-status", 302, { host: "example.org", port: "8083" }),
    ],
  },
  {
    name: "httproute-redirect-scheme",
    manifest: "httproute-redirect-scheme.yaml",
    requests: [
      redirect("/scheme", 302, { scheme: "https" }),
      redirect("/scheme-and-host", 302, { scheme: "https", host: "example.org" }),
      redirect("/scheme-and-status", 301, { scheme: "https" }),
      redirect("/scheme-and-host-and-status", 302, { scheme: "https", host: "example.org" }),
    ],
  },
  { name: "httproute-303-redirect", manifest: "httproute-303-redirect.yaml", requests: [redirect("/see-other", 303)] },
  { name: "httproute-307-redirect", manifest: "httproute-307-redirect.yaml", requests: [redirect("/temporary", 307)] },
  { name: "httproute-308-redirect", manifest: "httproute-308-redirect.yaml", requests: [redirect("/permanent", 308)] },
  {
    // The listeners on ports 80 and 8080; the HTTPS one is the case below.
    name: "httproute-redirect-port-and-scheme",
    manifest: "httproute-redirect-port-and-scheme.yaml",
    requests: [
      redirect("/scheme-nil-and-port-nil", 302, { scheme: "http", host: "example.org" }),
      redirect("/scheme-nil-and-port-80", 302, { scheme: "http", host: "example.org" }),
      redirect("/scheme-nil-and-port-8080", 302, { scheme: "http", host: "example.org", port: "8080" }),
      redirect("/scheme-https-and-port-nil", 302, { scheme: "https", host: "example.org" }),
      redirect("/scheme-https-and-port-443", 302, { scheme: "https", host: "example.org" }),
      redirect("/scheme-https-and-port-8443", 302, { scheme: "https", host: "example.org", port: "8443" }),
      redirect("/scheme-nil-and-port-nil", 302, { scheme: "http", host: "example.org", port: "8080" }, on8080),
      redirect("/scheme-nil-and-port-80", 302, { scheme: "http", host: "example.org" }, on8080),
      redirect("/scheme-https-and-port-nil", 302, { scheme: "https", host: "example.org" }, on8080),
    ],
  },
  {
    name: "httproute-redirect-port-and-scheme/https-listener",
    manifest: "httproute-redirect-port-and-scheme.yaml",
    requests: [
      httpsRedirect("/scheme-nil-and-port-nil", { scheme: "https", host: "example.org" }),
      httpsRedirect("/scheme-nil-and-port-443", { scheme: "https", host: "example.org" }),
      httpsRedirect("/scheme-nil-and-port-8443", { scheme: "https", host: "example.org", port: "8443" }),
      httpsRedirect("/scheme-http-and-port-nil", { scheme: "http", host: "example.org" }),
      httpsRedirect("/scheme-http-and-port-80", { scheme: "http", host: "example.org" }),
      httpsRedirect("/scheme-http-and-port-8080", { scheme: "http", host: "example.org", port: "8080" }),
    ],
  },
];
