import { parentPort } from "node:worker_threads";
import type { Problem, RouteSnapshot } from "@bosun/eskip";
import { StatusWriter } from "../status/status-writer.js";
import { RoutesEncoder } from "../worker/route-chunks.js";
import { kubeConfigFor } from "./kube-config.js";
import { KubernetesSource } from "./kubernetes-source.js";
import type { FromKubernetesWorker, ToKubernetesWorker } from "./off-thread-kubernetes-source.js";

/**
 * The worker of off-thread-kubernetes-source.ts: the Kubernetes source whole (informers, the
 * compilers, the status writer), away from the thread that serves; snapshots go back with their
 * routes encoded (route-chunks.ts).
 */
let source: KubernetesSource | undefined;
const routes = new RoutesEncoder();
const post = (message: FromKubernetesWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

parentPort!.on("message", (message: ToKubernetesWorker) => {
  void handle(message).catch((error: unknown) => post({ type: "error", error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});

async function handle(message: ToKubernetesWorker): Promise<void> {
  if (message.type === "start") {
    const { choice, status, ...options } = message.options;
    const config = kubeConfigFor(choice);
    const writer = status === undefined ? undefined : new StatusWriter({ config, ...status, problems: (problems: readonly Problem[]) => post({ type: "status-problems", problems }) });
    source = new KubernetesSource({ ...options, config, ...(writer ? { status: writer } : {}) });
    await source.start({
      snapshot(snapshot: RouteSnapshot) {
        const { encoded, transfer } = routes.encode(snapshot.routes);
        post({ type: "snapshot", snapshot: { ...snapshot, routes: encoded } }, transfer);
      },
      failed: (problems) => post({ type: "failed", problems }),
    });
    return post({ type: "started" });
  }
  if (message.type === "refresh") {
    await source?.refresh();
    return post({ type: "refreshed" });
  }
  await source?.close();
  post({ type: "closed" });
}
