import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { connect as http2Connect, constants as http2Constants } from "node:http2";
import { request as httpsRequest } from "node:https";
import { randomBytes } from "node:crypto";
import type { EchoedRequest } from "./echo-backend.ts";
import { acceptKey, decodeFrames, encodeFrame, type Frame } from "./websocket-frames.ts";

/**
 * The harness's round tripper (gateway-api.md §4): one request to a Gateway address with the Host
 * a test names (the address itself otherwise), redirects not followed; HTTP/1.1, HTTPS with an SNI
 * (certificates not checked: the suite's are self-signed), or cleartext HTTP/2 with prior knowledge;
 * and a websocket that sends frames and reads as many back.
 */

export interface OutgoingRequest {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  /** The Host header; undefined for the address's own (`127.0.0.1:PORT`). */
  readonly host: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly protocol: "http" | "https" | "h2c";
  /** The TLS server name, for `https`; the Host's name when not given. */
  readonly serverName?: string | undefined;
}

export interface Received {
  readonly status: number;
  /** Response headers by lower-case name, every value. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** The echo backend's JSON, when the body is that. */
  readonly echoed: EchoedRequest | undefined;
}

export const requestTimeoutMs = 5_000;

export function send(origin: string, outgoing: OutgoingRequest): Promise<Received> {
  return outgoing.protocol === "h2c" ? sendH2c(origin, outgoing) : sendHttp1(origin, outgoing);
}

function sendHttp1(origin: string, outgoing: OutgoingRequest): Promise<Received> {
  const url = new URL(outgoing.path, origin);
  const headers = { ...outgoing.headers, ...(outgoing.host === undefined ? {} : { host: outgoing.host }) };
  const options = { method: outgoing.method, headers, timeout: requestTimeoutMs, agent: false as const };
  return new Promise((resolve, reject) => {
    const done = (response: IncomingMessage) => collect(response.statusCode ?? 0, response.headersDistinct, response).then(resolve, reject);
    const request =
      outgoing.protocol === "https"
        ? httpsRequest(url.href.replace(/^http:/, "https:"), { ...options, servername: outgoing.serverName ?? bareName(outgoing.host), rejectUnauthorized: false }, done)
        : httpRequest(url, options, done);
    request.on("timeout", () => request.destroy(new Error(`no answer within ${requestTimeoutMs} ms`)));
    request.on("error", reject);
    request.end();
  });
}

function sendH2c(origin: string, outgoing: OutgoingRequest): Promise<Received> {
  return new Promise((resolve, reject) => {
    const session = http2Connect(origin);
    const fail = (error: Error) => {
      session.destroy();
      reject(error);
    };
    session.on("error", fail);
    session.setTimeout(requestTimeoutMs, () => fail(new Error(`no answer within ${requestTimeoutMs} ms`)));
    const stream = session.request({
      ...outgoing.headers,
      [http2Constants.HTTP2_HEADER_METHOD]: outgoing.method,
      [http2Constants.HTTP2_HEADER_PATH]: outgoing.path,
      ...(outgoing.host === undefined ? {} : { [http2Constants.HTTP2_HEADER_AUTHORITY]: outgoing.host }),
    });
    stream.on("error", fail);
    stream.on("response", (head) => {
      const status = Number(head[http2Constants.HTTP2_HEADER_STATUS]);
      collect(status, distinct(head), stream).then((received) => {
        session.close();
        resolve(received);
      }, fail);
    });
    stream.end();
  });
}

async function collect(status: number, headers: Readonly<Record<string, string[] | undefined>>, body: AsyncIterable<Buffer>): Promise<Received> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  const present = Object.entries(headers).filter((entry): entry is [string, string[]] => entry[1] !== undefined);
  return { status, headers: Object.fromEntries(present), echoed: echoedOf(Buffer.concat(chunks).toString()) };
}

function echoedOf(text: string): EchoedRequest | undefined {
  try {
    const value = JSON.parse(text) as Partial<EchoedRequest>;
    return typeof value.pod === "string" && typeof value.path === "string" ? (value as EchoedRequest) : undefined;
  } catch {
    return undefined;
  }
}

/** HTTP/2 response headers as `headersDistinct` gives HTTP/1 ones; pseudo-headers left out. */
function distinct(head: IncomingHttpHeaders): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(head)) {
    if (name.startsWith(":") || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value : [String(value)];
  }
  return headers;
}

function bareName(host: string | undefined): string | undefined {
  return host?.replace(/:\d+$/, "");
}

/** A websocket to `path` through the gateway: each frame sent, one read back; the frames read. */
export function websocketExchange(origin: string, path: string, frames: readonly Frame[]): Promise<Frame[]> {
  const key = randomBytes(16).toString("base64");
  const headers = { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": key, origin: "http://gateway" };
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, origin), { headers, timeout: requestTimeoutMs, agent: false });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${requestTimeoutMs} ms`)));
    request.on("error", reject);
    request.on("response", (response) => {
      response.resume();
      reject(new Error(`status ${response.statusCode}, expected 101 Switching Protocols`));
    });
    request.on("upgrade", (response, socket, head) => {
      if (response.headers["sec-websocket-accept"] !== acceptKey(key)) {
        socket.destroy();
        return reject(new Error("the handshake's Sec-WebSocket-Accept does not answer the key"));
      }
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`${received.length} of ${frames.length} frames echoed within ${requestTimeoutMs} ms`));
      }, requestTimeoutMs);
      const received: Frame[] = [];
      let pending: Buffer = head;
      const sendNext = () => {
        if (received.length === frames.length) {
          clearTimeout(timer);
          socket.destroy();
          return resolve(received);
        }
        socket.write(encodeFrame(frames[received.length]!, true));
      };
      socket.on("data", (chunk: Buffer) => {
        const decoded = decodeFrames(Buffer.concat([pending, chunk]));
        pending = decoded.rest;
        for (const frame of decoded.frames) {
          received.push(frame);
          sendNext();
        }
      });
      socket.on("error", reject);
      sendNext();
    });
    request.end();
  });
}
