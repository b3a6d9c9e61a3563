import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { printSummary } from "./proxy/cpu-profile.ts";
import { freePort, start, stop, stopAll, waitUntilServing } from "./proxy/processes.ts";
import { setups, type Setup, type SetupContext } from "./proxy/setups.ts";
import { runWrk, type WrkResult } from "./proxy/wrk.ts";
import { formatTable } from "./table.ts";

/**
 * `corepack pnpm bench:proxy`: requests/s and p50/p99 latency of bosun serve (both engines, 1
 * route and 10k routes) beside the bare undici `Pool.stream()` and node:http pass-throughs and
 * nginx, in one run (TOOLCHAIN.md, "Proxy cores measured here"). wrk, 2 threads, 50 connections;
 * every setup is its own process on CPU 0, the backend and wrk share CPU 1.
 * Targets (a later issue): bosun ≥ 90 % of the undici pass-through and ≥ 60 % of nginx.
 *
 * Env: BENCH_SECONDS (10) measured per setup, BENCH_WARMUP_SECONDS (3) of load before it,
 * BENCH_SETUPS (keys, comma-separated; all by default), BENCH_PROFILE=1 to add a --cpu-prof run of
 * bosun (1 route, undici) with a summary of where its time goes, or BENCH_PROFILE=KEY for another
 * node setup (bosun-http-proxy-3, undici-passthrough, ...).
 */

const seconds = Number(process.env["BENCH_SECONDS"] ?? 10);
const warmupSeconds = Number(process.env["BENCH_WARMUP_SECONDS"] ?? 3);
const chosenKeys = process.env["BENCH_SETUPS"]?.split(",");
const profileKey = process.env["BENCH_PROFILE"] === "1" ? "bosun" : process.env["BENCH_PROFILE"];
const threads = 2;
const connections = 50;
const proxyCpu = 0;
const loadCpu = 1;
const outDir = join(import.meta.dirname, "../../.bench-out/proxy");

const hasCommand = (name: string) => spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;

interface Measured extends WrkResult {
  /** How busy each CPU was during the measured load, in %: which side was the bottleneck. */
  readonly busy: readonly number[];
}

/** Busy % per CPU between two readings of os.cpus(). */
function busyPercent(before: ReturnType<typeof cpus>, after: ReturnType<typeof cpus>): number[] {
  return after.map((cpu, i) => {
    const total = (times: typeof cpu.times) => times.user + times.nice + times.sys + times.irq + times.idle;
    const elapsed = total(cpu.times) - total(before[i]!.times);
    return elapsed > 0 ? 100 * (1 - (cpu.times.idle - before[i]!.times.idle) / elapsed) : 0;
  });
}

async function measure(setup: Setup, context: SetupContext): Promise<Measured> {
  const running = await setup.start(context);
  try {
    const load = { url: running.url, headers: running.headers ?? {}, threads, connections, cpu: loadCpu };
    if (warmupSeconds > 0) await runWrk({ ...load, seconds: warmupSeconds });
    const before = cpus();
    const result = await runWrk({ ...load, seconds });
    return { ...result, busy: busyPercent(before, cpus()) };
  } finally {
    await Promise.all(running.children.map((child) => stop(child, 20_000)));
  }
}

const percent = (value: number, base: WrkResult | Error | undefined) =>
  base && !(base instanceof Error) ? `${((100 * value) / base.requestsPerSecond).toFixed(0)}%` : "—";

function printTable(chosen: readonly Setup[], results: ReadonlyMap<string, Measured | Error>): void {
  const baseline = results.get("undici-passthrough");
  const nginx = results.get("nginx");
  const rows = chosen.map((setup) => {
    const result = results.get(setup.key)!;
    if (result instanceof Error) return [setup.name, "failed", "", "", "", "", "", "", ""];
    const { requestsPerSecond: rate, p50Ms, p99Ms, errors, busy } = result;
    const [proxy, load] = [busy[proxyCpu] ?? 0, busy[loadCpu] ?? 0].map((value) => `${value.toFixed(0)}%`);
    return [setup.name, rate.toFixed(0), p50Ms.toFixed(2), p99Ms.toFixed(2), String(errors), percent(rate, baseline), percent(rate, nginx), proxy!, load!];
  });
  const header = ["setup", "requests/s", "p50 ms", "p99 ms", "errors", "vs undici pass-through", "vs nginx", `CPU ${proxyCpu} busy`, `CPU ${loadCpu} busy`];
  console.log(formatTable(header, rows));
  const failing = [...results.values()].some((result) => result instanceof Error || result.errors > 0);
  if (failing) console.log("WARNING: a row failed or counted errors (non-2xx or socket errors): its figures measure failures, not proxying");
}

/** One node setup under the same load with --cpu-prof; node writes the profile when the process exits. */
async function profileSetup(key: string, context: SetupContext): Promise<void> {
  const setup = setups.find((candidate) => candidate.key === key && key !== "nginx");
  if (!setup) throw new Error(`BENCH_PROFILE: no node setup "${key}"; one of ${setups.map((s) => s.key).join(", ")}`);
  const profileDir = join(outDir, "profile", key);
  rmSync(profileDir, { recursive: true, force: true });
  const result = await measure(setup, { ...context, nodeFlags: ["--cpu-prof", "--cpu-prof-dir", profileDir] });
  console.log(`\nprofiled run of ${setup.name}: ${result.requestsPerSecond.toFixed(0)} requests/s, p99 ${result.p99Ms.toFixed(2)} ms (the profiler costs some)`);
  const file = readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile in ${profileDir}: did the process exit cleanly on SIGTERM?`);
  printSummary(join(profileDir, file));
}

async function main(): Promise<void> {
  const missing = ["wrk", "taskset"].filter((name) => !hasCommand(name));
  if (missing.length > 0) {
    console.error(`bench:proxy needs ${missing.join(" and ")}: run scripts/install-bench-tools.sh (as root)`);
    process.exitCode = 1;
    return;
  }
  const nginxNote = hasCommand("nginx") ? undefined : "nginx is not installed (scripts/install-bench-tools.sh): its row is skipped";
  const chosen = setups.filter((setup) => (chosenKeys ? chosenKeys.includes(setup.key) : true) && !(setup.key === "nginx" && nginxNote));
  mkdirSync(outDir, { recursive: true });
  const backendPort = await freePort();
  const backend = start("backend", process.execPath, [join(import.meta.dirname, "proxy/backend.mjs"), String(backendPort)], { cpu: loadCpu });
  await waitUntilServing(backend, `http://127.0.0.1:${backendPort}/`);
  const context: SetupContext = { backendPort, dir: outDir, cpu: proxyCpu };
  const results = new Map<string, Measured | Error>();
  for (const setup of chosen) {
    console.error(`bench:proxy: ${setup.name} (${warmupSeconds} s warm-up, ${seconds} s measured)`);
    const result = await measure(setup, context).catch((error: unknown) => error as Error);
    if (result instanceof Error) console.error(`bench:proxy: ${setup.name} failed: ${result.message}`);
    results.set(setup.key, result);
  }
  console.log(`bosun proxy benchmark — node ${process.version}, ${new Date().toISOString()}`);
  console.log(`wrk -t${threads} -c${connections}, ${warmupSeconds} s warm-up then ${seconds} s measured per setup; proxy on CPU ${proxyCpu}, backend (node, 200 "ok") and wrk on CPU ${loadCpu}`);
  printTable(chosen, results);
  console.log("bosun rows run `bosun serve --admin-address off` from dist/ with the access log ON (stdout to /dev/null), except the row that says otherwise");
  console.log("nginx: access log on, to /dev/null; keepalive_requests raised on both sides (see proxy/nginx.ts)");
  if (nginxNote) console.log(nginxNote);
  console.log(`CPU ${proxyCpu} runs the proxy, CPU ${loadCpu} the backend and wrk: a setup whose CPU ${proxyCpu} is below ~95% was held back by CPU ${loadCpu}, and its figure is a floor`);
  console.log("targets (later issue): bosun ≥ 90% of the undici pass-through, ≥ 60% of nginx");
  if (profileKey) await profileSetup(profileKey, context);
}

try {
  await main();
} finally {
  await stopAll();
}
