import { describeOrigin } from "@bosun/eskip";
import { createServer, type Server } from "node:http";
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
import { parseRoutesFiles, readRoutesFiles, watchFiles, type FileRead, type RoutesLoad } from "./reload/routes-files.js";
import { defaultSettleOptions, readSettled, type SettleOptions } from "./reload/settled-read.js";
import { TableHolder } from "./table-holder.js";

export type EngineName = "undici" | "http-proxy-3";
export const engineNames: readonly EngineName[] = ["undici", "http-proxy-3"];

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

export interface BosunProxyOptions {
  readonly routesFiles: readonly string[];
  readonly address: ListenAddress;
  /** No admin listener when undefined. */
  readonly adminAddress?: ListenAddress;
  readonly engine?: EngineName;
  readonly maxLoopbacks?: number;
  readonly preserveHost?: boolean;
  readonly forwardedHeaders?: boolean;
  readonly forwardUrl?: string;
  readonly connectionsPerOrigin?: number;
  /** How long in-flight requests may take to finish on shutdown. */
  readonly shutdownTimeoutMs?: number;
  /** Watch the routes files and reload on change. Default true. */
  readonly watch?: boolean;
  /** How a watched change settles before it is read (settled-read.ts). */
  readonly settle?: Partial<SettleOptions>;
  /** Where the JSON access log goes; undefined for none. */
  readonly accessLog: DestinationStream | undefined;
  readonly errorLog: DestinationStream;
  readonly predicates?: PredicateRegistry;
  readonly filters?: FilterRegistry;
  readonly now?: () => number;
  readonly random?: () => number;
}

/** Why the routes could not be loaded at start: the proxy does not start on nothing. */
export class RoutesLoadError extends Error {
  override readonly name = "RoutesLoadError";
  readonly code = "BOSUN_ROUTES_LOAD";
}

/**
 * `bosun serve`: the proxy listener, the admin listener, the routes files and their reloads.
 */
export class BosunProxy {
  readonly tables: TableHolder;
  readonly metrics: ProxyMetrics;
  readonly accessLog: AccessLog;
  private readonly tableOptions: ProxyTableOptions;
  private readonly engine: ForwardingEngine;
  private readonly mirror: Mirror;
  private readonly server: Server;
  private readonly admin: Server | undefined;
  private watcher: { close(): void } | undefined;
  private readonly tunnels = new Set<Duplex>();
  private lastText = "";
  /** The files that were empty in the table in service. */
  private emptyFiles: ReadonlySet<string> = new Set();
  private reloading: Promise<boolean> = Promise.resolve(true);

  private constructor(
    private readonly options: BosunProxyOptions,
    initial: { table: ProxyTable; text: string },
    tableOptions: ProxyTableOptions,
    metrics: ProxyMetrics,
    accessLog: AccessLog,
  ) {
    const now = options.now ?? Date.now;
    this.tableOptions = tableOptions;
    this.metrics = metrics;
    this.accessLog = accessLog;
    this.tables = new TableHolder(initial.table, now());
    this.lastText = initial.text;
    metrics.tableInService(initial.table, now());
    const connectionsPerOrigin = options.connectionsPerOrigin ?? 128;
    const httpProxy = new HttpProxyEngine({ connectionsPerOrigin });
    this.engine = options.engine === "http-proxy-3" ? httpProxy : new UndiciEngine({ connectionsPerOrigin, upgrades: httpProxy });
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
    const proxy = new Proxy({
      tables: this.tables,
      engine: this.engine,
      mirror: this.mirror,
      observer: observers(metrics, accessLog),
      maxLoopbacks: options.maxLoopbacks ?? 9,
      preserveHost: options.preserveHost ?? false,
      forwardedHeaders: options.forwardedHeaders ?? true,
      tls: false,
    });
    this.server = createServer({ keepAliveTimeout: 60_000 }, proxy.handle);
    this.server.on("upgrade", (incoming, socket: Duplex, head: Buffer) => {
      // Tunnels leave the HTTP server's books: shutdown must find them to close them.
      this.tunnels.add(socket);
      socket.once("close", () => this.tunnels.delete(socket));
      proxy.handleUpgrade(incoming, socket, head);
    });
    this.server.on("clientError", (_error, socket) => {
      if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      else socket.destroy();
    });
    this.admin = options.adminAddress ? createAdminServer(this.tables, metrics) : undefined;
  }

  /** Loads the routes files and builds the first table; throws RoutesLoadError when they do not load. */
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
    const load = parseRoutesFiles(await readRoutesFiles(options.routesFiles));
    if (!load.ok) throw new RoutesLoadError(load.problems.join("\n"));
    const table = ProxyTable.build(load.routes, buildOptions);
    const proxy = new BosunProxy(options, { table, text: load.text }, buildOptions, metrics, accessLog);
    proxy.reportRouteProblems(load.routeProblems, table);
    proxy.noteEmptyFiles(load);
    return proxy;
  }

  /** The proxy listener's origin once listening, as teeLoopback copies need it. */
  get origin(): string | undefined {
    const address = this.server.address() as AddressInfo | null;
    return address ? `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}` : undefined;
  }

  async listen(): Promise<{ proxy: AddressInfo; admin: AddressInfo | undefined }> {
    this.server.listen(this.options.address.port, this.options.address.host);
    await once(this.server, "listening");
    if (this.admin && this.options.adminAddress) {
      this.admin.listen(this.options.adminAddress.port, this.options.adminAddress.host);
      await once(this.admin, "listening");
    }
    if (this.options.watch ?? true) this.watcher = watchFiles(this.options.routesFiles, () => void this.reloadSettled());
    return { proxy: this.server.address() as AddressInfo, admin: this.admin?.address() as AddressInfo | undefined };
  }

  /**
   * Reads the files again and swaps in the new table; resolves false, keeping the table in
   * service, when they do not load. Reloads run one after another.
   */
  reload(): Promise<boolean> {
    return this.enqueue(() => readRoutesFiles(this.options.routesFiles));
  }

  /** A reload for a change the watcher saw: the files are read once they have settled. */
  private reloadSettled(): Promise<boolean> {
    const settle = { ...defaultSettleOptions, ...this.options.settle };
    return this.enqueue(() => readSettled(this.options.routesFiles, (file) => this.emptyFiles.has(file), settle));
  }

  private enqueue(read: () => Promise<FileRead[] | undefined>): Promise<boolean> {
    this.reloading = this.reloading.then(async () => {
      const reads = await read();
      // Files that kept changing: their next change, which the watcher will see, tries again.
      return reads === undefined ? true : this.swapIn(parseRoutesFiles(reads));
    });
    return this.reloading;
  }

  private swapIn(load: RoutesLoad): boolean {
    if (!load.ok) {
      this.metrics.updateFailed();
      this.accessLog.errors.error({ problems: load.problems }, "routes not updated: the last good table keeps serving");
      return false;
    }
    if (load.text === this.lastText) return true;
    const table = ProxyTable.build(load.routes, this.tableOptions);
    const now = (this.options.now ?? Date.now)();
    this.tables.swap(table, now);
    this.lastText = load.text;
    this.metrics.tableInService(table, now);
    this.reportRouteProblems(load.routeProblems, table);
    this.noteEmptyFiles(load);
    this.accessLog.errors.info({ routes: table.size, rejected: table.rejected.length, generation: table.generation }, "routes updated");
    return true;
  }

  /** An empty routes file serves nothing: never without a word on stderr and in the metrics. */
  private noteEmptyFiles(load: RoutesLoad & { ok: true }): void {
    for (const file of load.emptyFiles) {
      if (!this.emptyFiles.has(file)) this.accessLog.errors.warn({ file }, `routes file ${file} is empty: none of its routes are served`);
    }
    this.emptyFiles = new Set(load.emptyFiles);
    this.metrics.emptyRoutesFiles(load.emptyFiles.length);
  }

  private reportRouteProblems(parseProblems: readonly string[], table: ProxyTable): void {
    for (const problem of parseProblems) this.accessLog.errors.error({ problem }, "route left out");
    for (const { route, reason } of table.rejected) {
      const origin = route.origin;
      const where = origin ? describeOrigin(origin) : "";
      this.accessLog.errors.error({ route: route.id, where, reason }, `failed to process route ${route.id}: ${reason}`);
    }
  }

  /**
   * Graceful shutdown: stop accepting, let requests in flight finish within the bound, then cut
   * what is left and close the backend pools.
   */
  async close(): Promise<void> {
    this.watcher?.close();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const timeout = setTimeout(() => {
      this.server.closeAllConnections();
      for (const tunnel of this.tunnels) tunnel.destroy();
    }, this.options.shutdownTimeoutMs ?? 10_000);
    await closed;
    clearTimeout(timeout);
    const adminClosed = this.admin ? new Promise<void>((resolve) => this.admin!.close(() => resolve())) : undefined;
    this.admin?.closeAllConnections();
    await Promise.all([this.engine.close(), this.mirror.close(), adminClosed]);
  }
}
