import { routesGeneration, type Problem, type RouteSource, type SnapshotSink } from "@bosun/eskip";
import { routeGroupClassServed, RouteGroupMemo, type CompileOptions } from "@bosun/kube";
import type { KubeConfig } from "@kubernetes/client-node";
import { compileObjects } from "../objects/compile-objects.js";
import { gatewayApiWanted } from "../status/gateway-api-status.js";
import { routeGroupsWanted } from "../status/routegroup-status.js";
import type { StatusWriter } from "../status/status-writer.js";
import { KindWatch, type KindWatchTiming } from "./kind-watch.js";
import { watchedKinds } from "./watched-kinds.js";

export interface KubernetesSourceOptions {
  /** Where the API is and how to reach it: a kubeconfig, the in-cluster configuration, or a URL. */
  readonly config: KubeConfig;
  readonly compileOptions: CompileOptions;
  /** Watch one namespace only; every namespace when undefined. */
  readonly namespace?: string;
  /** A change makes a snapshot once no other has come for this long… */
  readonly quietMs?: number;
  /** …or this long after the first change of a burst, whichever is first. */
  readonly maxDelayMs?: number;
  /** How long start() waits for the first sync before the proxy starts anyway (not ready). */
  readonly startWaitMs?: number;
  readonly timing?: Partial<KindWatchTiming>;
  readonly now?: () => number;
  /** Writes the status of each RouteGroup and Gateway API object back, from what every snapshot made of it. */
  readonly status?: StatusWriter;
}

const defaultTiming: KindWatchTiming = { requestTimeoutMs: 30_000, backoffBaseMs: 500, backoffMaxMs: 30_000, missingRetryMs: 5_000, random: Math.random };

/**
 * `--kubernetes` / `--kubeconfig`: the cluster's objects, followed through the API server with
 * @kubernetes/client-node informers (kind-watch.ts), compiled as the manifests source compiles
 * files. Bursts of changes are debounced into one snapshot; no snapshot is made before every kind
 * has been listed once, so the proxy is not ready until then. When the API fails, the objects
 * last seen keep serving and the failure is reported; the next good list makes a snapshot again.
 */
export class KubernetesSource implements RouteSource {
  readonly mustLoadAtStart = false;
  readonly name: string;
  private readonly watches: KindWatch[];
  private sink: SnapshotSink | undefined;
  private timer: NodeJS.Timeout | undefined;
  private burstStartedAt: number | undefined;
  private readonly now: () => number;
  /** The informer keeps unchanged objects as they were, so each change compiles only the RouteGroups it touched. */
  private readonly memo = new RouteGroupMemo();

  constructor(private readonly options: KubernetesSourceOptions) {
    this.now = options.now ?? Date.now;
    this.name = kubernetesSourceName(options.config, options.namespace);
    const timing = { ...defaultTiming, ...options.timing };
    const events = { changed: () => this.changed(), failed: (problem: Problem) => this.sink?.failed([problem]) };
    this.watches = watchedKinds(options.compileOptions).map((watched) => new KindWatch(options.config, watched, options.namespace, timing, events));
  }

  async start(sink: SnapshotSink): Promise<void> {
    this.sink = sink;
    this.options.status?.start();
    for (const watch of this.watches) watch.start();
    const deadline = this.now() + (this.options.startWaitMs ?? 5_000);
    while (this.now() < deadline && !this.watches.every((watch) => watch.attempted)) await new Promise((resolve) => setTimeout(resolve, 10));
    if (this.watches.every((watch) => watch.synced)) this.deliver();
  }

  async refresh(): Promise<void> {
    if (this.timer !== undefined) this.deliver();
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all(this.watches.map((watch) => watch.stop()));
    await this.options.status?.close();
  }

  private changed(): void {
    const now = this.now();
    this.burstStartedAt ??= now;
    clearTimeout(this.timer);
    const quiet = this.options.quietMs ?? 100;
    const wait = Math.min(quiet, this.burstStartedAt + (this.options.maxDelayMs ?? 1_000) - now);
    this.timer = setTimeout(() => this.deliver(), Math.max(0, wait));
  }

  private deliver(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sink === undefined || !this.watches.every((watch) => watch.synced)) return;
    const changedAt = this.burstStartedAt ?? this.now();
    this.burstStartedAt = undefined;
    const objects = this.watches.flatMap((watch) => watch.objects());
    const compiled = compileObjects(objects, this.options.compileOptions, this.memo);
    const missing = this.watches.flatMap((watch) => (watch.missing ? [watch.missing] : []));
    const { routes, inputs, gatewayListeners, certificates } = compiled;
    this.sink.snapshot({ routes, inputs, gatewayListeners, ...(certificates.length > 0 && { certificates }), problems: [...missing, ...compiled.problems], generation: routesGeneration(routes), changedAt });
    if (this.options.status !== undefined) {
      const served = routeGroupClassServed(this.options.compileOptions);
      const routeGroups = objects.filter((object) => object.kind === "RouteGroup" && served(object));
      this.options.status.report([...routeGroupsWanted(routeGroups, compiled.problems, routes), ...gatewayApiWanted(compiled.statuses, this.options.compileOptions.gatewayControllerName)]);
    }
  }
}

/** `kubernetes https://10.0.0.1:443 namespace shop`: for logs, metrics and /healthz. */
export function kubernetesSourceName(config: KubeConfig, namespace: string | undefined): string {
  return `kubernetes ${config.getCurrentCluster()?.server ?? "(no cluster)"}${namespace ? ` namespace ${namespace}` : ""}`;
}
