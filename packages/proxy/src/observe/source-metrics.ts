import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { RouteSnapshot } from "@bosun/eskip";

/** Per route source (its name is the label): sync state, size, and how long a change takes to serve. */
export class SourceMetrics {
  private readonly synced: Gauge<"source">;
  private readonly lastSync: Gauge<"source">;
  private readonly objects: Gauge<"source">;
  private readonly invalid: Gauge<"source">;
  private readonly failures: Counter<"source">;
  private readonly changeToServing: Histogram<"source">;

  constructor(registry: Registry) {
    const registers = [registry];
    const labelNames = ["source"] as const;
    this.synced = new Gauge({ name: "bosun_source_synced", help: "1 once the source has delivered its first snapshot", labelNames, registers });
    this.lastSync = new Gauge({ name: "bosun_source_last_sync_timestamp_seconds", help: "When the source last delivered a snapshot", labelNames, registers });
    this.objects = new Gauge({ name: "bosun_source_objects", help: "Objects (or routes of eskip files) in the source's last snapshot", labelNames, registers });
    this.invalid = new Gauge({ name: "bosun_source_invalid_objects", help: "Objects (or routes) of the last snapshot left out as invalid", labelNames, registers });
    this.failures = new Counter({ name: "bosun_source_failures_total", help: "Attempts of the source that gave no snapshot; its last good one kept serving", labelNames, registers });
    this.changeToServing = new Histogram({
      name: "bosun_source_change_to_serving_seconds",
      help: "From the source learning of a change to the table that serves it",
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
  }

  declare(source: string): void {
    this.synced.labels(source).set(0);
    this.failures.labels(source).inc(0);
  }

  snapshot(source: string, snapshot: RouteSnapshot, at: number): void {
    this.synced.labels(source).set(1);
    this.lastSync.labels(source).set(at / 1000);
    this.objects.labels(source).set(snapshot.inputs.total);
    this.invalid.labels(source).set(snapshot.inputs.invalid);
  }

  failed(source: string): void {
    this.failures.labels(source).inc();
  }

  served(source: string, snapshot: RouteSnapshot, at: number): void {
    this.changeToServing.labels(source).observe(Math.max(0, at - snapshot.changedAt) / 1000);
  }
}
