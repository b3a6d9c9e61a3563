import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex, Readable, Writable } from "node:stream";
import type { HeaderRecord } from "../response-head.js";

/** One request to a backend, ready to send. */
export interface OutgoingRequest {
  /** `http://host:port`: the pool the request goes through. */
  readonly origin: string;
  readonly method: string;
  /** Path and query. */
  readonly target: string;
  readonly headers: HeaderRecord;
  /** The client's body, streamed; null when the request has none. */
  readonly body: Readable | null;
  /** The whole round trip, head and body; undefined for the engine's default. */
  readonly timeoutMs: number | undefined;
  /** The client's message and response, for engines that work on them directly. */
  readonly incoming: IncomingMessage;
  readonly outgoing: ServerResponse;
}

/**
 * What an engine reports back. The exchange implements it, so forwarding allocates no callbacks.
 */
export interface ForwardingHandler {
  /**
   * The backend's status and headers arrived: the handler runs the response filters, writes the
   * head to the client and returns where the body goes.
   */
  onBackendResponse(status: number, headers: HeaderRecord): Writable;
  /** The round trip is over: `error` is undefined when the whole body reached the client. */
  onBackendDone(error: Error | undefined): void;
}

/**
 * A way to forward requests (ARCHITECTURE.md: undici or http-proxy-3). Both pass one shared
 * end-to-end suite; `--proxy-engine` picks one.
 */
export interface ForwardingEngine {
  readonly name: string;
  forward(request: OutgoingRequest, handler: ForwardingHandler): void;
  /** Forwards an Upgrade request (WebSocket and others) to the origin, over the client's socket. */
  upgrade(request: OutgoingRequest, socket: Duplex, head: Buffer, onError: (error: Error) => void): void;
  /** Closes the backend connections; called once every client connection is gone, it cuts what is left. */
  close(): Promise<void>;
}
