import { BackendError } from "./backend.js";

/** Default ports by scheme (skipper-semantics §4.1). */
const defaultPorts: Readonly<Record<string, string>> = { http: "80", https: "443", h2c: "80" };

/**
 * The origin (`scheme://host:port`) of a network backend address, Skipper's backend split: the
 * address must have scheme and host, both are lower-cased, a missing port is filled in, and any
 * path is ignored. h2c is forwarded as HTTP/1.1 (no HTTP/2 to backends yet); fastcgi is refused.
 */
export function backendOrigin(address: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(address);
  const fail = (reason: string) => new BackendError(`failed_backend_split: failed to parse backend address "${address}": ${reason}`);
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(address)) throw fail("missing scheme");
  if (!match || match[2] === "") throw fail("missing host");
  const scheme = match[1]!.toLowerCase();
  const authority = match[2]!.replace(/^.*@/, "").toLowerCase();
  if (scheme === "fastcgi") throw new BackendError(`backend scheme fastcgi is not supported by bosun: ${address}`);
  const defaultPort = defaultPorts[scheme];
  if (defaultPort === undefined) throw fail(`unsupported scheme ${scheme}`);
  const hasPort = /:\d+$/.test(authority) && !authority.endsWith("]");
  const wireScheme = scheme === "h2c" ? "http" : scheme;
  return `${wireScheme}://${hasPort ? authority : `${authority}:${defaultPort}`}`;
}

/** `host:port` of an origin: the outgoing Host header unless a filter or preserveHost decides. */
export function hostOfOrigin(origin: string): string {
  return origin.slice(origin.indexOf("://") + 3);
}
