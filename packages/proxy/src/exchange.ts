import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Readable, Writable } from "node:stream";
import type { Route } from "@bosun/eskip";
import type { RouteMatch } from "@bosun/routing";
import { Directives, type Filter, type FilterContext, type ServedResponse } from "@bosun/filters";
import type { Endpoint } from "./backends/lb/endpoint.js";
import type { ForwardingHandler } from "./engines/engine.js";
import { clientResponseHeaders } from "./forwarded-headers.js";
import type { ProxyTable } from "./proxy-table.js";
import type { RouteProgram } from "./route-check.js";
import type { RequestObserver } from "./observe/request-observer.js";
import { ProxyRequest } from "./request/proxy-request.js";
import { RoutingView } from "./request/routing-view.js";
import { ResponseHead, type HeaderRecord } from "./response-head.js";

const noParams: Readonly<Record<string, string>> = Object.freeze({});
const notYet = new ResponseHead(0, {});

/** What the proxy does when a backend round trip ends; the Proxy implements it. */
export interface ForwardingOutcome {
  backendDone(exchange: Exchange, error: Error | undefined): void;
}

/**
 * One request on its way through the proxy: the filter context of every route it passes (a
 * loopback passes several), and the handler the forwarding engine reports to.
 */
export class Exchange implements FilterContext, ForwardingHandler {
  readonly request: ProxyRequest;
  readonly routing: RoutingView;
  readonly directives = new Directives();
  response: ResponseHead = notYet;
  /** The route match, whose params are read only if a filter asks for them. */
  match: RouteMatch | undefined;
  served = false;
  servedResponse: ServedResponse | undefined;
  /** The route that decided the response: the last one a loopback reached. */
  route: Route | undefined;
  program: RouteProgram | undefined;
  /** The backend for logs and metrics: its address, or `<shunt>` and the like. */
  backendLabel = "";
  endpoint: Endpoint | undefined;
  loopbacks = 0;
  retried = false;
  headSent = false;
  /** Why the proxy answered itself, for logs and metrics. */
  failureKind: string | undefined;
  readonly startedAt = process.hrtime.bigint();
  /** Set once, when the response closes: metrics and the access log read the same figure. */
  durationMs = 0;
  /** The client's connection, and what had been written to it before this response. */
  readonly socket: Socket;
  readonly bytesBefore: number;
  /** Filters whose request phase ran and that have a response phase, in the order they ran. */
  private readonly ranFilters: Filter[] = [];

  /** The body sent to the backend: the client's message, or a copy when a mirror also gets one. */
  requestBody: Readable;

  constructor(
    readonly incoming: IncomingMessage,
    readonly outgoing: ServerResponse,
    readonly table: ProxyTable,
    private readonly outcome: ForwardingOutcome,
    readonly observer: RequestObserver,
    tls: boolean,
  ) {
    this.requestBody = incoming;
    this.request = new ProxyRequest(incoming, tls);
    this.routing = new RoutingView(this.request);
    this.socket = incoming.socket;
    this.bytesBefore = this.socket.bytesWritten;
  }

  get params(): Readonly<Record<string, string>> {
    return this.match === undefined ? noParams : this.match.params;
  }

  serve(response: ServedResponse): void {
    this.served = true;
    this.servedResponse = response;
  }

  /** Runs a route's request phase (§3.1): left to right, stopping after a filter that serves. */
  runRequestFilters(filters: readonly Filter[]): void {
    for (let i = 0; i < filters.length; i++) {
      const filter = filters[i]!;
      filter.request?.(this);
      if (filter.response) this.ranFilters.push(filter);
      if (this.served) return;
    }
  }

  /** The response phase: every filter that ran, innermost route first, each route in reverse. */
  runResponseFilters(): void {
    const ran = this.ranFilters;
    for (let i = ran.length - 1; i >= 0; i--) ran[i]!.response!(this);
  }

  /** Sets the response, runs the response phase and writes the head to the client. */
  writeHead(status: number, headers: HeaderRecord): ServerResponse {
    this.response = new ResponseHead(status, headers);
    this.runResponseFilters();
    const head = this.response;
    head.headers["server"] ??= "Skipper";
    // writeHead throws on a header value a filter made invalid (a decoded %0A in a template):
    // the head then counts as not sent, and the request answers as an internal error.
    this.outgoing.writeHead(head.status, head.headers as Record<string, string | string[]>);
    this.headSent = true;
    return this.outgoing;
  }

  onBackendResponse(status: number, headers: HeaderRecord): Writable {
    return this.writeHead(status, clientResponseHeaders(headers));
  }

  onBackendDone(error: Error | undefined): void {
    this.outcome.backendDone(this, error);
  }
}
