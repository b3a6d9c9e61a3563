import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { send } from "../../e2e/support/client.ts";
import { metric } from "../../e2e/support/metrics.ts";
import type { TestApiServer } from "../../k8s-api/server.ts";
import { until, type BosunProcess } from "./bosun-process.ts";
import { routeGroupOf, type BenchGroup } from "./cluster.ts";

/**
 * Change-to-serving in `bench:kubernetes`: one RouteGroup changed at a time through the API
 * server, timed until the proxy's answers on its path carry the change; meanwhile a steady client
 * on a route that does not change records how long serving stalls while tables are rebuilt.
 */

export interface ChangeFigures {
  /** Milliseconds from each change written to the API server until the proxy served it, in order. */
  readonly servedMs: readonly number[];
  /** The proxy's own view over the same changes: bosun_source_change_to_serving_seconds. */
  readonly histogram: { readonly count: number; readonly meanMs: number };
  /**
   * The event-loop time of the swaps over the same changes: bosun_table_build_seconds, the summed
   * slices of each build (decoding a change of one object is one chunk of a few routes).
   */
  readonly builds: { readonly count: number; readonly meanMs: number; readonly within5Ms: number; readonly within20Ms: number };
  readonly steady: SteadyFigures;
}

export interface SteadyFigures {
  readonly requests: number;
  readonly failed: number;
  readonly p99Ms: number;
  readonly worstMs: number;
}

/** Nearest rank: the smallest value that at least `p` of the values do not exceed. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** A request every `everyMs` to `url`, one at a time, each bounded, until stopped. */
function steadyClient(url: string, everyMs: number): { stop(): Promise<SteadyFigures> } {
  let running = true;
  let failed = 0;
  const latencies: number[] = [];
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const status = await send(url, { timeoutMs: 10_000 }).then(
        (response) => response.status,
        () => 0,
      );
      latencies.push(performance.now() - started);
      if (status < 200 || status > 299) failed++;
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { requests: latencies.length, failed, p99Ms: percentile(latencies, 0.99), worstMs: Math.max(...latencies) };
    },
  };
}

/** The histogram's count and sum for the Kubernetes source of `apiUrl`. */
async function changeHistogram(bosun: BosunProcess, apiUrl: string): Promise<{ count: number; sum: number; builds: number; buildSum: number; builds5: number; builds20: number }> {
  const text = await bosun.metrics();
  const labels = `source="kubernetes ${apiUrl}"`;
  // No series until a change was served: the first sync's table is built before the proxy exists.
  const read = (name: string, withLabels?: string) => metric(text, name, withLabels) || 0;
  return {
    count: read("bosun_source_change_to_serving_seconds_count", labels),
    sum: read("bosun_source_change_to_serving_seconds_sum", labels),
    builds: read("bosun_table_build_seconds_count"),
    buildSum: read("bosun_table_build_seconds_sum"),
    builds5: read("bosun_table_build_seconds_bucket", 'le="0.005"'),
    builds20: read("bosun_table_build_seconds_bucket", 'le="0.02"'),
  };
}

/** Writes change `generation` of `group` and polls its path every 5 ms (at most 10 s) until the answer shows it. */
async function changeOnce(api: TestApiServer, bosun: BosunProcess, group: BenchGroup, generation: number): Promise<number> {
  const started = performance.now();
  api.apply(routeGroupOf(group, generation));
  await until(`change ${generation} of ${group.namespace}/${group.name} served`, 10_000, 5, async () => {
    const response = await send(`${bosun.proxy}${group.path}`, { timeoutMs: 2_000 });
    return response.headers["x-gen"] === String(generation) ? true : undefined;
  });
  return performance.now() - started;
}

/**
 * `changes` changes, one after another, each to another RouteGroup than the last of `groups`,
 * which the steady client asks for throughout.
 */
export async function measureChanges(api: TestApiServer, bosun: BosunProcess, groups: readonly BenchGroup[], changes: number, gapMs = 0): Promise<ChangeFigures> {
  const unchanged = groups.at(-1)!;
  const before = await changeHistogram(bosun, api.url);
  const steady = steadyClient(`${bosun.proxy}${unchanged.path}`, 10);
  const servedMs: number[] = [];
  try {
    for (let k = 1; k <= changes; k++) {
      // A prime stride: the changes spread over the namespaces, and no group is changed twice while k < N − 1 (7919 does not divide N − 1 for either default size).
      const group = groups[(k * 7919) % (groups.length - 1)]!;
      servedMs.push(await changeOnce(api, bosun, group, k));
      // Time between changes, as a cluster has it, in which the proxy can build its table whole again.
      if (gapMs > 0) await sleep(gapMs);
    }
  } catch (error) {
    await steady.stop();
    throw error;
  }
  const steadyFigures = await steady.stop();
  const after = await changeHistogram(bosun, api.url);
  const count = after.count - before.count;
  const builds = after.builds - before.builds;
  return {
    servedMs,
    histogram: { count, meanMs: count > 0 ? ((after.sum - before.sum) / count) * 1000 : NaN },
    builds: {
      count: builds,
      meanMs: builds > 0 ? ((after.buildSum - before.buildSum) / builds) * 1000 : NaN,
      within5Ms: after.builds5 - before.builds5,
      within20Ms: after.builds20 - before.builds20,
    },
    steady: steadyFigures,
  };
}
