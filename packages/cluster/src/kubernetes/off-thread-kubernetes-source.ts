import type { Worker } from "node:worker_threads";
import type { Problem, RouteSnapshot, RouteSource, SnapshotSink } from "@bosun/eskip";
import type { CompileOptions } from "@bosun/kube";
import type { LeaseName } from "../status/status-lease.js";
import { startBuiltWorker } from "../worker/built-worker.js";
import { RoutesDecoder, type EncodedRoutes } from "../worker/route-chunks.js";
import type { KubeConfigChoice } from "./kube-config.js";

/** What the worker needs to follow the API server: plain data, as it crosses threads. */
export interface KubernetesWorkerOptions {
  readonly choice: KubeConfigChoice | "default";
  readonly compileOptions: CompileOptions;
  readonly namespace?: string;
  /** Write status back (RouteGroups', the Gateway API objects'), under this Lease, as this holder. */
  readonly status?: { readonly lease: LeaseName; readonly identity: string };
}

export type ToKubernetesWorker = { readonly type: "start"; readonly options: KubernetesWorkerOptions } | { readonly type: "refresh" } | { readonly type: "close" };

export type FromKubernetesWorker =
  | { readonly type: "snapshot"; readonly snapshot: Omit<RouteSnapshot, "routes"> & { readonly routes: EncodedRoutes } }
  | { readonly type: "failed" | "status-problems"; readonly problems: readonly Problem[] }
  | { readonly type: "started" | "refreshed" | "closed" }
  | { readonly type: "error"; readonly error: string };

/**
 * The Kubernetes source (kubernetes-source.ts) run in a worker thread: the watches' JSON, the
 * compiling of every object at each change and the status writes all happen there, and the
 * serving thread only decodes the routes of each snapshot, a chunk per turn of its event loop.
 * At 10k RouteGroups the compile alone would hold the serving thread for a long pause each change.
 * A worker that stops is reported as the source's failure, and started again a second later: the
 * last good routes keep serving meanwhile.
 */
export class OffThreadKubernetesSource implements RouteSource {
  readonly mustLoadAtStart = false;
  private worker: Worker | undefined;
  private sink: SnapshotSink | undefined;
  /** Snapshots are decoded one after another, so they reach the sink in the order they came. */
  private delivering: Promise<void> = Promise.resolve();
  private readonly replies = new Map<string, Array<() => void>>();
  private closing = false;
  private restart: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    private readonly options: KubernetesWorkerOptions,
    /** The status writer's problems, each time they change. */
    private readonly statusProblems: (problems: readonly Problem[]) => void = () => {},
  ) {}

  async start(sink: SnapshotSink): Promise<void> {
    this.sink = sink;
    await this.ask({ type: "start", options: this.options }, "started");
    await this.delivering;
  }

  async refresh(): Promise<void> {
    if (this.worker === undefined) return;
    await this.ask({ type: "refresh" }, "refreshed");
    await this.delivering;
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restart);
    const worker = this.worker;
    if (worker === undefined) return;
    // The worker stops its watches and gives its Lease up before it goes.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.ask({ type: "close" }, "closed"), new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
    clearTimeout(timer);
    this.worker = undefined;
    await worker.terminate();
  }

  private ask(message: ToKubernetesWorker, reply: FromKubernetesWorker["type"]): Promise<void> {
    const worker = (this.worker ??= this.started());
    return new Promise((resolve) => {
      this.replies.set(reply, [...(this.replies.get(reply) ?? []), resolve]);
      worker.postMessage(message);
    });
  }

  private started(): Worker {
    const worker = startBuiltWorker("kubernetes/kubernetes-worker.js");
    // The pair of the worker's encoder: each worker has its own.
    const decoder = new RoutesDecoder();
    worker.on("message", (message: FromKubernetesWorker) => this.received(message, decoder));
    worker.on("error", (error) => this.stopped(worker, error.message));
    worker.on("exit", (code) => this.stopped(worker, `exit code ${code}`));
    return worker;
  }

  private received(message: FromKubernetesWorker, decoder: RoutesDecoder): void {
    switch (message.type) {
      case "snapshot": {
        const { snapshot } = message;
        this.delivering = this.delivering.then(async () => this.sink?.snapshot({ ...snapshot, routes: await decoder.decode(snapshot.routes) }));
        return;
      }
      case "failed": {
        const { problems } = message;
        this.delivering = this.delivering.then(() => this.sink?.failed(problems));
        return;
      }
      case "status-problems":
        return this.statusProblems(message.problems);
      case "error":
        return this.failed(`the worker that follows the API server failed: ${message.error}`);
      default:
        for (const resolve of this.replies.get(message.type) ?? []) resolve();
        this.replies.delete(message.type);
    }
  }

  private stopped(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const waiting of this.replies.values()) for (const resolve of waiting) resolve();
    this.replies.clear();
    if (this.closing) return;
    this.failed(`the worker that follows the API server stopped (${why}); starting it again`);
    this.restart = setTimeout(() => void this.ask({ type: "start", options: this.options }, "started"), 1_000);
  }

  private failed(reason: string): void {
    const problem: Problem = { level: "error", place: { kind: "other", what: this.name }, code: "internal", reason };
    this.delivering = this.delivering.then(() => this.sink?.failed([problem]));
  }
}
