import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

export interface ClientResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
}

export interface ClientRequest {
  readonly method?: string;
  readonly headers?: Record<string, string | string[]>;
  readonly body?: string | Buffer;
  /** Fail the test instead of hanging: every request is bounded. */
  readonly timeoutMs?: number;
}

/** A plain node:http request on a fresh connection; no client library between test and proxy. */
export function send(url: string, options: ClientRequest = {}): Promise<ClientResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? "GET", headers: options.headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, text: body.toString("utf8") });
      });
      response.on("error", reject);
    });
    request.setTimeout(options.timeoutMs ?? 10_000, () => request.destroy(new Error(`no answer from ${url} in time`)));
    request.on("error", reject);
    request.end(options.body);
  });
}

export function json<T = Record<string, unknown>>(response: ClientResponse): T {
  return JSON.parse(response.text) as T;
}
