import { pino, type DestinationStream, type Logger } from "pino";
import type { Exchange } from "../exchange.js";
import type { RequestObserver } from "./request-observer.js";

/**
 * One JSON line per request on stdout (pino), errors on stderr. A line names the route and where
 * it was written (ARCHITECTURE.md: origins), the backend, status, duration and bytes sent.
 */
export class AccessLog implements RequestObserver {
  /** Undefined when the access log is off; errors are always logged. */
  private readonly access: Logger | undefined;
  readonly errors: Logger;

  constructor(destinations: { access: DestinationStream | undefined; errors: DestinationStream }) {
    this.access = destinations.access && pino({ base: null, messageKey: "msg" }, destinations.access);
    this.errors = pino({ base: null }, destinations.errors);
  }

  completed(exchange: Exchange): void {
    if (this.access === undefined) return;
    const { request, route, outgoing } = exchange;
    const origin = route?.origin;
    const annotations = exchange.directives.annotations;
    // One object of fixed shape: fields without a value are undefined, which JSON leaves out.
    this.access.info(
      {
        method: request.method,
        host: request.host,
        path: request.rawPath,
        route: route === undefined ? null : route.id,
        routeOrigin: origin === undefined ? undefined : `${origin.file ?? "<text>"}:${origin.line}:${origin.column}`,
        backend: exchange.backendLabel || null,
        status: outgoing.headersSent ? outgoing.statusCode : 499,
        durationMs: Number(process.hrtime.bigint() - exchange.startedAt) / 1e6,
        bytes: exchange.socket.bytesWritten - exchange.bytesBefore,
        failure: exchange.failureKind,
        annotations: annotations === undefined ? undefined : Object.fromEntries(annotations),
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
