import { cleanPath } from "./clean-path.js";

/**
 * What predicates see of a request. The proxy builds one per request from the incoming message;
 * tests and `bosun explain` build one from a method, a URL and headers.
 */
export interface RoutingRequest {
  readonly method: string;
  /** The Host header as sent, port included (Host predicates see the port). */
  readonly host: string;
  /** The percent-decoded, cleaned path (skipper-semantics §2.2). */
  readonly path: string;
  /** The query string without `?`. */
  readonly rawQuery: string;
  /** The TCP peer address, without port. */
  readonly remoteAddress: string;
  /** Values of a request header, by case-insensitive name; Host is not a header here, as in Go. */
  header(name: string): readonly string[] | undefined;
  cookie(name: string): string | undefined;
  query(name: string): readonly string[] | undefined;
  /** The Content-Length, if the request declares one. */
  readonly contentLength: number | undefined;
  /**
   * The key `namespace/gateway/listener` of the Gateway listener the proxy selected for the
   * request (gateway-api §2.2); undefined on the proxy's own address. It decides which routes
   * are tried at all: those with its Listener predicate, or, without a listener, those with none.
   */
  readonly listener?: string;
}

export type HeaderValues = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface RequestInit {
  readonly method: string;
  /** The request target: a path with an optional query (`/a?b=c`), or an absolute URL. */
  readonly url: string;
  /** Header names in any case; Node's IncomingMessage.headers fits as it is. */
  readonly headers?: HeaderValues;
  readonly remoteAddress?: string;
  /** The selected Gateway listener's key, `namespace/gateway/listener` (RoutingRequest.listener). */
  readonly listener?: string;
}

/** A RoutingRequest over plain values, parsing cookies and the query only when asked. */
export class HttpRoutingRequest implements RoutingRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly remoteAddress: string;
  readonly listener: string | undefined;
  private readonly headers: Map<string, readonly string[]>;
  private cookies: Map<string, string> | undefined;
  private queryParams: Map<string, string[]> | undefined;

  constructor(init: RequestInit) {
    this.method = init.method;
    this.headers = new Map();
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      if (value === undefined) continue;
      const values = typeof value === "string" ? [value] : value;
      const key = name.toLowerCase();
      this.headers.set(key, [...(this.headers.get(key) ?? []), ...values]);
    }
    const target = splitTarget(init.url);
    this.host = this.headers.get("host")?.[0] ?? target.authority;
    this.headers.delete("host");
    this.path = cleanPath(decodePath(target.path));
    this.rawQuery = target.query;
    this.remoteAddress = init.remoteAddress ?? "127.0.0.1";
    this.listener = init.listener;
  }

  header(name: string): readonly string[] | undefined {
    return this.headers.get(name.toLowerCase());
  }

  get contentLength(): number | undefined {
    const value = this.headers.get("content-length")?.[0];
    if (value === undefined || !/^\d+$/.test(value)) return undefined;
    return Number(value);
  }

  cookie(name: string): string | undefined {
    this.cookies ??= parseCookies(this.headers.get("cookie") ?? []);
    return this.cookies.get(name);
  }

  query(name: string): readonly string[] | undefined {
    this.queryParams ??= parseQuery(this.rawQuery);
    return this.queryParams.get(name);
  }
}

function splitTarget(url: string): { authority: string; path: string; query: string } {
  let rest = url;
  let authority = "";
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(rest);
  if (scheme) {
    authority = scheme[1]!.replace(/^.*@/, "");
    rest = rest.slice(scheme[0].length);
  }
  rest = rest.split("#", 1)[0]!;
  const queryStart = rest.indexOf("?");
  const path = queryStart === -1 ? rest : rest.slice(0, queryStart);
  return { authority, path: path === "" ? "/" : path, query: queryStart === -1 ? "" : rest.slice(queryStart + 1) };
}

/** The percent-decoded path; a path that does not decode stays as it is. */
export function decodePath(path: string): string {
  if (!path.includes("%")) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Cookies of Cookie headers by name; the first of a repeated name wins. */
export function parseCookies(headers: readonly string[]): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const header of headers) {
    for (const pair of header.split(";")) {
      const eq = pair.indexOf("=");
      if (eq === -1) continue;
      const name = pair.slice(0, eq).trim();
      let value = pair.slice(eq + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      if (name !== "" && !cookies.has(name)) cookies.set(name, value);
    }
  }
  return cookies;
}

/** Go's url.ParseQuery: `+` is a space, and a pair that does not decode is skipped. */
export function parseQuery(rawQuery: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  if (rawQuery === "") return params;
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = queryUnescape(eq === -1 ? pair : pair.slice(0, eq));
    const value = queryUnescape(eq === -1 ? "" : pair.slice(eq + 1));
    if (key === undefined || value === undefined) continue;
    const values = params.get(key);
    if (values) values.push(value);
    else params.set(key, [value]);
  }
  return params;
}

/** Go's url.QueryUnescape; undefined where the text is not valid escaping. */
export function queryUnescape(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}
