/**
 * What a filter sees of one request and its response. The proxy implements these interfaces over
 * the incoming message and the backend's answer; filters never touch sockets (ARCHITECTURE.md).
 * Header names are case-insensitive everywhere.
 */

export interface FilterRequest {
  readonly method: string;
  /** The Host header as the client sent it. */
  readonly host: string;
  /** The decoded URL path; setting it makes the proxy forward the new path, escaped. */
  path: string;
  /** The query string without `?`; setting it replaces the query forwarded. */
  rawQuery: string;
  /** The TCP peer address, without port. */
  readonly remoteAddress: string;
  /** Whether the client connected over TLS. */
  readonly tls: boolean;
  header(name: string): readonly string[] | undefined;
  setHeader(name: string, value: string): void;
  appendHeader(name: string, value: string): void;
  deleteHeader(name: string): void;
  cookie(name: string): string | undefined;
  query(name: string): readonly string[] | undefined;
}

export interface FilterResponse {
  status: number;
  header(name: string): readonly string[] | undefined;
  setHeader(name: string, value: string | readonly string[]): void;
  appendHeader(name: string, value: string): void;
  deleteHeader(name: string): void;
}

/** A response a filter serves in the request phase, instead of the backend's. */
export interface ServedResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string | Uint8Array;
}

/** A copy of the request that `tee` sends; its answer is ignored. */
export interface MirrorRequest {
  /** Scheme and authority of the mirror: `http://mirror:8080`. */
  readonly origin: string;
  /** The path the copy is sent to, after the tee's own rewrite, and its query. */
  readonly path: string;
  readonly rawQuery: string;
  readonly followRedirects: boolean;
}

/**
 * What filters leave for the proxy to act on after the request phase: plain data, so the order
 * in which filters set them is the order in which they take effect (the last one wins).
 */
export class Directives {
  /** The outgoing Host header, when a filter set one (`setRequestHeader("Host", …)`). */
  outgoingHost: string | undefined;
  /** `preserveHost("true"|"false")`: overrides the proxy's own setting for this route. */
  preserveHost: boolean | undefined;
  /** `backendTimeout`: the whole backend round trip, in milliseconds. */
  backendTimeoutMs: number | undefined;
  /** `setDynamicBackend*` for `<dynamic>` routes; a URL wins over host and scheme. */
  dynamicBackendUrl: string | undefined;
  dynamicBackendHost: string | undefined;
  dynamicBackendScheme: string | undefined;
  /** `consistentHashKey`: what the consistentHash algorithm hashes instead of the client address. */
  consistentHashKey: string | undefined;
  consistentHashBalanceFactor: number | undefined;
  /** `tee`/`teenf` copies, sent once the request phase is over. */
  mirrors: MirrorRequest[] | undefined;
  /** `teeLoopback` labels: copies routed again from the start with `x-tee-loopback-key`. */
  teeLoopbacks: string[] | undefined;
  /** `annotate(k, v)`, `tracingTag(k, v)`: metadata the access log and explain can show. */
  annotations: Map<string, string> | undefined;

  annotate(key: string, value: string): void {
    (this.annotations ??= new Map()).set(key, value);
  }

  mirror(request: MirrorRequest): void {
    (this.mirrors ??= []).push(request);
  }

  teeLoopback(label: string): void {
    (this.teeLoopbacks ??= []).push(label);
  }
}

export interface FilterContext {
  readonly request: FilterRequest;
  /** The response; only filters' response phase may use it. */
  readonly response: FilterResponse;
  /** Path parameters of the matched route (`:name`, wildcards). */
  readonly params: Readonly<Record<string, string>>;
  readonly directives: Directives;
  /** Serves a response now: the request phase stops, and no backend is called (§3.1). */
  serve(response: ServedResponse): void;
  readonly served: boolean;
}
