import type { HeaderRecord } from "./response-head.js";
import type { ProxyRequest } from "./request/proxy-request.js";

/** Skipper's hop-by-hop headers: never forwarded in either direction. */
const hopByHop = new Set(["te", "connection", "proxy-connection", "keep-alive", "transfer-encoding", "trailer", "upgrade"]);

/**
 * `Expect: 100-continue` is the client's with this proxy: Node's server has answered it with 100
 * Continue already, and the body follows; undici refuses a request that carries it (curl sends it
 * on every upload over 1 MB).
 */
const answeredHere = "expect";

export interface ForwardedHeaderOptions {
  /** Add X-Forwarded-For, -Proto and -Host, as Skipper does with its forwarded-headers setting. */
  readonly forwardedHeaders: boolean;
}

/**
 * The headers sent to a backend: the request's own minus hop-by-hop ones (and any named in
 * Connection), the Host chosen by the caller, and the X-Forwarded-* headers: For gains the
 * client address, Proto says how the client connected, Host keeps the Host the client sent.
 */
export function outgoingRequestHeaders(request: ProxyRequest, host: string, options: ForwardedHeaderOptions): HeaderRecord {
  const incoming = request.headers;
  const named = connectionTokens(incoming["connection"]);
  const headers: HeaderRecord = {};
  for (const name in incoming) {
    if (hopByHop.has(name) || name === answeredHere || (named !== undefined && named.has(name))) continue;
    headers[name] = incoming[name];
  }
  headers["host"] = host;
  if (options.forwardedHeaders) {
    const forwardedFor = incoming["x-forwarded-for"];
    const client = request.remoteAddress;
    headers["x-forwarded-for"] = forwardedFor ? `${forwardedFor}, ${client}` : client;
    headers["x-forwarded-proto"] = request.tls ? "https" : "http";
    headers["x-forwarded-host"] = request.host;
  }
  return headers;
}

/**
 * The backend's headers as they may go to the client, without hop-by-hop ones. A new object:
 * deleting keys from undici's would turn it into a slow dictionary for every later access.
 */
export function clientResponseHeaders(headers: HeaderRecord): HeaderRecord {
  const named = connectionTokens(headers["connection"]);
  const result: HeaderRecord = {};
  for (const name in headers) {
    if (hopByHop.has(name) || (named !== undefined && named.has(name))) continue;
    result[name] = headers[name];
  }
  return result;
}

function connectionTokens(value: string | string[] | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === "string" ? value : value.join(",");
  if (!text.includes(",") && /^(close|keep-alive)$/i.test(text.trim())) return undefined;
  return new Set(text.split(",").map((token) => token.trim().toLowerCase()).filter((token) => token !== ""));
}
