import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { Duplex } from "node:stream";
import type { ServedResponse } from "@bosun/filters";
import { BackendError, type BackendServices } from "./backends/backend.js";
import { hostOfOrigin } from "./backends/address.js";
import type { Endpoint } from "./backends/lb/endpoint.js";
import type { ForwardingEngine, OutgoingRequest } from "./engines/engine.js";
import { Exchange, type ForwardingOutcome } from "./exchange.js";
import { outgoingRequestHeaders } from "./forwarded-headers.js";
import type { Mirror } from "./mirror.js";
import {
  badGateway,
  ClientCancelledError,
  classifyForwardingError,
  internalError,
  isDialError,
  loopLimit,
  misdirectedRequest,
  noRoute,
  type ProxyFailure,
} from "./proxy-errors.js";
import type { RequestObserver } from "./observe/request-observer.js";
import type { TableHolder } from "./table-holder.js";
import { misdirected, type GatewayBinding } from "./gateway/gateway-listeners.js";

export interface ProxyOptions {
  readonly tables: TableHolder;
  readonly engine: ForwardingEngine;
  readonly mirror: Mirror;
  readonly observer: RequestObserver;
  /** §4.3: loopbacks allowed per incoming request; negative disables looping. */
  readonly maxLoopbacks: number;
  /** §4.1: send the client's Host to backends instead of the backend's host:port. */
  readonly preserveHost: boolean;
  readonly forwardedHeaders: boolean;
  /** Whether the listener is TLS: X-Forwarded-Proto and `<dynamic>` schemes follow it. */
  readonly tls: boolean;
  /** The Gateway listener port this listener serves; undefined for the proxy's own listener. */
  readonly gateway?: GatewayBinding;
}

const exchangeOf = Symbol("bosun.exchange");
type TrackedResponse = ServerResponse & { [exchangeOf]?: Exchange };

/** Node calls it with the response as `this`: one function for all requests, no closure each. */
function onResponseClosed(this: TrackedResponse): void {
  const exchange = this[exchangeOf];
  if (!exchange) return;
  // The client left before the response was complete: the backend request is cut ("abort" is
  // what engines listen for), as nginx does unless told to ignore client aborts.
  if (!this.writableFinished) this.emit("abort");
  exchange.durationMs = Number(process.hrtime.bigint() - exchange.startedAt) / 1e6;
  exchange.observer.completed(exchange);
}

/**
 * A request for the server itself (`OPTIONS *`, RFC 9110 §9.3.7), answered as Go's server answers
 * it for Skipper: 200 with no body, before any route. Any other method with `*` is a bad request.
 */
function answerAsterisk(incoming: IncomingMessage, outgoing: ServerResponse): void {
  incoming.resume();
  outgoing.writeHead(incoming.method === "OPTIONS" ? 200 : 400, { "content-length": "0" });
  outgoing.end();
}

/** Whether the client's connection closed before its response was complete: what a backend error then is to the client. */
function clientIsGone(exchange: Exchange): boolean {
  return exchange.outgoing.destroyed && !exchange.outgoing.writableFinished;
}

/**
 * A filter's answer to an Upgrade request, which has no ServerResponse: written on the socket as
 * HTTP/1.1, and the connection closed, as a refused Upgrade is. Response filters do not run on it.
 */
function answerOnSocket(socket: Duplex, response: ServedResponse): void {
  const body = response.body === undefined ? Buffer.alloc(0) : Buffer.from(response.body);
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}`];
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (["content-length", "connection", "transfer-encoding"].includes(name.toLowerCase())) continue;
    for (const each of typeof value === "string" ? [value] : value) lines.push(`${name}: ${each}`);
  }
  lines.push(`Content-Length: ${body.length}`, "Connection: close", "", "");
  socket.end(Buffer.concat([Buffer.from(lines.join("\r\n"), "latin1"), body]));
}

/**
 * The request path (ARCHITECTURE.md, hot path): look the request up in the current table, run
 * the route's filters, hand it to the backend, and answer with the response filters applied.
 */
export class Proxy implements BackendServices, ForwardingOutcome {
  constructor(private readonly options: ProxyOptions) {}

  /** The `request` listener of the HTTP server. */
  readonly handle = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    if (incoming.url === "*") return answerAsterisk(incoming, outgoing);
    const exchange = this.exchange(incoming, outgoing);
    (outgoing as TrackedResponse)[exchangeOf] = exchange;
    // `on`, not `once`: a response closes once, and `once` would wrap the listener each time.
    outgoing.on("close", onResponseClosed);
    this.dispatch(exchange);
  };

  /** The `upgrade` listener: Upgrade requests (WebSocket) are routed like any other, then tunnelled. */
  readonly handleUpgrade = (incoming: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on("error", () => socket.destroy());
    // A tunnel has no response object: the exchange serves only routing and the request filters.
    const noResponse = {} as ServerResponse;
    const exchange = this.exchange(incoming, noResponse);
    const table = exchange.table;
    const match = table.routes.lookup(exchange.routing);
    const program = match && table.programOf(match.route);
    if (!match || !program?.backend.upgradeOrigin) {
      const status = exchange.routing.listener === misdirected ? "421 Misdirected Request" : "404 Not Found";
      socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    exchange.match = match;
    exchange.runRequestFilters(program.filters);
    // A filter that answers (a redirect, a rate limit that is hit) answers an Upgrade request too.
    if (exchange.served) return answerOnSocket(socket, exchange.servedResponse!);
    const request = this.outgoingRequest(exchange, program.backend.upgradeOrigin(exchange));
    request.headers["connection"] = "Upgrade";
    request.headers["upgrade"] = incoming.headers.upgrade ?? "websocket";
    this.options.engine.upgrade(request, socket, head, () => socket.destroy());
  };

  private exchange(incoming: IncomingMessage, outgoing: ServerResponse): Exchange {
    const table = this.options.tables.current;
    const exchange = new Exchange(incoming, outgoing, table, this, this.options.observer, this.options.tls);
    const gateway = this.options.gateway;
    // gateway-api.md §2.2: the listener is chosen before any route, by the Host as it came, and on
    // TLS by the SNI, which the Host must agree with.
    if (gateway !== undefined) {
      const listeners = table.gatewayListeners;
      const host = exchange.request.host;
      exchange.routing.listener = this.options.tls ? listeners.selectSecure(gateway, (incoming.socket as TLSSocket).servername || "", host) : listeners.select(gateway, host, "HTTP");
    }
    return exchange;
  }

  private dispatch(exchange: Exchange): void {
    try {
      const match = exchange.table.routes.lookup(exchange.routing);
      if (!match) return this.fail(exchange, exchange.routing.listener === misdirected ? misdirectedRequest : noRoute);
      const program = exchange.table.programOf(match.route)!;
      exchange.route = match.route;
      exchange.program = program;
      exchange.match = match;
      exchange.backendLabel = program.backend.label;
      exchange.runRequestFilters(program.filters);
      if (exchange.directives.mirrors !== undefined || exchange.directives.teeLoopbacks !== undefined) {
        this.options.mirror.send(exchange);
      }
      if (exchange.served) return this.respond(exchange, exchange.servedResponse!);
      program.backend.serve(exchange, this);
    } catch (error) {
      // A filter or backend that throws on this request answers it alone (§4.7: panic in filter → 500).
      this.fail(exchange, error instanceof BackendError ? badGateway : internalError, error);
    }
  }

  forward(exchange: Exchange, origin: string, endpoint?: Endpoint): void {
    if (endpoint) {
      endpoint.inFlight++;
      exchange.endpoint = endpoint;
    }
    this.options.engine.forward(this.outgoingRequest(exchange, origin), exchange);
  }

  private outgoingRequest(exchange: Exchange, origin: string): OutgoingRequest {
    const { request, directives } = exchange;
    const preserveHost = directives.preserveHost ?? this.options.preserveHost;
    const host = directives.outgoingHost ?? (preserveHost ? request.host : hostOfOrigin(origin));
    return {
      origin,
      method: request.method,
      target: request.outgoingTarget,
      headers: outgoingRequestHeaders(request, host, this.options),
      body: request.hasBody ? exchange.requestBody : null,
      timeoutMs: directives.backendTimeoutMs,
      incoming: exchange.incoming,
      outgoing: exchange.outgoing,
    };
  }

  backendDone(exchange: Exchange, error: Error | undefined): void {
    const endpoint = exchange.endpoint;
    if (endpoint) {
      endpoint.inFlight--;
      exchange.endpoint = undefined;
    }
    if (error === undefined) return;
    // A client that leaves is no backend's failure, and no reason for a stack in the error log.
    if (error instanceof ClientCancelledError || clientIsGone(exchange)) this.options.observer.clientLeft(exchange);
    else this.options.observer.backendError(exchange, error);
    if (exchange.headSent) {
      exchange.outgoing.destroy();
      return;
    }
    if (isDialError(error) && exchange.program?.backend.retry?.(exchange, this)) return;
    this.fail(exchange, classifyForwardingError(error), error);
  }

  respond(exchange: Exchange, response: ServedResponse): void {
    // A request body nobody reads would stall the connection: it is read and dropped.
    if (exchange.request.hasBody) exchange.incoming.resume();
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = typeof value === "string" ? value : [...value];
    const body = response.body;
    headers["content-length"] = String(body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
    const outgoing = exchange.writeHead(response.status, headers);
    outgoing.end(body);
  }

  loopback(exchange: Exchange): void {
    const limit = this.options.maxLoopbacks;
    exchange.loopbacks++;
    if (limit < 0 || exchange.loopbacks > limit) return this.fail(exchange, loopLimit);
    this.dispatch(exchange);
  }

  /** The proxy's own answer (§4.7): response filters do not run on it. */
  private fail(exchange: Exchange, failure: ProxyFailure, error?: unknown): void {
    exchange.failureKind = failure.kind;
    if (error !== undefined && failure === internalError) this.options.observer.internalError(exchange, error);
    const outgoing = exchange.outgoing;
    if (exchange.headSent || outgoing.headersSent || outgoing.destroyed) {
      outgoing.destroy();
      return;
    }
    if (exchange.request.hasBody) exchange.incoming.resume();
    exchange.headSent = true;
    outgoing.writeHead(failure.status, {
      "content-type": "text/plain; charset=utf-8",
      "x-content-type-options": "nosniff",
      "content-length": String(Buffer.byteLength(failure.body)),
      server: "Skipper",
    });
    outgoing.end(failure.body);
  }
}
