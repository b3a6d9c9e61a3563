import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { TestBackend } from "../e2e/support/backend.ts";
import { TestApiServer } from "../k8s-api/server.ts";
import { BosunProcess, until } from "./kubernetes/bosun-process.ts";
import { measureChanges, percentile, type ChangeFigures } from "./kubernetes/changes.ts";
import { benchGroups, fill, objectsPerGroup, statusesWritten, timeLists, type ListTimes } from "./kubernetes/cluster.ts";
import { median } from "./measure.ts";
import { formatTable } from "./table.ts";

/**
 * `corepack pnpm bench:kubernetes`: `bosun serve --kubernetes-url` following the repository's test
 * API server (test/k8s-api/server.ts, in this process) that holds N RouteGroups, each with its
 * own Service and Endpoints. Per size: the first sync (start until /healthz answers 200, and until
 * the table has N routes), beside two baselines, each the median of three starts: the same
 * command on a one-route file, and following a cluster without objects; memory per object over
 * the empty cluster's; the time until every RouteGroup's status is written back (bosun's default,
 * --status-writes on); then K changes, one RouteGroup at a time, each timed from
 * the write to the API server until the proxy's answers carry it, with a steady client on a route
 * that does not change. What the test API server's own lists cost is timed too, since it shares
 * this process and its CPU.
 *
 * Env: BENCH_SIZES (1000,10000), BENCH_CHANGES (50), BENCH_CHANGE_GAP_MS (0: the next change as
 * soon as the last is served; with more than the proxy's 1 s, it builds its table whole between).
 */

const sizes = (process.env["BENCH_SIZES"] ?? "1000,10000").split(",").map(Number);
const changesPerSize = Number(process.env["BENCH_CHANGES"] ?? 50);
const changeGapMs = Number(process.env["BENCH_CHANGE_GAP_MS"] ?? 0);
const settleMs = 2_000;
const baselineRuns = 3;
const syncLimitMs = 180_000;

interface Memory {
  readonly rss: number;
  readonly heapUsed: number;
}

/** A baseline: start until /healthz 200, and the memory settleMs later. */
interface Start {
  readonly readyMs: number;
  readonly memory: Memory;
}

interface SizeFigures {
  readonly size: number;
  readonly fillMs: number;
  readonly lists: ListTimes;
  /** The same command on a one-route file, and following an empty cluster. */
  readonly fileStart: Start;
  readonly emptyStart: Start;
  readonly listeningMs: number;
  readonly readyMs: number;
  readonly routesMs: number;
  /** From the N routes in service until every RouteGroup's status was written. */
  readonly statusesMs: number;
  /** settleMs after the N routes, and settleMs after the statuses. */
  readonly memory: Memory;
  readonly memoryAfterStatuses: Memory;
  readonly changes: ChangeFigures;
}

const progress = (text: string) => process.stderr.write(`  ${text}\n`);

async function baselineRun(args: readonly string[]): Promise<Start> {
  const bosun = await BosunProcess.start(30_000, ...args);
  try {
    const readyMs = await bosun.readyMs(30_000);
    await sleep(settleMs);
    return { readyMs, memory: await bosun.memory() };
  } finally {
    await bosun.stop();
  }
}

/** The median of a few baseline runs: one start alone moved by a second between runs. */
async function baseline(...args: string[]): Promise<Start> {
  const runs: Start[] = [];
  for (let i = 0; i < baselineRuns; i++) runs.push(await baselineRun(args));
  return {
    readyMs: median(runs.map((run) => run.readyMs)),
    memory: { rss: median(runs.map((run) => run.memory.rss)), heapUsed: median(runs.map((run) => run.memory.heapUsed)) },
  };
}

/**
 * The two baselines: node's and bosun's start-up with one route from a file, and with the
 * Kubernetes source on a cluster without objects (its client, discovery, four empty lists), which
 * is what the sync of N RouteGroups adds to.
 */
async function baselines(routesFile: string): Promise<Pick<SizeFigures, "fileStart" | "emptyStart">> {
  const fileStart = await baseline("--routes-file", routesFile);
  const empty = await TestApiServer.start();
  try {
    empty.installCrd("RouteGroup");
    const emptyStart = await baseline("--kubernetes-url", empty.url);
    progress(`baselines: /healthz 200 at ${fileStart.readyMs.toFixed(0)} ms (one-route file), ${emptyStart.readyMs.toFixed(0)} ms (empty cluster); medians of ${baselineRuns}`);
    return { fileStart, emptyStart };
  } finally {
    await empty.stop();
  }
}

async function followingRun(api: TestApiServer, size: number): Promise<Omit<SizeFigures, "size" | "fillMs" | "lists" | "fileStart" | "emptyStart">> {
  const bosun = await BosunProcess.start(syncLimitMs, "--kubernetes-url", api.url);
  try {
    const readyMs = await bosun.readyMs(syncLimitMs);
    const routesMs = await bosun.routesMs(size, syncLimitMs);
    progress(`listening ${bosun.listeningMs.toFixed(0)} ms, /healthz 200 at ${readyMs.toFixed(0)} ms, ${size} routes at ${routesMs.toFixed(0)} ms`);
    // Each look sorts the store (about 20 ms at 10k, on the API server's thread): twice a second.
    const statuses = until("every RouteGroup's status written", 300_000, 500, async () => (statusesWritten(api) >= size ? performance.now() - bosun.startedAt : undefined));
    await sleep(settleMs);
    const memory = await bosun.memory();
    const statusesAt = await statuses;
    progress(`statuses written at ${statusesAt.toFixed(0)} ms`);
    await sleep(settleMs);
    const memoryAfterStatuses = await bosun.memory();
    const changes = await measureChanges(api, bosun, benchGroups(size), changesPerSize, changeGapMs);
    return { listeningMs: bosun.listeningMs, readyMs, routesMs, statusesMs: statusesAt - routesMs, memory, memoryAfterStatuses, changes };
  } finally {
    await bosun.stop();
  }
}

async function measureSize(size: number, routesFile: string): Promise<SizeFigures> {
  process.stderr.write(`${size} RouteGroups\n`);
  const api = await TestApiServer.start();
  const backend = await TestBackend.start("bench", (_request, response) => response.writeHead(204).end());
  try {
    api.installCrd("RouteGroup");
    const fillMs = fill(api, benchGroups(size), backend.port);
    const lists = await timeLists(api, size);
    progress(`store filled in ${fillMs.toFixed(0)} ms; the lists of a sync take the API server ${lists.syncListsMs.toFixed(0)} ms`);
    return { size, fillMs, lists, ...(await baselines(routesFile)), ...(await followingRun(api, size)) };
  } finally {
    await api.stop();
    await backend.close();
  }
}

const ms = (value: number) => value.toFixed(0);
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const kbPer = (bytes: number, count: number) => (bytes / 1e3 / count).toFixed(2);
const label = (size: number) => `${size / 1000}k`;

function printTables(results: readonly SizeFigures[]): void {
  console.log("\nfirst sync (ms from the process start; baselines: medians of three starts; the test API server's work timed alone, from this process)");
  console.log(
    formatTable(
      ["RouteGroups", "one-route file: /healthz 200", "empty cluster: /healthz 200", "listening", "/healthz 200", "N routes served", "N routes − empty cluster", "statuses written after", "API: the sync's lists", "API: RGs paged", "API: RGs whole", "API: store fill"],
      results.map((r) => [
        label(r.size),
        ms(r.fileStart.readyMs),
        ms(r.emptyStart.readyMs),
        ms(r.listeningMs),
        ms(r.readyMs),
        ms(r.routesMs),
        ms(r.routesMs - r.emptyStart.readyMs),
        ms(r.statusesMs),
        ms(r.lists.syncListsMs),
        ms(r.lists.routeGroupsPagedMs),
        ms(r.lists.routeGroupsWholeMs),
        ms(r.fillMs),
      ]),
    ),
  );
  printMemory(results);
  console.log("\nchange to serving (ms from the write to the API server until the proxy's answer carries it; proxy: bosun_source_change_to_serving_seconds over the same changes)");
  console.log(
    formatTable(
      ["RouteGroups", "changes", "p50", "p99", "max", "proxy: count", "proxy: mean", "swaps", "event loop per swap: mean", "≤ 5 ms", "≤ 20 ms", "steady client: requests", "failed", "p99", "worst"],
      results.map(({ size, changes: c }) => [label(size), String(c.servedMs.length), ms(percentile(c.servedMs, 0.5)), ms(percentile(c.servedMs, 0.99)), ms(Math.max(...c.servedMs)), String(c.histogram.count), ms(c.histogram.meanMs), String(c.builds.count), c.builds.meanMs.toFixed(1), String(c.builds.within5Ms), String(c.builds.within20Ms), String(c.steady.requests), String(c.steady.failed), ms(c.steady.p99Ms), ms(c.steady.worstMs)]),
    ),
  );
}

function printMemory(results: readonly SizeFigures[]): void {
  console.log(`\nmemory of the serving process (bosun_process_resident_memory_bytes; ${settleMs / 1000} s after sync, and ${settleMs / 1000} s after the statuses; per object: ${objectsPerGroup} per RouteGroup, over the empty cluster's)`);
  console.log(
    formatTable(
      ["RouteGroups", "RSS MB: one-route file", "empty cluster", "synced", "after statuses", "KB/object", "KB/RouteGroup", "after statuses: KB/RouteGroup", "heap used MB: empty cluster", "synced", "after statuses"],
      results.map((r) => [
        label(r.size),
        mb(r.fileStart.memory.rss),
        mb(r.emptyStart.memory.rss),
        mb(r.memory.rss),
        mb(r.memoryAfterStatuses.rss),
        kbPer(r.memory.rss - r.emptyStart.memory.rss, r.size * objectsPerGroup),
        kbPer(r.memory.rss - r.emptyStart.memory.rss, r.size),
        kbPer(r.memoryAfterStatuses.rss - r.emptyStart.memory.rss, r.size),
        mb(r.emptyStart.memory.heapUsed),
        mb(r.memory.heapUsed),
        mb(r.memoryAfterStatuses.heapUsed),
      ]),
    ),
  );
  // What following an API costs beyond its objects (a young generation grown by the sync, among
  // others) is in every size's figure; the step from one size to the next is the objects alone.
  for (let i = 1; i < results.length; i++) {
    const [smaller, larger] = [results[i - 1]!, results[i]!];
    const objects = (larger.size - smaller.size) * objectsPerGroup;
    const step = (pick: (r: SizeFigures) => number) => kbPer(pick(larger) - pick(smaller), objects);
    console.log(`from ${label(smaller.size)} to ${label(larger.size)} RouteGroups: RSS ${step((r) => r.memory.rss)} KB/object (after statuses ${step((r) => r.memoryAfterStatuses.rss)}), heap used ${step((r) => r.memory.heapUsed)} KB/object`);
  }
}

console.log(`bosun kubernetes benchmark — node ${process.version}`);
const scratch = mkdtempSync(join(tmpdir(), "bosun-bench-kubernetes-"));
try {
  const routesFile = join(scratch, "baseline.eskip");
  writeFileSync(routesFile, 'baseline: Path("/") -> status(204) -> <shunt>;\n');
  const results: SizeFigures[] = [];
  for (const size of sizes) results.push(await measureSize(size, routesFile));
  printTables(results);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
