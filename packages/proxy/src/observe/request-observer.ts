import type { Exchange } from "../exchange.js";

/** What watches requests go by: metrics and the access log. */
export interface RequestObserver {
  /** The response is complete, or the client went away. */
  completed(exchange: Exchange): void;
  /** A backend round trip failed (the client got a 5xx, or a cut response). */
  backendError(exchange: Exchange, error: Error): void;
  /** A filter or backend threw: a bug, answered with 500. */
  internalError(exchange: Exchange, error: unknown): void;
  /** The client went away before its response was complete: an ordinary event, counted, not a failure. */
  clientLeft(exchange: Exchange): void;
}

/** Several observers as one. */
export function observers(...list: readonly RequestObserver[]): RequestObserver {
  return {
    completed: (exchange) => list.forEach((observer) => observer.completed(exchange)),
    backendError: (exchange, error) => list.forEach((observer) => observer.backendError(exchange, error)),
    internalError: (exchange, error) => list.forEach((observer) => observer.internalError(exchange, error)),
    clientLeft: (exchange) => list.forEach((observer) => observer.clientLeft(exchange)),
  };
}
