import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { SlicedRun } from "@bosun/eskip";
import type { Exchange } from "../exchange.js";
import type { ProxyTable } from "../proxy-table.js";
import type { RequestObserver } from "./request-observer.js";
import { RouteLabels } from "./route-labels.js";
import { SourceMetrics } from "./source-metrics.js";

/**
 * The proxy's Prometheus metrics (prom-client), on a registry of its own: requests by route,
 * backend and status code, latency, backend errors, and the route table's state.
 */
interface RouteSeries {
  readonly route: string;
  readonly duration: { observe(value: number): void };
  readonly byStatus: Map<number, { inc(): void }>;
}

/** Beyond this many route and backend pairs, series are looked up by label each time. */
const seriesCacheLimit = 10_000;

export class ProxyMetrics implements RequestObserver {
  readonly registry = new Registry();
  readonly sources = new SourceMetrics(this.registry);
  private readonly series = new Map<string, RouteSeries>();
  private readonly routeLabels: RouteLabels;
  private readonly requests = new Counter({
    name: "bosun_requests_total",
    help: "Requests answered, by route id, backend and status code",
    labelNames: ["route", "backend", "code"] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: "bosun_request_duration_seconds",
    help: "Time from the request's arrival to the end of its response, by route id",
    labelNames: ["route"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly clientDisconnects = new Counter({
    name: "bosun_client_disconnects_total",
    help: "Requests whose client went away before the response was complete (logged 499), by route",
    labelNames: ["route"] as const,
    registers: [this.registry],
  });
  private readonly backendErrors = new Counter({
    name: "bosun_backend_errors_total",
    help: "Failed backend round trips, by route id, backend and kind (dial, timeout, network, …)",
    labelNames: ["route", "backend", "kind"] as const,
    registers: [this.registry],
  });
  private readonly mirrorCopies = new Counter({
    name: "bosun_mirror_requests_total",
    help: "Request copies (tee, teenf, teeLoopback) sent, by route id and mirror",
    labelNames: ["route", "mirror"] as const,
    registers: [this.registry],
  });
  private readonly mirrorErrors = new Counter({
    name: "bosun_mirror_errors_total",
    help: "Request copies that failed, timed out or were dropped, by route id and mirror",
    labelNames: ["route", "mirror"] as const,
    registers: [this.registry],
  });
  private readonly routes = new Gauge({ name: "bosun_routes", help: "Routes in the table in service", registers: [this.registry] });
  private readonly rejected = new Gauge({ name: "bosun_routes_rejected", help: "Routes of the last update that could not be used", registers: [this.registry] });
  private readonly lastUpdate = new Gauge({
    name: "bosun_routes_last_update_timestamp_seconds",
    help: "When the table in service was built",
    registers: [this.registry],
  });
  private readonly failedUpdates = new Counter({
    name: "bosun_routes_update_failures_total",
    help: "Source updates that were refused (a file that does not parse, a source that fails); the last good routes kept serving",
    registers: [this.registry],
  });
  private readonly emptyFiles = new Gauge({
    name: "bosun_routes_empty_files",
    help: "Routes and manifests files that are empty in the table in service (their routes are not served)",
    registers: [this.registry],
  });
  private readonly buildSeconds = new Histogram({
    name: "bosun_table_build_seconds",
    help: "Time the builds of the tables swapped in held the event loop, pauses left out",
    buckets: [0.001, 0.005, 0.02, 0.1, 0.5, 2, 10],
    registers: [this.registry],
  });
  private readonly compactions = new Counter({
    name: "bosun_table_compactions_total",
    help: "Tables built whole again while idle, from the routes in service, so that later changes stay small layers",
    registers: [this.registry],
  });
  private readonly compactionSeconds = new Counter({
    name: "bosun_table_compaction_seconds_total",
    help: "Time those builds held the event loop, pauses left out",
    registers: [this.registry],
  });
  private readonly longestSlice = new Gauge({
    name: "bosun_table_build_longest_slice_seconds",
    help: "The longest the last table build held the event loop at once: how long requests could wait on it",
    registers: [this.registry],
  });
  private readonly generation = new Gauge({
    name: "bosun_routes_generation_info",
    help: "The content hash of the table in service, as a label",
    labelNames: ["generation"] as const,
    registers: [this.registry],
  });

  constructor(options: { maxRouteLabels: number; defaultMetrics: boolean }) {
    this.routeLabels = new RouteLabels(options.maxRouteLabels);
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: "bosun_" });
  }

  completed(exchange: Exchange): void {
    const seconds = exchange.durationMs / 1000;
    const status = exchange.outgoing.headersSent ? exchange.outgoing.statusCode : 499;
    const series = this.seriesOf(exchange.route?.id, exchange.backendLabel);
    let counter = series.byStatus.get(status);
    if (counter === undefined) {
      counter = this.requests.labels(series.route, exchange.backendLabel, String(status));
      series.byStatus.set(status, counter);
    }
    counter.inc();
    series.duration.observe(seconds);
  }

  /**
   * The labelled series of a route and backend, made once: prom-client hashes the label values
   * on every `labels()` call, which a request should not pay for.
   */
  private seriesOf(routeId: string | undefined, backend: string): RouteSeries {
    const key = routeId === undefined ? `\0${backend}` : `${routeId}\0${backend}`;
    let series = this.series.get(key);
    if (series === undefined) {
      const route = this.routeLabels.of(routeId);
      series = { route, duration: this.duration.labels(route), byStatus: new Map() };
      if (this.series.size < seriesCacheLimit) this.series.set(key, series);
    }
    return series;
  }

  backendError(exchange: Exchange, error: Error): void {
    const kind = (error as { code?: string }).code ?? error.name;
    this.backendErrors.labels(this.routeLabels.of(exchange.route?.id), exchange.backendLabel, kind).inc();
  }

  internalError(): void {}

  clientLeft(exchange: Exchange): void {
    this.clientDisconnects.labels(this.routeLabels.of(exchange.route?.id)).inc();
  }

  mirrorSent(exchange: Exchange, mirror: string): void {
    this.mirrorCopies.labels(this.routeLabels.of(exchange.route?.id), mirror).inc();
  }

  mirrorFailed(exchange: Exchange, mirror: string): void {
    this.mirrorErrors.labels(this.routeLabels.of(exchange.route?.id), mirror).inc();
  }

  tableInService(table: ProxyTable, builtAt: number, build?: SlicedRun): void {
    if (build !== undefined) {
      this.buildSeconds.observe(build.workMs / 1000);
      this.longestSlice.set(build.longestSliceMs / 1000);
    }
    this.routes.set(table.size);
    this.rejected.set(table.rejected.length);
    this.lastUpdate.set(builtAt / 1000);
    this.generation.reset();
    this.generation.labels(table.generation).set(1);
  }

  compacted(build: SlicedRun | undefined): void {
    this.compactions.inc();
    this.compactionSeconds.inc((build?.workMs ?? 0) / 1000);
  }

  emptyRoutesFiles(count: number): void {
    this.emptyFiles.set(count);
  }

  updateFailed(): void {
    this.failedUpdates.inc();
  }
}
