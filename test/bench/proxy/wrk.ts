import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { start, stop } from "./processes.ts";

/** One wrk run, as `bench:proxy` reads it: throughput, latency percentiles, and what failed. */
export interface WrkResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Non-2xx/3xx responses plus socket errors (connect, read, write, timeout). */
  readonly errors: number;
}

export interface Load {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly seconds: number;
  readonly threads: number;
  readonly connections: number;
  readonly cpu: number;
}

const unitsInMs: Record<string, number> = { us: 1e-3, ms: 1, s: 1e3, m: 60e3 };

function latencyMs(output: string, percentile: string): number {
  const match = new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(output);
  if (!match) throw new Error(`wrk printed no ${percentile}% latency:\n${output}`);
  return Number(match[1]) * unitsInMs[match[2]!]!;
}

export function parseWrk(output: string): WrkResult {
  const rate = /^Requests\/sec:\s+([\d.]+)/m.exec(output);
  if (!rate) throw new Error(`wrk printed no Requests/sec:\n${output}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket ? socket.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0;
  return {
    requestsPerSecond: Number(rate[1]),
    p50Ms: latencyMs(output, "50"),
    p99Ms: latencyMs(output, "99"),
    errors: Number(non2xx?.[1] ?? 0) + socketErrors,
  };
}

/** Runs wrk pinned to `load.cpu`; killed if it runs 20 s past its duration. */
export async function runWrk(load: Load): Promise<WrkResult> {
  const headers = Object.entries(load.headers ?? {}).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const args = ["-t", String(load.threads), "-c", String(load.connections), "-d", `${load.seconds}s`, "--latency", ...headers, load.url];
  const wrk = start("wrk", "wrk", args, { cpu: load.cpu, stdout: "pipe" });
  let output = "";
  wrk.process.stdout!.setEncoding("utf8").on("data", (text: string) => (output += text));
  // "close", not "exit": the output is complete only once stdout has closed.
  const finished = once(wrk.process, "close").then(() => true);
  const inTime = await Promise.race([finished, sleep((load.seconds + 20) * 1_000, false, { ref: false })]);
  if (!inTime) {
    await stop(wrk);
    throw new Error(`wrk did not finish within ${load.seconds + 20} s`);
  }
  if (wrk.process.exitCode !== 0) throw new Error(`wrk failed (${wrk.process.exitCode}): ${wrk.stderr()}${output}`);
  return parseWrk(output);
}
