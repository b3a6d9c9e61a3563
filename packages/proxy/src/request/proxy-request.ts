import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { FilterRequest } from "@bosun/filters";
import { cleanPath, decodePath, parseCookies, parseQuery } from "@bosun/routing";

/**
 * The request as filters and the route table see it, over Node's incoming message. It parses
 * nothing it is not asked for: cookies, the query and the cleaned path are read on first use and
 * read again after a filter changes what they come from. Headers are the message's own object,
 * changed in place; the proxy owns it.
 */
export class ProxyRequest implements FilterRequest {
  readonly method: string;
  readonly host: string;
  readonly remoteAddress: string;
  readonly tls: boolean;
  readonly headers: IncomingHttpHeaders;
  /** The path as the client sent it, escaped: forwarded as it is unless a filter sets `path`. */
  readonly rawPath: string;
  private currentPath: string | undefined;
  private pathChanged = false;
  private cleaned: string | undefined;
  private query_: string;
  private cookies: Map<string, string> | undefined;
  private queryParams: Map<string, string[]> | undefined;
  /** Headers a filter set, appended or dropped: their values are in `headers` only. */
  private changedHeaders: Set<string> | undefined;

  constructor(
    private readonly message: IncomingMessage,
    tls: boolean,
  ) {
    this.method = message.method ?? "GET";
    this.headers = message.headers;
    this.tls = tls;
    this.remoteAddress = message.socket.remoteAddress ?? "";
    const target = originForm(message.url ?? "/");
    const queryStart = target.indexOf("?");
    this.rawPath = queryStart === -1 ? target : target.slice(0, queryStart);
    this.query_ = queryStart === -1 ? "" : target.slice(queryStart + 1);
    this.host = this.headers.host ?? "";
  }

  /** The decoded URL path (skipper-semantics §3.2 `${request.path}`). */
  get path(): string {
    return (this.currentPath ??= decodePath(this.rawPath));
  }

  set path(value: string) {
    this.currentPath = value;
    this.pathChanged = true;
    this.cleaned = undefined;
  }

  /** The cleaned path routes are matched on (§2.2). */
  get routingPath(): string {
    return (this.cleaned ??= cleanPath(this.path));
  }

  get rawQuery(): string {
    return this.query_;
  }

  set rawQuery(value: string) {
    this.query_ = value;
    this.queryParams = undefined;
  }

  /** Path and query as sent to the backend. */
  get outgoingTarget(): string {
    const path = this.pathChanged ? outgoingPath(this.path) : this.rawPath;
    return this.query_ === "" ? path : `${path}?${this.query_}`;
  }

  get contentLength(): number | undefined {
    const value = this.headers["content-length"];
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
  }

  /** Whether a body follows the head: a non-zero Content-Length, or chunked transfer. */
  get hasBody(): boolean {
    const length = this.headers["content-length"];
    return (length !== undefined && length !== "0") || this.headers["transfer-encoding"] !== undefined;
  }

  /**
   * Each value of a header, as Skipper's predicates see them: Node joins a repeated header into
   * one value with ", ", so `X-Role: admin` twice would read as "admin, admin" and slip past a
   * `HeaderRegexp("X-Role", "^admin$")` that turns the single one away. A value with a comma may
   * be such a join: the values are then read as they came (`headersDistinct`, made once).
   */
  header(name: string): readonly string[] | undefined {
    const key = name.toLowerCase();
    const value = this.headers[key];
    if (value === undefined) return undefined;
    if (typeof value !== "string") return value;
    if (!value.includes(",") || this.changedHeaders?.has(key)) return [value];
    return this.message.headersDistinct[key] ?? [value];
  }

  private changed(key: string): void {
    (this.changedHeaders ??= new Set()).add(key);
    if (key === "cookie") this.cookies = undefined;
  }

  setHeader(name: string, value: string): void {
    const key = name.toLowerCase();
    this.headers[key] = value;
    this.changed(key);
  }

  appendHeader(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.headers[key];
    if (existing === undefined) this.headers[key] = value;
    else if (key === "cookie") this.headers[key] = `${existing}; ${value}`;
    else this.headers[key] = typeof existing === "string" ? [existing, value] : [...existing, value];
    this.changed(key);
  }

  deleteHeader(name: string): void {
    const key = name.toLowerCase();
    delete this.headers[key];
    this.changed(key);
  }

  cookie(name: string): string | undefined {
    this.cookies ??= parseCookies(this.header("cookie") ?? []);
    return this.cookies.get(name);
  }

  query(name: string): readonly string[] | undefined {
    this.queryParams ??= parseQuery(this.query_);
    return this.queryParams.get(name);
  }
}

/** The path and query of a request target; an absolute-form target loses its scheme and authority. */
function originForm(target: string): string {
  if (target.charCodeAt(0) === 47 /* / */) return target;
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(target);
  if (!authority) return target === "*" ? "*" : `/${target}`;
  const rest = target.slice(authority[0].length);
  return rest === "" || rest.startsWith("?") ? `/${rest}` : rest;
}

/**
 * A decoded path as sent on the wire: Go's URL.EscapedPath (each segment escaped, slashes kept),
 * rooted as Go's client roots it. A filter may leave a path empty (`modPath("^/foo(/.*)?$", "${1}")`
 * on `/foo`, as the Gateway API compiler emits for ReplacePrefixMatch) or without its leading slash;
 * Skipper sends `/` and `/rest` for them (gateway-api §3.4), and neither engine sends the others.
 */
export function outgoingPath(path: string): string {
  const escaped = path.split("/").map((segment) => encodeURIComponent(segment).replace(/%3A/gi, ":").replace(/%40/g, "@")).join("/");
  return escaped.startsWith("/") ? escaped : `/${escaped}`;
}
