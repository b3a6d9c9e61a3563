import { describePlace, describeProblem, runInSlices, runNow, WorkCancelled, type Problem, type RouteSnapshot, type RouteSource, type SlicedRun, type Work } from "@bosun/eskip";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import type { Duplex } from "node:stream";
import type { DestinationStream } from "pino";
import type { FilterRegistry } from "@bosun/filters";
import type { PredicateRegistry } from "@bosun/routing";
import { createAdminServer } from "./admin/admin-server.js";
import type { ForwardingEngine } from "./engines/engine.js";
import { HttpProxyEngine } from "./engines/http-proxy-engine.js";
import { UndiciEngine } from "./engines/undici-engine.js";
import { Mirror } from "./mirror.js";
import { AccessLog } from "./observe/access-log.js";
import { ProxyMetrics } from "./observe/metrics.js";
import { observers } from "./observe/request-observer.js";
import { Proxy } from "./proxy.js";
import { ProxyTable, tableOptions, type ProxyTableOptions } from "./proxy-table.js";
import { ProblemLog, problemEntry, type ProblemLogEntry } from "./sources/problem-log.js";
import { SourceSet } from "./sources/source-set.js";
import { TableHolder } from "./table-holder.js";
import { GatewayListeners, type GatewayBinding } from "./gateway/gateway-listeners.js";
import { TlsOrPlainServer } from "./tls-or-plain-server.js";
import { HostCertificates } from "./host-certificates.js";

export type EngineName = "undici" | "http-proxy-3";
export const engineNames: readonly EngineName[] = ["undici", "http-proxy-3"];

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** A local address serving a Gateway listener port (`--listener [ns/gateway:]PORT=HOST:LOCALPORT`). */
export interface GatewayListenerBinding extends GatewayBinding {
  readonly address: ListenAddress;
}

export interface BosunProxyOptions {
  /** Where the routes come from; their routes are merged into one table (source-set.ts). */
  readonly sources: readonly RouteSource[];
  readonly address: ListenAddress;
  /** Where the ports of Gateway listeners are served; each request there goes to its listener's routes only. */
  readonly gatewayListeners?: readonly GatewayListenerBinding[];
  /** No admin listener when undefined. */
  readonly adminAddress?: ListenAddress;
  readonly engine?: EngineName;
  readonly maxLoopbacks?: number;
  readonly preserveHost?: boolean;
  readonly forwardedHeaders?: boolean;
  readonly forwardUrl?: string;
  readonly connectionsPerOrigin?: number;
  /** How long a backend may take to send its response head, in ms (default 60 s, as Skipper's -response-header-timeout-backend): then 504. */
  readonly responseHeaderTimeoutMs?: number;
  /** How long in-flight requests may take to finish on shutdown. */
  readonly shutdownTimeoutMs?: number;
  /** Where the JSON access log goes; undefined for none. */
  readonly accessLog: DestinationStream | undefined;
  readonly errorLog: DestinationStream;
  readonly predicates?: PredicateRegistry;
  readonly filters?: FilterRegistry;
  readonly now?: () => number;
  readonly random?: () => number;
  /**
   * How long a new table's build may hold the event loop at a time, in ms (default 5): the build
   * runs in slices between which requests are served.
   */
  readonly tableSliceMs?: number;
  /**
   * How long after the last swap of a table with a layer of changes the proxy, if no snapshot
   * came meanwhile, builds that table whole again (default 1,000 ms).
   */
  readonly compactAfterMs?: number;
}

/** Why the routes could not be loaded at start: the proxy does not start without the files it was given. */
export class RoutesLoadError extends Error {
  override readonly name = "RoutesLoadError";
  readonly code = "BOSUN_ROUTES_LOAD";
}

/**
 * `bosun serve`: the proxy listener, the admin listener, and the route sources whose snapshots
 * it merges into the table in service.
 */
export class BosunProxy {
  readonly tables: TableHolder;
  readonly metrics: ProxyMetrics;
  readonly accessLog: AccessLog;
  private readonly tableOptions: ProxyTableOptions;
  private readonly engine: ForwardingEngine;
  private readonly mirror: Mirror;
  /** The proxy's own address: plain HTTP, and TLS with the certificates of Ingresses and RouteGroups when the table has any. */
  private readonly server: TlsOrPlainServer;
  /** The servers of the Gateway listener bindings, in the options' order. */
  private readonly gatewayServers: TlsOrPlainServer[];
  private readonly admin: Server | undefined;
  private readonly tunnels = new Set<Duplex>();
  private readonly now: () => number;
  /** Snapshots that arrived since the table in service was built, for the change-to-serving latency. */
  private unserved: Array<{ source: RouteSource; snapshot: RouteSnapshot }> = [];
  private readonly problemLog: ProblemLog;
  /** The problems of the sources and the rejections of the table last built, for the admin listener. */
  private problems: readonly Problem[] = [];
  private compactTimer: NodeJS.Timeout | undefined;
  private pendingSwap: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly options: BosunProxyOptions,
    private readonly sources: SourceSet,
    tableOptions: ProxyTableOptions,
    metrics: ProxyMetrics,
    accessLog: AccessLog,
  ) {
    this.now = options.now ?? Date.now;
    this.tableOptions = tableOptions;
    this.metrics = metrics;
    this.accessLog = accessLog;
    this.problemLog = new ProblemLog(accessLog.errors);
    this.tables = new TableHolder(runNow(this.tableWork(this.takeUnserved(), undefined)), this.now());
    metrics.tableInService(this.tables.current, this.now());
    const connectionsPerOrigin = options.connectionsPerOrigin ?? 128;
    const responseHeaderTimeoutMs = options.responseHeaderTimeoutMs ?? 60_000;
    const httpProxy = new HttpProxyEngine({ connectionsPerOrigin, responseHeaderTimeoutMs });
    this.engine = options.engine === "http-proxy-3" ? httpProxy : new UndiciEngine({ connectionsPerOrigin, upgrades: httpProxy, responseHeaderTimeoutMs });
    this.mirror = new Mirror({
      timeoutMs: 30_000,
      maxLagBytes: 4 * 1024 * 1024,
      selfOrigin: () => this.origin,
      onSent: (exchange, origin) => metrics.mirrorSent(exchange, origin),
      onError: (exchange, origin, error) => {
        metrics.mirrorFailed(exchange, origin);
        accessLog.errors.debug({ err: error, mirror: origin }, "mirror copy failed");
      },
    });
    const proxyOptions = {
      tables: this.tables,
      engine: this.engine,
      mirror: this.mirror,
      observer: observers(metrics, accessLog),
      maxLoopbacks: options.maxLoopbacks ?? 9,
      preserveHost: options.preserveHost ?? false,
      forwardedHeaders: options.forwardedHeaders ?? true,
      tls: false,
    };
    this.server = new TlsOrPlainServer(() => this.tables.current.hostCertificates, (server, tls) => this.serve(server, new Proxy({ ...proxyOptions, tls })));
    this.gatewayServers = (options.gatewayListeners ?? []).map(({ port, gateway }) => {
      const binding = { port, gateway };
      return new TlsOrPlainServer(() => this.tables.current.gatewayListeners.certificatesFor(binding), (server, tls) => this.serve(server, new Proxy({ ...proxyOptions, tls, gateway: binding })));
    });
    this.admin = options.adminAddress ? createAdminServer({ tables: this.tables, metrics, unsynced: () => this.sources.unsynced.map((source) => source.name), problems: () => this.problems, draining: () => this.closed }) : undefined;
  }

  /** The server with the proxy's handlers. */
  private serve<S extends Server>(server: S, proxy: Proxy): S {
    server.on("request", proxy.handle);
    server.on("upgrade", (incoming, socket: Duplex, head: Buffer) => {
      // Tunnels leave the HTTP server's books: shutdown must find them to close them.
      this.tunnels.add(socket);
      socket.once("close", () => this.tunnels.delete(socket));
      proxy.handleUpgrade(incoming, socket, head);
    });
    server.on("clientError", (_error, socket) => {
      if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      else socket.destroy();
    });
    return server;
  }

  /**
   * Starts the sources and builds the first table from what they delivered. Throws
   * RoutesLoadError when a source that must load at start (files the operator named) did not.
   */
  static async create(options: BosunProxyOptions): Promise<BosunProxy> {
    const buildOptions = tableOptions({
      ...(options.predicates ? { predicates: options.predicates } : {}),
      ...(options.filters ? { filters: options.filters } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.random ? { random: options.random } : {}),
      forwardUrl: options.forwardUrl,
    });
    const metrics = new ProxyMetrics({ maxRouteLabels: 2_000, defaultMetrics: true });
    const accessLog = new AccessLog({ access: options.accessLog, errors: options.errorLog });
    const sources = new SourceSet(options.sources);
    // Snapshots that come before the proxy exists are kept in the set; the first table reads them.
    let proxy: BosunProxy | undefined;
    const now = options.now ?? Date.now;
    for (const source of options.sources) metrics.sources.declare(source.name);
    const notLoaded = await sources.start({
      snapshot(source, snapshot) {
        metrics.sources.snapshot(source.name, snapshot, now());
        proxy?.snapshotArrived(source, snapshot);
      },
      failed(source, problems) {
        metrics.sources.failed(source.name);
        metrics.updateFailed();
        const fields = { source: source.name, problems: problems.map(describeProblem) };
        // At start a source that must load fails the start with these problems; one that waits for a server keeps trying.
        if (proxy !== undefined) accessLog.errors.error(fields, "routes not updated: the last good table keeps serving");
        else if (!source.mustLoadAtStart) accessLog.errors.error(fields, "no routes from this source yet: it keeps trying, and /healthz says not ready");
      },
    });
    if (notLoaded.length > 0) throw new RoutesLoadError(notLoaded.map(describeProblem).join("\n"));
    proxy = new BosunProxy(options, sources, buildOptions, metrics, accessLog);
    return proxy;
  }

  /** The proxy listener's origin once listening, as teeLoopback copies need it. */
  get origin(): string | undefined {
    const address = this.server.address() as AddressInfo | null;
    return address ? `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}` : undefined;
  }

  /** Binds every listener; the admin listener last, so that /healthz answers only once the others are bound. */
  async listen(): Promise<{ proxy: AddressInfo; gateways: AddressInfo[]; admin: AddressInfo | undefined }> {
    await this.server.listen(this.options.address.host, this.options.address.port);
    const bindings = this.options.gatewayListeners ?? [];
    for (const [i, server] of this.gatewayServers.entries()) await server.listen(bindings[i]!.address.host, bindings[i]!.address.port);
    if (this.admin && this.options.adminAddress) {
      this.admin.listen(this.options.adminAddress.port, this.options.adminAddress.host);
      await once(this.admin, "listening");
    }
    const gateways = this.gatewayServers.map((server) => server.address() as AddressInfo);
    return { proxy: this.server.address() as AddressInfo, gateways, admin: this.admin?.address() as AddressInfo | undefined };
  }

  /**
   * Has every source read again now and swaps in what changed; resolves whether every source's
   * last attempt gave a snapshot (false while one keeps its last good routes after a failure).
   */
  async reload(): Promise<boolean> {
    await Promise.all(this.sources.states.map((state) => state.source.refresh()));
    await this.pendingSwap;
    return this.sources.allGood;
  }

  /**
   * Snapshots that come together (a burst of events, several sources at once) make one swap;
   * those that come while a table is being built make the next one, once it is in service.
   */
  private snapshotArrived(source: RouteSource, snapshot: RouteSnapshot): void {
    this.unserved.push({ source, snapshot });
    this.pendingSwap ??= this.swapWhileChanged().finally(() => {
      this.pendingSwap = undefined;
    });
  }

  private async swapWhileChanged(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (!this.closed && this.unserved.length > 0) {
      try {
        await this.swapIn();
      } catch (error) {
        if (error instanceof WorkCancelled) return;
        // A bug in a build must not take the proxy down: the last table keeps serving.
        this.metrics.updateFailed();
        this.accessLog.errors.error({ err: error }, "routes not updated: building the table failed; the last good table keeps serving");
      }
    }
  }

  /** Builds the table of the sources' routes in slices, leaving the event loop to requests in between, and swaps it in. */
  private async swapIn(): Promise<void> {
    let run: SlicedRun | undefined;
    const table = await runInSlices(this.tableWork(this.takeUnserved(), this.tables.current), {
      budgetMs: this.options.tableSliceMs ?? 5,
      cancelled: () => this.closed,
      report: (done) => (run = done),
    });
    const now = this.now();
    this.tables.swap(table, now);
    this.metrics.tableInService(table, now, run);
    if (table.layered) this.compactLater();
    this.accessLog.errors.info({ routes: table.size, rejected: table.rejected.length, generation: table.generation, buildMs: Math.round(run?.workMs ?? 0), slices: run?.slices, longestSliceMs: Math.round(run?.longestSliceMs ?? 0) }, "routes updated");
  }

  /**
   * A change is built as a layer over the last table built whole, and the layer holds every route
   * changed since; once it passes its limit, the change that passes it pays for a whole build
   * (150–250 ms of event loop at 10k routes). So once the proxy has been idle for a while after a
   * change, it builds the table whole itself, in slices, and gives way to any snapshot that comes.
   */
  private compactLater(): void {
    clearTimeout(this.compactTimer);
    this.compactTimer = setTimeout(() => {
      this.compactTimer = undefined;
      if (this.closed || !this.tables.current.layered) return;
      if (this.pendingSwap !== undefined) return this.compactLater();
      this.pendingSwap = this.compact().finally(() => {
        this.pendingSwap = undefined;
      });
    }, this.options.compactAfterMs ?? 1_000);
    this.compactTimer.unref();
  }

  private async compact(): Promise<void> {
    const current = this.tables.current;
    try {
      let run: SlicedRun | undefined;
      const table = await runInSlices(current.compacting(), {
        budgetMs: this.options.tableSliceMs ?? 5,
        cancelled: () => this.closed || this.unserved.length > 0,
        report: (done) => (run = done),
      });
      // The same routes and generation: not an update of the routes.
      this.tables.swap(table, this.tables.lastUpdate);
      this.metrics.compacted(run);
    } catch (error) {
      if (!(error instanceof WorkCancelled)) this.accessLog.errors.error({ err: error }, "building the table whole again failed; the table in service keeps serving");
    }
    // Snapshots that came meanwhile were left for this.
    if (this.unserved.length > 0) await this.swapWhileChanged();
  }

  private takeUnserved(): Array<{ source: RouteSource; snapshot: RouteSnapshot }> {
    const taken = this.unserved;
    this.unserved = [];
    return taken;
  }

  /** The table of the sources' merged routes, with the problems that are new since the last one logged. */
  /** `previous` is the table in service, whose unchanged routes are reused; the first table has none. */
  private *tableWork(serving: ReadonlyArray<{ source: RouteSource; snapshot: RouteSnapshot }>, previous: ProxyTable | undefined): Work<ProxyTable> {
    const merged = this.sources.merged();
    const table = yield* ProxyTable.building(merged.routes, this.tableOptions, previous, merged.generation);
    table.gatewayListeners = new GatewayListeners(merged.gatewayListeners, previous?.gatewayListeners);
    table.hostCertificates = merged.certificates.length === 0 ? HostCertificates.none : new HostCertificates(merged.certificates, previous?.hostCertificates);
    const now = this.now();
    for (const { source, snapshot } of serving) this.metrics.sources.served(source.name, snapshot, now);
    this.reportProblems([...merged.problems, ...this.unboundListeners(table.gatewayListeners), ...unusableCertificates(table.gatewayListeners), ...unusableHostCertificates(table.hostCertificates)], table);
    this.metrics.emptyRoutesFiles(merged.problems.filter((problem) => problem.code === "empty_file").length);
    return table;
  }

  /** A Gateway listener whose port no `--listener` binds serves nobody: said once per table, as a warning. */
  private unboundListeners(listeners: GatewayListeners): Problem[] {
    return listeners.unbound(this.options.gatewayListeners ?? []).map((spec) => ({
      level: "warning",
      place: { kind: "other", what: `Gateway listener ${spec.key}` },
      code: "unbound_listener",
      reason: `port ${spec.port} of Gateway ${spec.gateway} is not served here: bind it with --listener ${spec.port}=HOST:PORT or --listener ${spec.gateway}:${spec.port}=HOST:PORT`,
    }));
  }

  private reportProblems(problems: readonly Problem[], table: ProxyTable): void {
    const rejections = table.rejected.map(({ route, reason, problem }): ProblemLogEntry => ({
      key: problem.message,
      level: "error",
      fields: { route: route.id, code: problem.code, where: describePlace(problem.place), reason },
      message: problem.message,
    }));
    this.problemLog.report([...problems.map(problemEntry), ...rejections]);
    this.problems = [...problems, ...table.rejected.map((rejection) => rejection.problem)];
  }

  /**
   * Graceful shutdown: stop accepting, let requests in flight finish within the bound, then cut
   * what is left and close the backend pools.
   */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.compactTimer);
    await this.sources.close();
    const servers = [this.server, ...this.gatewayServers];
    const closed = Promise.all(servers.map((server) => server.close()));
    for (const server of servers) server.closeIdleConnections();
    const timeout = setTimeout(() => {
      for (const server of servers) server.closeAllConnections();
      for (const tunnel of this.tunnels) tunnel.destroy();
    }, this.options.shutdownTimeoutMs ?? 10_000);
    await closed;
    clearTimeout(timeout);
    const adminClosed = this.admin ? new Promise<void>((resolve) => this.admin!.close(() => resolve())) : undefined;
    this.admin?.closeAllConnections();
    await Promise.all([this.engine.close(), this.mirror.close(), adminClosed]);
  }
}

/** Certificates the compiler read that node:tls refused: their listener's handshakes fail. */
function unusableCertificates(listeners: GatewayListeners): Problem[] {
  return listeners.unusableCertificates.map(({ spec, error }) => ({
    level: "error",
    place: { kind: "other", what: `Gateway listener ${spec.key}` },
    code: "unusable_certificate",
    reason: `the listener's certificates cannot be served: ${error}`,
  }));
}

/** Certificates of Ingresses or RouteGroups that node:tls refused: handshakes for their hosts get another. */
function unusableHostCertificates(certificates: HostCertificates): Problem[] {
  return certificates.unusable.map(({ hosts, error }) => ({
    level: "error",
    place: { kind: "other", what: `certificate of ${hosts.join(", ")}` },
    code: "unusable_certificate",
    reason: `the certificate cannot be served: ${error}`,
  }));
}
