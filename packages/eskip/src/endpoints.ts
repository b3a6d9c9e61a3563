import type { LbEndpoint } from "./ast.js";

/**
 * Load-balanced endpoint addresses, skipper-semantics §1.3 step 1: each must be a request URI
 * (an absolute URL or an absolute path), they must share one scheme, and a `zone` query
 * parameter is split off into its own attribute.
 */

const schemePrefix = /^([A-Za-z][A-Za-z0-9+.-]*):/;
/** The usual endpoint, `http://10.2.3.4:8080`, which needs no full URL parse to be known valid. */
const plainEndpoint = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/[A-Za-z0-9._~-]+(?::\d{1,5})?(?:\/[A-Za-z0-9._~\/-]*)?$/;

/** The scheme of a request URI (`""` for an absolute path), or an error text as Go's url package words it. */
export function requestUriScheme(address: string): { scheme: string } | { error: string } {
  if (address.startsWith("/")) return { scheme: "" };
  const plain = plainEndpoint.exec(address);
  if (plain) return { scheme: plain[1]!.toLowerCase() };
  if (address.startsWith(":")) return urlError(address, "missing protocol scheme");
  const match = schemePrefix.exec(address);
  if (!match) return urlError(address, "invalid URI for request");
  const rest = address.slice(match[0].length);
  if (!rest.startsWith("/") || (rest.startsWith("//") && !parsesAsUrl(match[0], rest))) {
    return urlError(address, "invalid URI for request");
  }
  return { scheme: match[1]!.toLowerCase() };
}

/**
 * Whether `scheme:rest` parses as a URL. A WHATWG URL refuses some host names that Go's url
 * package takes as they are (an `xn--` label that is not valid punycode), so a host of plain
 * name characters is checked as if it were a plain name.
 */
function parsesAsUrl(scheme: string, rest: string): boolean {
  if (URL.canParse(`${scheme}${rest}`)) return true;
  const host = /^\/\/[A-Za-z0-9._~-]+(?=[:/?#]|$)/.exec(rest);
  return host !== null && URL.canParse(`${scheme}//h${rest.slice(host[0].length)}`);
}

function urlError(address: string, reason: string): { error: string } {
  return { error: `parse ${JSON.stringify(address)}: ${reason}` };
}

/** Splits the `zone` query parameter off an endpoint address; other parameters stay in order. */
export function splitZone(address: string): LbEndpoint {
  const queryStart = address.indexOf("?");
  if (queryStart === -1 || !/[?&]zone=/.test(address)) return { address };
  const kept: string[] = [];
  let zone: string | undefined;
  for (const part of address.slice(queryStart + 1).split("&")) {
    if (part.startsWith("zone=")) zone ??= decodeQueryComponent(part.slice("zone=".length));
    else kept.push(part);
  }
  const base = address.slice(0, queryStart);
  const rest = kept.length > 0 ? `${base}?${kept.join("&")}` : base;
  return zone === undefined ? { address: rest } : { address: rest, zone };
}

/** Go's url.QueryEscape: everything but letters, digits and `-_.~` is escaped, space as `+`. */
export function queryEscape(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

function decodeQueryComponent(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}
