import { ArgsError } from "@bosun/eskip";
import type { FilterRequest } from "../context.js";
import { invalidFilterParameters } from "../filter.js";

/**
 * The Location of `redirectTo`: the argument parsed as Go's url.Parse does, then completed from the
 * request (skipper-semantics §3.3). WHATWG's URL cannot hold the partial forms this needs ("https:",
 * "/new", "?a=b", "//host"), and it escapes paths differently, so this is Go's parser and printer
 * cut down to what a redirect uses.
 */

/** The location's path as Go's URL.EscapedPath prints it, as it is and lower-cased. */
export interface LocationPath {
  readonly escaped: string;
  readonly lowerEscaped: string;
}

export interface Location {
  readonly scheme?: string;
  /** host[:port]; a userinfo part is dropped, as Skipper replaces it with the request's (none). */
  readonly host?: string;
  readonly path?: LocationPath;
  readonly rawQuery?: string;
  /** A trailing `?` with nothing after it: Go prints it even when the query stays empty. */
  readonly forceQuery: boolean;
  readonly fragment?: string;
}

/** Bytes Go's shouldEscape(c, encodePath) leaves alone. */
const pathSafe = /^[A-Za-z0-9\-_.~$&+,/:;=@]*$/;
/** Go's validEncoded(s, encodePath): also the sub-delims, brackets and percent signs. */
const validEncodedPath = /^[A-Za-z0-9\-_.~$&+,/:;=@!'()*[\]%]*$/;
const schemePrefix = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const controlCharacter = /[\x00-\x1f\x7f]/;
const encoder = new TextEncoder();

/** Go's escape(path, encodePath): UTF-8 bytes outside the safe set become %XX. */
export function escapePath(path: string): string {
  if (pathSafe.test(path)) return path;
  let escaped = "";
  for (const byte of encoder.encode(path)) {
    const char = String.fromCharCode(byte);
    escaped += byte < 0x80 && pathSafe.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return escaped;
}

function invalid(): ArgsError {
  return new ArgsError(invalidFilterParameters);
}

function unescapePath(raw: string): string {
  if (/%(?![0-9A-Fa-f]{2})/.test(raw)) throw invalid();
  try {
    return decodeURIComponent(raw);
  } catch {
    throw invalid();
  }
}

/**
 * How Go prints a path it holds decoded, given the text it was parsed from: that text when it is
 * validly escaped and still decodes to the path, so "/a%2Fb" stays, unless lower-casing changed it.
 */
function printedPath(decoded: string, raw: string): string {
  if (validEncodedPath.test(raw) && unescapePath(raw) === decoded) return raw;
  return escapePath(decoded);
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

function parseAuthority(rest: string): { host: string; rest: string } {
  const end = rest.indexOf("/", 2);
  const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  if (!/^(\[[0-9A-Fa-f:.]+\]|[^:[\]]*)(:\d*)?$/.test(host)) throw invalid();
  return { host, rest: end < 0 ? "" : rest.slice(end) };
}

/** Parses a redirect location as Go's url.Parse; throws ArgsError where Go returns an error. */
export function parseLocation(text: string): Location {
  if (controlCharacter.test(text) || text.startsWith(":")) throw invalid();
  const [beforeFragment, fragment] = splitOnce(text, "#");
  const scheme = schemePrefix.exec(beforeFragment)?.[1];
  let rest = scheme === undefined ? beforeFragment : beforeFragment.slice(scheme.length + 1);
  const [beforeQuery, rawQuery] = splitOnce(rest, "?");
  rest = beforeQuery;
  // "https:example.org" is an opaque URL to Go, printed without the request's host: no use here.
  if (scheme !== undefined && rest !== "" && !rest.startsWith("/")) throw invalid();
  let host: string | undefined;
  if (rest.startsWith("//") && (scheme !== undefined || !rest.startsWith("///"))) {
    ({ host, rest } = parseAuthority(rest));
  }
  const decoded = unescapePath(rest);
  // Go fills in every part that is empty, so an empty part is as good as a missing one.
  return {
    scheme: scheme?.toLowerCase(),
    host: host || undefined,
    path: rest === "" ? undefined : { escaped: printedPath(decoded, rest), lowerEscaped: printedPath(decoded.toLowerCase(), rest) },
    rawQuery: rawQuery || undefined,
    forceQuery: rawQuery === "",
    fragment: fragment || undefined,
  };
}

function completedPath(location: Location, request: FilterRequest, lower: boolean): string {
  const path = location.path;
  if (path === undefined) return escapePath(lower ? request.path.toLowerCase() : request.path);
  return lower ? path.lowerEscaped : path.escaped;
}

/**
 * The location completed from the request as Skipper's getLocation: scheme → https (requests here
 * carry no scheme in their target), host → the request's, empty path → the request path (lower-cased
 * for redirectToLower), empty query → the request's raw query.
 */
export function completeLocation(location: Location, request: FilterRequest, lower: boolean): string {
  const host = location.host ?? request.host;
  let path = completedPath(location, request, lower);
  if (path !== "" && !path.startsWith("/") && host !== "") path = `/${path}`;
  const query = location.rawQuery ?? request.rawQuery;
  let text = `${location.scheme ?? "https"}:${host !== "" || path !== "" ? "//" : ""}${host}${path}`;
  if (query !== "" || location.forceQuery) text += `?${query}`;
  if (location.fragment !== undefined) text += `#${location.fragment}`;
  return text;
}
