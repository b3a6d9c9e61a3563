import { pino, type DestinationStream, type Logger } from "pino";
import type { Exchange } from "../exchange.js";
import { accessLogLine } from "./access-log-line.js";
import type { RequestObserver } from "./request-observer.js";

/**
 * One JSON line per request on stdout, through pino's destination (sonic-boom: buffered,
 * asynchronous writes), errors through a pino logger on stderr. A line names the route and where
 * it was written (ARCHITECTURE.md: origins), the backend, status, duration and bytes sent.
 */
export class AccessLog implements RequestObserver {
  /** Undefined when the access log is off; errors are always logged. */
  private readonly destination: DestinationStream | undefined;
  readonly errors: Logger;

  constructor(destinations: { access: DestinationStream | undefined; errors: DestinationStream }) {
    this.destination = destinations.access;
    this.errors = pino({ base: null }, destinations.errors);
  }

  completed(exchange: Exchange): void {
    this.destination?.write(accessLogLine(exchange, Date.now()));
  }

  backendError(exchange: Exchange, error: Error): void {
    this.errors.warn({ route: exchange.route?.id ?? null, backend: exchange.backendLabel, err: error }, "backend error");
  }

  /** The access log's 499 line says it; the error log stays for what is wrong. */
  clientLeft(): void {}

  internalError(exchange: Exchange, error: unknown): void {
    this.errors.error({ route: exchange.route?.id ?? null, err: error }, "request failed inside the proxy");
  }
}
