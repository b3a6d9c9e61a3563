/**
 * The responses the proxy makes itself (skipper-semantics §4.7), and the classification of
 * forwarding errors into them. Bodies are Go's status text and a newline, as Skipper sends.
 */

export interface ProxyFailure {
  readonly status: number;
  readonly body: string;
  /** A short reason for logs and metrics: no_route, dial, timeout, … */
  readonly kind: string;
}

const failure = (status: number, body: string, kind: string): ProxyFailure => ({ status, body, kind });

export const noRoute = failure(404, "Not Found\n", "no_route");
/** gateway-api.md §2.2: a TLS request whose Host belongs to another listener than its SNI. */
export const misdirectedRequest = failure(421, "Misdirected Request\n", "misdirected");
export const loopLimit = failure(500, "Internal Server Error\n", "max_loopbacks");
export const internalError = failure(500, "Internal Server Error\n", "internal");
export const badGateway = failure(502, "Bad Gateway\n", "dial");
export const gatewayTimeout = failure(504, "Gateway Timeout\n", "timeout");
export const serviceUnavailable = failure(503, "Service Unavailable\n", "network");
export const clientCancelled = failure(499, "", "client_cancelled");

/** A backend round trip that ran past `backendTimeout` or the proxy's own limit. */
export class BackendTimeoutError extends Error {
  override readonly name = "BackendTimeoutError";
  readonly code = "BOSUN_BACKEND_TIMEOUT";
  constructor(timeoutMs: number) {
    super(`backend did not answer within ${timeoutMs} ms`);
  }
}

/** The client went away before the response was complete. */
export class ClientCancelledError extends Error {
  override readonly name = "ClientCancelledError";
  readonly code = "BOSUN_CLIENT_CANCELLED";
}

const dialCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_CONNECT",
]);
const timeoutCodes = new Set(["BOSUN_BACKEND_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT", "ESOCKETTIMEDOUT"]);
const networkCodes = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "ECONNABORTED"]);

function codeOf(error: unknown): string {
  const own = (error as { code?: unknown }).code;
  if (typeof own === "string") return own;
  const cause = (error as { cause?: unknown }).cause;
  return cause ? codeOf(cause) : "";
}

/** Whether the backend could not be reached at all: safe to try another endpoint. */
export function isDialError(error: unknown): boolean {
  return dialCodes.has(codeOf(error));
}

export function classifyForwardingError(error: unknown): ProxyFailure {
  const code = codeOf(error);
  if (code === "BOSUN_CLIENT_CANCELLED") return clientCancelled;
  if (dialCodes.has(code)) return badGateway;
  if (timeoutCodes.has(code)) return gatewayTimeout;
  if (networkCodes.has(code)) return serviceUnavailable;
  return internalError;
}
