import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { send } from "../../e2e/support/client.ts";
import { metric } from "../../e2e/support/metrics.ts";
import { startServeWithin, type ServeProcess } from "../../support/serve-process.ts";

/**
 * `bosun serve` as `bench:kubernetes` runs it (test/support/serve-process.ts: the built binary,
 * in a process group of its own), with what the benchmark reads of it: when it is ready, how many
 * routes it serves, its memory. Every process started here is killed when the benchmark ends,
 * whichever way it ends.
 */

const running = new Set<ServeProcess>();

function killGroup(serve: ServeProcess): void {
  try {
    process.kill(-serve.child.pid!, "SIGKILL");
  } catch {
    // Gone already.
  }
}

process.once("exit", () => running.forEach(killGroup));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    running.forEach(killGroup);
    process.exit(130);
  });
}

/** Polls `check` every `everyMs` until it gives a value, for at most `limitMs`. */
export async function until<T>(what: string, limitMs: number, everyMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + limitMs;
  let last = "";
  while (performance.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = ` (last: ${(error as Error).message})`;
    }
    await sleep(everyMs);
  }
  throw new Error(`${what}: not within ${limitMs} ms${last}`);
}

export class BosunProcess {
  private constructor(
    readonly serve: ServeProcess,
    /** performance.now() just before the process was started. */
    readonly startedAt: number,
    /** Milliseconds from the start until it printed where it listens. */
    readonly listeningMs: number,
  ) {}

  /** Started, and listening within `startLimitMs`: a Kubernetes source holds the listeners until its first sync, or 5 s. */
  static async start(startLimitMs: number, ...args: string[]): Promise<BosunProcess> {
    const startedAt = performance.now();
    const serve = await startServeWithin(startLimitMs, ...args, "--address", "127.0.0.1:0", "--admin-address", "127.0.0.1:0", "--access-log", "off");
    running.add(serve);
    return new BosunProcess(serve, startedAt, performance.now() - startedAt);
  }

  get proxy(): string {
    return this.serve.address;
  }

  /** Milliseconds from the start until `/healthz` answers 200, polled every 20 ms. */
  async readyMs(limitMs: number): Promise<number> {
    await until("/healthz 200", limitMs, 20, async () => ((await send(`${this.serve.admin}/healthz`, { timeoutMs: 2_000 })).status === 200 ? true : undefined));
    return performance.now() - this.startedAt;
  }

  /** Milliseconds from the start until the table in service has `routes` routes (`bosun_routes`), polled every 20 ms. */
  async routesMs(routes: number, limitMs: number): Promise<number> {
    await until(`${routes} routes`, limitMs, 20, async () => ((await this.gauge("bosun_routes")) >= routes ? true : undefined));
    return performance.now() - this.startedAt;
  }

  async metrics(): Promise<string> {
    const response = await send(`${this.serve.admin}/metrics`, { timeoutMs: 10_000 });
    if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
    return response.text;
  }

  async gauge(name: string, labels = ""): Promise<number> {
    return metric(await this.metrics(), name, labels);
  }

  /** The serving process's resident set and JS heap in use, as its /metrics reports them. */
  async memory(): Promise<{ rss: number; heapUsed: number }> {
    const text = await this.metrics();
    return { rss: metric(text, "bosun_process_resident_memory_bytes"), heapUsed: metric(text, "bosun_nodejs_heap_size_used_bytes") };
  }

  async stop(): Promise<void> {
    try {
      await this.serve.stop();
    } finally {
      if (this.serve.child.exitCode === null && this.serve.child.signalCode === null) killGroup(this.serve);
      running.delete(this.serve);
    }
  }
}
