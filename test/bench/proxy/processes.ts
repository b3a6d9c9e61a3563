import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { openSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * The child processes of `bench:proxy`: each pinned to one CPU with taskset, all on 127.0.0.1,
 * all killed at the end whatever happens (`stopAll`, also on exit and on Ctrl-C).
 */

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** The last few KB the child wrote on stderr, for error messages. */
  stderr(): string;
}

const children = new Set<Child>();

export interface StartOptions {
  /** The CPU the process runs on (taskset -c). */
  readonly cpu: number;
  /** Where stdout goes: a file path ("/dev/null" by default), or "pipe" to read it. */
  readonly stdout?: string;
  readonly cwd?: string;
}

export function start(name: string, command: string, args: readonly string[], options: StartOptions): Child {
  const stdout = options.stdout === "pipe" ? "pipe" : openSync(options.stdout ?? "/dev/null", "w");
  const child = spawn("taskset", ["-c", String(options.cpu), command, ...args], {
    stdio: ["ignore", stdout, "pipe"],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let tail = "";
  child.stderr!.setEncoding("utf8").on("data", (text: string) => (tail = (tail + text).slice(-4_000)));
  const entry: Child = { name, process: child, stderr: () => tail };
  children.add(entry);
  child.once("exit", () => children.delete(entry));
  return entry;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * SIGTERM, then SIGKILL if the process has not exited within `graceMs`. The bounds are unref'd
 * timers: a bound that is not reached must not keep the benchmark alive after the work is done.
 */
export async function stop(child: Child, graceMs = 5_000): Promise<void> {
  if (exited(child.process)) return;
  const gone = once(child.process, "exit");
  child.process.kill("SIGTERM");
  const timedOut = await Promise.race([gone.then(() => false), sleep(graceMs, true, { ref: false })]);
  if (timedOut) {
    child.process.kill("SIGKILL");
    await Promise.race([gone, sleep(2_000, undefined, { ref: false })]);
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => stop(child)));
}

// Last resort, for a crash or an exit before stopAll ran: no child outlives the benchmark.
process.once("exit", () => children.forEach((child) => child.process.kill("SIGKILL")));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));
}

/** A port that was free a moment ago on 127.0.0.1 (the kernel's choice). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const call = request(url, { headers, agent: false, timeout: 2_000 }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    call.on("timeout", () => call.destroy(new Error("timeout")));
    call.on("error", reject);
    call.end();
  });
}

/** Polls `url` until it answers 200 "ok" through the setup; fails when the child exits or time is up. */
export async function waitUntilServing(child: Child, url: string, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (exited(child.process)) throw new Error(`${child.name} exited (${child.process.exitCode}): ${child.stderr()}`);
    try {
      const { status, body } = await get(url, headers);
      if (status === 200 && body === "ok") return;
      last = `${status} ${body.slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(100);
  }
  throw new Error(`${child.name} did not answer 200 "ok" on ${url} within ${timeoutMs} ms (last: ${last}): ${child.stderr()}`);
}
