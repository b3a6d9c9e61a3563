import type { EventEmitter } from "node:events";
import type { Duplex } from "node:stream";
import { Pool, type Dispatcher } from "undici";
import { BackendTimeoutError, ClientCancelledError } from "../proxy-errors.js";
import type { ForwardingEngine, ForwardingHandler, OutgoingRequest } from "./engine.js";

export interface UndiciEngineOptions {
  /** Connections per backend origin; requests beyond wait for one. */
  readonly connectionsPerOrigin: number;
  /** Carries Upgrade requests, which undici's stream API does not. */
  readonly upgrades: Pick<ForwardingEngine, "upgrade" | "close">;
  /** How long a backend may take to send its response head (Skipper's -response-header-timeout-backend): then 504. */
  readonly responseHeaderTimeoutMs: number;
}

/** What one forwarded request needs in undici's callbacks: passed as `opaque`, no closures. */
interface Call {
  readonly handler: ForwardingHandler;
  readonly timer: NodeJS.Timeout | undefined;
}

function factory({ statusCode, headers, opaque }: Dispatcher.StreamFactoryData<Call>) {
  return opaque.handler.onBackendResponse(statusCode, headers);
}

function finished(error: Error | null, data: Dispatcher.StreamData<Call> | null | undefined, call?: Call): void {
  const opaque = data?.opaque ?? call;
  if (!opaque) return;
  if (opaque.timer) clearTimeout(opaque.timer);
  opaque.handler.onBackendDone(error ?? undefined);
}

/**
 * Forwards through undici's `Pool.stream()` over keep-alive pools, one pool per origin: the
 * backend's body is written straight into the client response (TOOLCHAIN.md: about twice
 * `Pool.request()`), and the client's body streams to the backend.
 */
export class UndiciEngine implements ForwardingEngine {
  readonly name = "undici";
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly options: UndiciEngineOptions) {}

  forward(request: OutgoingRequest, handler: ForwardingHandler): void {
    // The client response emits "abort" when the client leaves early (see Proxy): undici then
    // cuts the backend request, with no AbortController made for the common request.
    let signal: AbortSignal | EventEmitter = request.outgoing;
    let timer: NodeJS.Timeout | undefined;
    if (request.timeoutMs !== undefined) {
      const controller = new AbortController();
      const timeoutMs = request.timeoutMs;
      timer = setTimeout(() => controller.abort(new BackendTimeoutError(timeoutMs)), timeoutMs);
      request.outgoing.once("abort", () => controller.abort(new ClientCancelledError("the client went away")));
      signal = controller.signal;
    }
    const call: Call = { handler, timer };
    try {
      this.pool(request.origin).stream(
        {
          path: request.target,
          method: request.method as Dispatcher.HttpMethod,
          headers: request.headers as Record<string, string | string[]>,
          body: request.body,
          opaque: call,
          signal,
        },
        factory,
        finished,
      );
    } catch (error) {
      // undici refuses some requests at once (an invalid header value): they answer like any failure.
      finished(error as Error, undefined, call);
    }
  }

  upgrade(request: OutgoingRequest, socket: Duplex, head: Buffer, onError: (error: Error) => void): void {
    this.options.upgrades.upgrade(request, socket, head, onError);
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all([...pools.map((pool) => pool.destroy()), this.options.upgrades.close()]);
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections: this.options.connectionsPerOrigin, headersTimeout: this.options.responseHeaderTimeoutMs });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}
