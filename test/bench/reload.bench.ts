import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parse, runInSlices, type SlicedRun } from "@bosun/eskip";
import { ProxyTable, tableOptions } from "@bosun/proxy";
import { startServeWithin, type ServeProcess } from "../support/serve-process.ts";
import { generateRoutesDocument } from "./generate-routes.ts";
import { measure } from "./measure.ts";
import { formatTable } from "./table.ts";

/**
 * `corepack pnpm bench:reload`: what a reload costs the requests in flight. The figure the targets
 * name is end to end: a real `bosun serve` of a routes file of N routes, a steady stream of
 * requests to one route of it from 4 keep-alive connections, and the file replaced by another of
 * N routes again and again; the worst latency while the tables are swapped, beside the worst of
 * the same stream with no reload (the baseline, in the same run). Then, in this process, what the
 * table build alone costs: at once (how long serving stood still before, and still would without
 * slices) and in slices (the longest a slice held the event loop).
 */

const sizes = (process.env["BENCH_SIZES"] ?? "10000,100000").split(",").map(Number);
const connections = 4;
const probePath = "/bench-reload-probe";

/** The generated routes and one more that the stream asks for, answered by the proxy itself. */
function routesFile(size: number, seed: number): string {
  return `${generateRoutesDocument(size, seed)}\nbench_probe: Path("${probePath}") -> inlineContent("ok") -> <shunt>;\n`;
}

/**
 * The same file with `count` routes changed in place, as an edit makes it: a backend address of
 * each, same length, so that every other route keeps its line and column (its origin).
 */
function withChangedRoutes(text: string, count: number): string {
  const lines = text.split("\n");
  const withAddress = lines.flatMap((line, at) => (line.includes('"http://10.') ? [at] : []));
  const step = Math.max(1, Math.floor(withAddress.length / count));
  for (let k = 0; k < count && k * step < withAddress.length; k++) {
    const at = withAddress[k * step]!;
    lines[at] = lines[at]!.replace('"http://10.', '"http://11.');
  }
  return lines.join("\n");
}

/** Requests from `connections` keep-alive connections, one after another on each, until stopped; latencies in ms. */
function steadyStream(origin: string): { stop(): Promise<{ latencies: number[]; failures: number }> } {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const sent = request(`${origin}${probePath}`, { agent, timeout: 30_000 }, (response) => {
        response.resume();
        response.on("end", () => {
          if (response.statusCode === 200) latencies.push(performance.now() - started);
          else failures++;
          resolve();
        });
      });
      sent.on("error", () => {
        failures++;
        resolve();
      });
      sent.end();
    });
  const loops = Array.from({ length: connections }, async () => {
    while (running) await once();
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
      return { latencies, failures };
    },
  };
}

/** The largest value, without spreading 100k arguments onto the stack. */
function largest(values: readonly number[]): number {
  return values.reduce((max, value) => (value > max ? value : max), -Infinity);
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

async function metric(serve: ServeProcess, name: string): Promise<number> {
  const text = await metricsText(serve);
  const line = text.split("\n").find((each) => each.startsWith(`${name} `) || each.startsWith(`${name}{`));
  return line === undefined ? NaN : Number(line.slice(line.lastIndexOf(" ") + 1));
}

/** The admin listener's metrics; a kept-alive connection the listener closed as it was reused is tried again. */
async function metricsText(serve: ServeProcess, attempts = 3): Promise<string> {
  try {
    return await (await fetch(`${serve.admin}/metrics`)).text();
  } catch (error) {
    if (attempts <= 1) throw error;
    return metricsText(serve, attempts - 1);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface EndToEnd {
  readonly steady: { p99: number; max: number; count: number };
  readonly reloading: { p50: number; p99: number; max: number; count: number; failures: number };
  readonly swaps: number;
  readonly longestSliceMs: number;
  readonly buildMs: number;
}

/** Files replaced by whole new ones, every route new, or by the same with a few routes changed. */
type Swaps = { kind: "whole"; label: string } | { kind: "edit"; changed: number; label: string };

async function endToEnd(size: number, swapsOf: Swaps): Promise<EndToEnd> {
  const dir = mkdtempSync(join(tmpdir(), "bosun-reload-"));
  const file = join(dir, "routes.eskip");
  const first = routesFile(size, 1);
  const variants = swapsOf.kind === "whole" ? [first, routesFile(size, 2)] : [first, withChangedRoutes(first, swapsOf.changed)];
  writeFileSync(file, variants[0]!);
  const serve = await startServeWithin(120_000, "--routes-file", file, "--address", "127.0.0.1:0", "--admin-address", "127.0.0.1:0", "--access-log", "off");
  try {
    // What the start leaves to do (the slices that prepare the table for changes, its garbage) is not the baseline's.
    await sleep(3_000);
    const steadyRun = steadyStream(serve.address);
    await sleep(3_000);
    const steady = await steadyRun.stop();
    const swapsWanted = size >= 100_000 ? 4 : 8;
    // The swaps' own builds, the first (the start's) left out.
    const sumBefore = await metric(serve, "bosun_table_build_seconds_sum");
    const countBefore = await metric(serve, "bosun_table_build_seconds_count");
    const reloadRun = steadyStream(serve.address);
    let swaps = 0;
    let builds = 0;
    for (let swap = 1; swap <= swapsWanted; swap++) {
      const before = await metric(serve, "bosun_table_build_seconds_count");
      // A whole new file in one rename, as a deploy tool writes it.
      writeFileSync(`${file}.next`, variants[swap % 2]!);
      renameSync(`${file}.next`, file);
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && (await metric(serve, "bosun_table_build_seconds_count")) === before) await sleep(50);
      if ((await metric(serve, "bosun_table_build_seconds_count")) > before) swaps++;
      builds = await metric(serve, "bosun_table_build_seconds_count");
      await sleep(300);
    }
    const reloading = await reloadRun.stop();
    const buildSum = (await metric(serve, "bosun_table_build_seconds_sum")) - sumBefore;
    return {
      steady: { p99: percentile(steady.latencies, 99), max: largest(steady.latencies), count: steady.latencies.length },
      reloading: {
        p50: percentile(reloading.latencies, 50),
        p99: percentile(reloading.latencies, 99),
        max: largest(reloading.latencies),
        count: reloading.latencies.length,
        failures: reloading.failures + steady.failures,
      },
      swaps,
      longestSliceMs: (await metric(serve, "bosun_table_build_longest_slice_seconds")) * 1000,
      buildMs: (buildSum / (builds - countBefore)) * 1000,
    };
  } finally {
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The table build in this process: at once, and in slices of 5 ms. */
async function buildAlone(size: number): Promise<{ atOnceMs: number; slicedLongestMs: number; slices: number }> {
  const routes = parse(routesFile(size, 1));
  const options = tableOptions();
  const atOnceMs = measure(() => ProxyTable.build(routes, options), { warmups: 1, maxRuns: 5, maxTotalMs: size >= 100_000 ? 20_000 : 5_000 }).medianMs;
  let run: SlicedRun | undefined;
  await runInSlices(ProxyTable.building(routes, options), { budgetMs: 5, report: (done) => (run = done) });
  return { atOnceMs, slicedLongestMs: run!.longestSliceMs, slices: run!.slices };
}

console.log(`bosun reload benchmark — node ${process.version}, ${connections} connections of steady requests`);
const rows: string[][] = [];
const swapKinds: Swaps[] = [
  { kind: "whole", label: "every route new" },
  { kind: "edit", changed: 10, label: "10 routes changed" },
];
for (const size of sizes) {
  const alone = await buildAlone(size);
  for (const swaps of swapKinds) {
    const run = await endToEnd(size, swaps);
    const ms = (value: number) => value.toFixed(1);
    rows.push([
      `${size / 1000}k, ${swaps.label}`,
      `${ms(run.steady.max)} (p99 ${ms(run.steady.p99)}, n ${run.steady.count})`,
      `${ms(run.reloading.max)} (p50 ${ms(run.reloading.p50)}, p99 ${ms(run.reloading.p99)}, n ${run.reloading.count})`,
      `${run.swaps}`,
      `${run.reloading.failures}`,
      ms(run.longestSliceMs),
      ms(run.buildMs),
      ms(alone.atOnceMs),
      `${ms(alone.slicedLongestMs)} (${alone.slices} slices)`,
    ]);
  }
}
console.log(
  formatTable(
    ["routes", "no reload: worst ms", "while reloading: worst ms", "swaps", "failed requests", "serve's longest build slice ms", "serve's build ms (mean)", "build at once ms (here)", "build in 5 ms slices: longest ms (here)"],
    rows,
  ),
);
