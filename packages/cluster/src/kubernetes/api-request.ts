import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import fetch from "node-fetch";

/** A request the API server refused, or that did not reach it. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    message: string,
    /** The HTTP status; undefined when no answer came (refused, reset, timed out). */
    readonly statusCode: number | undefined,
  ) {
    super(message);
  }
}

export interface ApiRequest {
  readonly method: "GET" | "POST" | "PUT";
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly timeoutMs: number;
}

/**
 * A request to the API server with the client's own configuration (server, TLS, credentials:
 * kubeconfig or in-cluster), through the same HTTP stack as its watches, answered as raw JSON.
 * Raw, not the client's typed models: a malformed object must reach the compiler, which makes
 * a problem of it, rather than fail the deserializing of the whole list; and a status written
 * back must keep the fields bosun does not know (another controller's loadBalancer).
 */
export async function apiRequest(config: KubeConfig, request: ApiRequest): Promise<unknown> {
  const cluster = config.getCurrentCluster();
  if (cluster === null) throw new ApiError("the kubeconfig has no current cluster", undefined);
  const url = new URL(cluster.server + request.path);
  for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
  const options = await config.applyToFetchOptions(request.body === undefined ? {} : { headers: { "content-type": "application/json" } });
  options.agent = keptAlive(config, url, options.agent);
  const what = `${request.method} ${url.pathname}`;
  let response;
  try {
    response = await fetch(url, {
      ...options,
      method: request.method,
      timeout: request.timeoutMs,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
  } catch (error) {
    throw new ApiError(`${what}: ${(error as Error).message}`, undefined);
  }
  const text = await response.text();
  if (response.status < 200 || response.status > 299) {
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // Not a Status object: the text is the message.
    }
    throw new ApiError(`${what}: ${response.status} ${message}`.trim(), response.status);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(`${what}: the answer is not JSON`, response.status);
  }
}

export function apiGet(config: KubeConfig, path: string, query: Record<string, string | undefined>, timeoutMs: number): Promise<unknown> {
  return apiRequest(config, { method: "GET", path, query, timeoutMs });
}

const keptAliveAgents = new WeakMap<KubeConfig, HttpAgent | HttpsAgent>();

/**
 * One kept-alive agent per configuration, made from the first one the client builds (its TLS
 * options: CA, client certificate): the client makes a new agent for every request, and
 * node-fetch then closes each connection, so writing 10k statuses opened 10k connections.
 * Credentials in headers are still applied per request, so a rotated token is used at once.
 */
function keptAlive(config: KubeConfig, url: URL, built: unknown): HttpAgent | HttpsAgent {
  let agent = keptAliveAgents.get(config);
  if (agent === undefined) {
    const tls = built instanceof HttpsAgent ? built.options : {};
    agent = url.protocol === "https:" ? new HttpsAgent({ ...tls, keepAlive: true, maxSockets: 8 }) : new HttpAgent({ keepAlive: true, maxSockets: 8 });
    keptAliveAgents.set(config, agent);
  }
  return agent;
}
