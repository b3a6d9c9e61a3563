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

/**
 * A GET against the API server with the client's own configuration (server, TLS, credentials:
 * kubeconfig or in-cluster), through the same HTTP stack as its watches, answered as raw JSON.
 * Raw, not the client's typed models: a malformed object must reach the compiler, which makes
 * a problem of it, rather than fail the deserializing of the whole list.
 */
export async function apiGet(config: KubeConfig, path: string, query: Record<string, string | undefined>, timeoutMs: number): Promise<unknown> {
  const cluster = config.getCurrentCluster();
  if (cluster === null) throw new ApiError("the kubeconfig has no current cluster", undefined);
  const url = new URL(cluster.server + path);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
  const options = await config.applyToFetchOptions({});
  let response;
  try {
    response = await fetch(url, { ...options, method: "GET", timeout: timeoutMs });
  } catch (error) {
    throw new ApiError(`GET ${url.pathname}: ${(error as Error).message}`, undefined);
  }
  const text = await response.text();
  if (response.status !== 200) {
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // Not a Status object: the text is the message.
    }
    throw new ApiError(`GET ${url.pathname}: ${response.status} ${message}`.trim(), response.status);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(`GET ${url.pathname}: the answer is not JSON`, response.status);
  }
}
