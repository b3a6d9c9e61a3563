import { Agent as HttpAgent, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { Duplex, finished, type Writable } from "node:stream";
import { createProxyServer } from "http-proxy-3";
import { BackendTimeoutError } from "../proxy-errors.js";
import type { HeaderRecord } from "../response-head.js";
import type { ForwardingEngine, ForwardingHandler, OutgoingRequest } from "./engine.js";

interface Call {
  readonly handler: ForwardingHandler;
  readonly startedAt: number;
  readonly timeoutMs: number | undefined;
  done: boolean;
}

const calls = new WeakMap<IncomingMessage, Call>();

function finish(call: Call | undefined, error: Error | undefined): void {
  if (!call || call.done) return;
  call.done = true;
  // http-proxy reports its own timeout as a reset socket; the clock tells them apart.
  const timedOut = error !== undefined && call.timeoutMs !== undefined && Date.now() - call.startedAt >= call.timeoutMs;
  call.handler.onBackendDone(timedOut ? new BackendTimeoutError(call.timeoutMs!) : error);
}

export interface HttpProxyEngineOptions {
  readonly connectionsPerOrigin: number;
  /**
   * How long a backend may take to send its response head (Skipper's
   * -response-header-timeout-backend): then 504. http-proxy has one idle timeout for the whole
   * exchange, so here it also bounds a pause in the backend's body.
   */
  readonly responseHeaderTimeoutMs: number;
}

/**
 * Forwards through http-proxy-3 over Node's keep-alive agents. It also carries WebSocket and
 * other Upgrade requests, for itself and for the undici engine.
 */
export class HttpProxyEngine implements ForwardingEngine {
  readonly name = "http-proxy-3";
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private readonly proxy = createProxyServer({ selfHandleResponse: true, xfwd: false, prependPath: false, changeOrigin: false });

  constructor(private readonly options: HttpProxyEngineOptions) {
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets: options.connectionsPerOrigin });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: options.connectionsPerOrigin });
    // http-proxy re-emits the errors of the sockets it tunnels on its server, whose own listener
    // throws: a client that left while the copy of a not-upgraded answer was written to it (EPIPE)
    // ended the process. The tunnel's sockets go, nothing else does.
    this.proxy.on("error", (_error: Error, _incoming: unknown, target: unknown) => {
      if (target instanceof Duplex) target.destroy();
    });
    this.proxy.on("proxyRes", (backendResponse: IncomingMessage, incoming: IncomingMessage) => {
      const call = calls.get(incoming);
      if (!call) return;
      let client: Writable;
      try {
        client = call.handler.onBackendResponse(backendResponse.statusCode ?? 502, backendResponse.headers as HeaderRecord);
      } catch (error) {
        // An event handler that throws would take the process down: the request fails alone.
        backendResponse.resume();
        return finish(call, error as Error);
      }
      // pipe and finished rather than pipeline: pipeline makes an AbortController and a
      // DOMException for every response (5 % of this engine's time in bench:proxy).
      backendResponse.on("error", (error) => {
        client.destroy(error);
        finish(call, error);
      });
      finished(client, (error) => finish(call, error ?? undefined));
      backendResponse.pipe(client);
    });
  }

  forward(request: OutgoingRequest, handler: ForwardingHandler): void {
    const incoming = this.prepare(request);
    const timeoutMs = request.timeoutMs ?? this.options.responseHeaderTimeoutMs;
    calls.set(incoming, { handler, startedAt: Date.now(), timeoutMs, done: false });
    this.proxy.web(
      incoming,
      request.outgoing as ServerResponse,
      {
        target: request.origin,
        agent: request.origin.startsWith("https:") ? this.httpsAgent : this.httpAgent,
        proxyTimeout: timeoutMs,
        // A body copied for a mirror comes from the copy, not from the client's message.
        ...(request.body && request.body !== incoming ? { buffer: request.body } : {}),
      },
      (error: Error, failed: IncomingMessage) => finish(calls.get(failed), error),
    );
  }

  upgrade(request: OutgoingRequest, socket: Duplex, head: Buffer, onError: (error: Error) => void): void {
    const incoming = this.prepare(request);
    this.proxy.ws(incoming, socket, head, { target: request.origin }, (error: Error) => onError(error));
  }

  async close(): Promise<void> {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    this.proxy.close();
  }

  /** http-proxy forwards the incoming message as it is: it gets the outgoing path and headers. */
  private prepare(request: OutgoingRequest): IncomingMessage {
    const incoming = request.incoming;
    incoming.url = request.target;
    incoming.headers = request.headers as IncomingHttpHeaders;
    incoming.method = request.method;
    return incoming;
  }
}
