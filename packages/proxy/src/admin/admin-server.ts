import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { describePlace, printRoutes, type Problem } from "@bosun/eskip";
import { explain } from "@bosun/routing";
import type { ProxyMetrics } from "../observe/metrics.js";
import type { TableHolder } from "../table-holder.js";

type Handler = (url: URL, response: ServerResponse) => void | Promise<void>;

function send(response: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), ...headers });
  response.end(body);
}

export interface AdminSubjects {
  readonly tables: TableHolder;
  readonly metrics: ProxyMetrics;
  /** The sources that have not finished their first sync. */
  readonly unsynced: () => readonly string[];
  /** The sources' problems and the table's rejections, as of the table last built. */
  readonly problems: () => readonly Problem[];
  /** Whether the proxy is shutting down: a load balancer must stop sending before the listeners close. */
  readonly draining: () => boolean;
}

/**
 * The admin listener: `/metrics` (Prometheus), `/healthz`, `/routes` (the table in service as
 * eskip, with its generation and the routes it could not use), `/problems` (every problem of
 * the sources and the table, in bosun's one Problem shape, as JSON) and `/debug/explain`.
 * `/healthz` is the readiness probe: 503, naming them, while any source has not finished its
 * first sync, and 503 again once the proxy drains.
 */
export function createAdminServer({ tables, metrics, unsynced, problems, draining }: AdminSubjects): Server {
  const handlers: Readonly<Record<string, Handler>> = {
    "/metrics": async (_url, response) => send(response, 200, metrics.registry.contentType, await metrics.registry.metrics()),
    "/healthz": (_url, response) => {
      if (draining()) return send(response, 503, "text/plain; charset=utf-8", "draining: shutting down\n");
      const waiting = unsynced();
      if (waiting.length === 0) return send(response, 200, "text/plain; charset=utf-8", "ok\n");
      send(response, 503, "text/plain; charset=utf-8", `not ready: no first sync yet from ${waiting.join("; ")}\n`);
    },
    "/routes": (_url, response) => {
      const table = tables.current;
      const rejected = table.rejected.map(({ route, reason, problem }) => `// rejected ${route.id}: ${reason.replaceAll("\n", " ")} (${describePlace(problem.place)})\n`).join("");
      send(response, 200, "text/plain; charset=utf-8", `${rejected}${printRoutes(table.routes.routes, { pretty: true })}\n`, {
        "x-bosun-generation": table.generation,
        "x-bosun-routes": String(table.size),
      });
    },
    "/problems": (_url, response) => {
      const body = { generation: tables.current.generation, problems: problems() };
      send(response, 200, "application/json", `${JSON.stringify(body, null, 2)}\n`);
    },
    "/debug/explain": (url, response) => {
      const target = url.searchParams.get("url");
      if (!target) return send(response, 400, "text/plain; charset=utf-8", "explain needs ?url=http://host/path (and &method=, &header=Name:value, &listener=PORT or NS/GATEWAY/NAME)\n");
      const headers: Record<string, string[]> = {};
      for (const header of url.searchParams.getAll("header")) {
        const colon = header.indexOf(":");
        if (colon > 0) (headers[header.slice(0, colon).trim().toLowerCase()] ??= []).push(header.slice(colon + 1).trim());
      }
      const init = { method: url.searchParams.get("method") ?? "GET", url: target, headers };
      const request = tables.current.gatewayListeners.requestOn(init, url.searchParams.get("listener") ?? undefined);
      send(response, 200, "application/json", `${JSON.stringify(explain(tables.current.routes, request, tables.current.rejected), null, 2)}\n`);
    },
  };
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://admin");
    const handler = handlers[url.pathname];
    if (!handler) return send(response, 404, "text/plain; charset=utf-8", "Not Found\n");
    Promise.resolve(handler(url, response)).catch((error: unknown) => send(response, 500, "text/plain; charset=utf-8", `${String(error)}\n`));
  });
}
