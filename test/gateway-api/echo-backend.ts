import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createH2cServer, type Http2Server, type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import type { AddressInfo, Socket } from "node:net";
import { acceptKey, decodeFrames, encodeFrame, opcodes } from "./websocket-frames.ts";

/**
 * The upstream echo-basic image as a local server (gateway-api.md §4): it answers every request
 * with what it received, as JSON, on the port of one Deployment's pods, so that a test can tell
 * which Service's pods answered and what the gateway sent them. Like echo-basic it sets the
 * response headers `X-Echo-Set-Header: Name:value,…` asks for, waits `?delay=` (a Go duration)
 * before answering, fails `/retry/…` requests until a `uuid` has been seen `succeedAfter` times,
 * and echoes websocket frames on `/ws`. A port of `appProtocol: kubernetes.io/h2c` is served as
 * cleartext HTTP/2 only.
 */

/** What the backend saw of a request, in echo-basic's JSON shape. */
export interface EchoedRequest {
  /** The request URI, query included. */
  readonly path: string;
  readonly host: string;
  readonly method: string;
  readonly proto: string;
  /** Header names as Go canonicalises them, each with all its values (Host is `host`). */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly namespace: string;
  readonly pod: string;
}

export interface Pod {
  readonly namespace: string;
  /** A pod name, starting with its Deployment's name (the harness checks that prefix). */
  readonly name: string;
}

type Protocol = "http" | "h2c";
type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

export class EchoBackend {
  /** The request URIs received, in order: what the upstream suite greps the pod's log for. */
  readonly seen: string[] = [];
  private readonly attempts = new Map<string, number>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly pod: Pod,
    readonly protocol: Protocol,
    private readonly server: Server | Http2Server,
  ) {}

  static async start(pod: Pod, protocol: Protocol): Promise<EchoBackend> {
    let backend: EchoBackend | undefined;
    const handle = (request: AnyRequest, response: AnyResponse) => void backend!.answer(request, response);
    const server = protocol === "h2c" ? createH2cServer(handle) : createServer(handle);
    backend = new EchoBackend(pod, protocol, server);
    server.on("connection", (socket: Socket) => {
      backend.sockets.add(socket);
      socket.on("close", () => backend.sockets.delete(socket));
    });
    if (protocol === "http") server.on("upgrade", (request: IncomingMessage, socket: Socket) => backend.upgrade(request, socket));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return backend;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private async answer(request: AnyRequest, response: AnyResponse): Promise<void> {
    const uri = request.url ?? "/";
    this.seen.push(uri);
    // The body is not echoed, only read to its end.
    for await (const _ of request);
    const query = new URL(uri, "http://echo").searchParams;
    const delay = goDurationMs(query.get("delay") ?? "");
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(delay, 30_000)));
    const failure = this.simulatedFailure(uri, query);
    if (failure !== undefined) {
      response.writeHead(failure, { "content-type": "application/json" });
      response.end(JSON.stringify({ message: `simulated failure ${failure}` }));
      return;
    }
    const echoed: EchoedRequest = {
      path: uri,
      host: hostOf(request),
      method: request.method ?? "",
      proto: `HTTP/${request.httpVersion}`,
      headers: canonicalHeaders(request.rawHeaders),
      namespace: this.pod.namespace,
      pod: this.pod.name,
    };
    for (const [name, value] of echoSetHeaders(echoed.headers["X-Echo-Set-Header"] ?? [])) response.setHeader(name, value);
    const body = JSON.stringify(echoed);
    response.setHeader("content-type", "application/json");
    response.setHeader("content-length", Buffer.byteLength(body));
    response.end(body);
  }

  /** echo-basic's retry simulation: `responseCode` until this `uuid` was seen more than `succeedAfter` times. */
  private simulatedFailure(uri: string, query: URLSearchParams): number | undefined {
    const uuid = query.get("uuid");
    if (!uri.startsWith("/retry/") || uuid === null) return undefined;
    const attempt = (this.attempts.get(uuid) ?? 0) + 1;
    this.attempts.set(uuid, attempt);
    return attempt <= Number(query.get("succeedAfter") ?? 0) ? Number(query.get("responseCode") ?? 500) : undefined;
  }

  /** A websocket on `/ws` echoes each text or binary frame, as echo-basic's does. */
  private upgrade(request: IncomingMessage, socket: Socket): void {
    const key = request.headers["sec-websocket-key"];
    if (request.url !== "/ws" || typeof key !== "string") {
      socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
      return;
    }
    this.seen.push(request.url);
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-accept: ${acceptKey(key)}\r\n\r\n`);
    let pending: Buffer = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      const { frames, rest } = decodeFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const frame of frames) {
        if (frame.opcode === opcodes.close) socket.end(encodeFrame(frame, false));
        else socket.write(encodeFrame(frame, false));
      }
    });
    socket.on("error", () => socket.destroy());
  }
}

function hostOf(request: AnyRequest): string {
  const authority = request.headers[":authority"] ?? request.headers.host;
  return typeof authority === "string" ? authority : "";
}

/** `rawHeaders` as Go's `http.Header`: canonical names, every value; Host and HTTP/2 pseudo-headers left out. */
function canonicalHeaders(raw: readonly string[]): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.startsWith(":") || name.toLowerCase() === "host") continue;
    (headers[canonicalName(name)] ??= []).push(raw[i + 1]!);
  }
  return headers;
}

/** Go's CanonicalMIMEHeaderKey: `x-header-set` is `X-Header-Set`. */
export function canonicalName(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

/** echo-basic's reading of `X-Echo-Set-Header`: comma-separated `Name:value` pairs; a repeated name joins its values with `,`. */
function echoSetHeaders(values: readonly string[]): Map<string, string> {
  const headers = new Map<string, string>();
  for (const pair of values.flatMap((value) => value.split(","))) {
    const trimmed = pair.trim();
    const colon = trimmed.indexOf(":");
    if (colon <= 0) continue;
    const name = trimmed.slice(0, colon);
    const value = trimmed.slice(colon + 1);
    headers.set(name, headers.has(name) ? `${headers.get(name)},${value.trim()}` : value);
  }
  return headers;
}

/** A Go duration (`1s`, `500ms`, `1m30s`) in milliseconds; 0 for none or one that does not parse. */
function goDurationMs(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.map((part) => part[0]).join("") !== text) return 0;
  return parts.reduce((sum, part) => sum + Number(part[1]) * units[part[2]!]!, 0);
}
