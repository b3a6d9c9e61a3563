import { pino, type DestinationStream, type Logger } from "pino";
import type { Exchange } from "../exchange.js";
import type { RequestObserver } from "./request-observer.js";

/**
 * One JSON line per request on stdout (pino), errors on stderr. A line names the route and where
 * it was written (ARCHITECTURE.md: origins), the backend, status, duration and bytes sent.
 */
export class AccessLog implements RequestObserver {
  private readonly access: Logger;
  readonly errors: Logger;

  constructor(destinations: { access: DestinationStream; errors: DestinationStream }) {
    this.access = pino({ base: null, messageKey: "msg" }, destinations.access);
    this.errors = pino({ base: null }, destinations.errors);
  }

  completed(exchange: Exchange): void {
    const { request, route, outgoing } = exchange;
    const origin = route?.origin;
    this.access.info(
      {
        method: request.method,
        host: request.host,
        path: request.rawPath,
        route: route?.id ?? null,
        ...(origin ? { routeOrigin: `${origin.file ?? "<text>"}:${origin.line}:${origin.column}` } : {}),
        backend: exchange.backendLabel || null,
        status: outgoing.headersSent ? outgoing.statusCode : 499,
        durationMs: Number(process.hrtime.bigint() - exchange.startedAt) / 1e6,
        bytes: exchange.socket.bytesWritten - exchange.bytesBefore,
        ...(exchange.failureKind ? { failure: exchange.failureKind } : {}),
        ...(exchange.directives.annotations ? { annotations: Object.fromEntries(exchange.directives.annotations) } : {}),
      },
      "request",
    );
  }

  backendError(exchange: Exchange, error: Error): void {
    this.errors.warn({ route: exchange.route?.id ?? null, backend: exchange.backendLabel, err: error }, "backend error");
  }

  internalError(exchange: Exchange, error: unknown): void {
    this.errors.error({ route: exchange.route?.id ?? null, err: error }, "request failed inside the proxy");
  }
}
