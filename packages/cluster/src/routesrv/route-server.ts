import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { printRoutes, routesGeneration, type Route } from "@bosun/eskip";

/** The longest long-poll a client may ask for. */
const maxWaitSeconds = 300;

interface Published {
  readonly text: string;
  readonly etag: string;
  readonly count: number;
}

/**
 * `bosun routesrv`: the merged routes of its sources as eskip at `/routes`, for a fleet of
 * proxies that then costs the API server one watcher. The ETag is the routes' generation, so a
 * proxy that holds them answers `If-None-Match` with 304; `?wait=SECONDS` with a matching
 * If-None-Match holds the request until the routes change or the time is up (a long poll); HEAD
 * gives the headers, `X-Count` the number of routes. Until its sources have synced, /routes and
 * /healthz answer 503: a proxy keeps its last table rather than take an empty one.
 */
export class RouteServer {
  private published: Published | undefined;
  private readonly waiting = new Set<() => void>();
  private readonly server: Server;

  constructor() {
    this.server = createServer((request, response) => this.handle(request, response));
  }

  /** The routes to serve from now on; waiting long polls are answered. */
  publish(routes: readonly Route[]): void {
    const generation = routesGeneration(routes);
    if (this.published?.etag === `"${generation}"`) return;
    this.published = { text: `${printRoutes(routes)}\n`, etag: `"${generation}"`, count: routes.length };
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const wake of waiting) wake();
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    this.server.listen(port, host);
    await once(this.server, "listening");
    return this.server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    for (const wake of this.waiting) wake();
    this.waiting.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", "http://routesrv");
    if (url.pathname === "/healthz") {
      const ready = this.published !== undefined;
      response.writeHead(ready ? 200 : 503, { "content-type": "text/plain; charset=utf-8" });
      return void response.end(ready ? "ok\n" : "not ready: no first sync yet\n");
    }
    if (url.pathname !== "/routes") {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      return void response.end("Not Found\n");
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" });
      return void response.end();
    }
    const held = request.headers["if-none-match"];
    const waitSeconds = Math.min(maxWaitSeconds, Math.max(0, Number(url.searchParams.get("wait") ?? "0") || 0));
    if (waitSeconds > 0 && (this.published === undefined || this.published.etag === held)) {
      const timer = setTimeout(() => wake(), waitSeconds * 1000);
      const wake = () => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        this.answer(request, response, held);
      };
      this.waiting.add(wake);
      request.once("close", () => {
        clearTimeout(timer);
        this.waiting.delete(wake);
      });
      return;
    }
    this.answer(request, response, held);
  }

  private answer(request: IncomingMessage, response: ServerResponse, held: string | undefined): void {
    if (response.writableEnded || response.destroyed) return;
    const published = this.published;
    if (published === undefined) {
      response.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
      return void response.end("not ready: no first sync yet\n");
    }
    const headers = { etag: published.etag, "x-count": String(published.count), "cache-control": "no-cache" };
    if (held === published.etag) {
      response.writeHead(304, headers);
      return void response.end();
    }
    response.writeHead(200, { ...headers, "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(published.text) });
    response.end(request.method === "HEAD" ? undefined : published.text);
  }
}
