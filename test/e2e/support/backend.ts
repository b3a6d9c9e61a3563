import { createHash } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What a test backend saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly bodyBytes: number;
  readonly bodySha256: string;
}

export type BackendBehaviour = (request: IncomingMessage, response: ServerResponse, body: Buffer) => void;

/** Answers 200 with a JSON description of the request; the default behaviour. */
export const echo: BackendBehaviour = (request, response, body) => {
  const seen: SeenRequest = describe(request, body);
  const text = JSON.stringify(seen);
  response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
};

function describe(request: IncomingMessage, body: Buffer): SeenRequest {
  return {
    method: request.method ?? "",
    url: request.url ?? "",
    headers: request.headers,
    bodyBytes: body.length,
    bodySha256: createHash("sha256").update(body).digest("hex"),
  };
}

/**
 * A backend on 127.0.0.1 with a random port, recording what it receives. Its behaviour gets the
 * request after the whole body arrived, unless `streaming` asks for the raw request.
 */
export class TestBackend {
  readonly seen: SeenRequest[] = [];
  private constructor(
    readonly server: Server,
    readonly name: string,
  ) {}

  static async start(name: string, behaviour: BackendBehaviour = echo, options: { streaming?: BackendBehaviour } = {}): Promise<TestBackend> {
    let backend: TestBackend;
    const server = createServer((request, response) => {
      response.setHeader("x-backend", name);
      if (options.streaming) return options.streaming(request, response, Buffer.alloc(0));
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks);
        backend.seen.push(describe(request, body));
        behaviour(request, response, body);
      });
    });
    backend = new TestBackend(server, name);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return backend;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

/** A port on 127.0.0.1 where nothing listens: connections are refused. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
