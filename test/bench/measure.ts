import { performance } from "node:perf_hooks";

/**
 * Timing for the benchmarks: a few warm-up calls, then runs until either bound is reached, and
 * the median, which one slow run (a major GC, another process) does not move.
 */

export interface Bounds {
  readonly warmups: number;
  readonly maxRuns: number;
  /** Stop starting new runs once this much time has gone into the measured ones. */
  readonly maxTotalMs: number;
}

export interface Timing {
  readonly medianMs: number;
  readonly runs: number;
}

/** Collects garbage between runs when node runs with --expose-gc, so one run does not pay for another. */
export function collectGarbage(): void {
  globalThis.gc?.();
}

export function measure(run: () => unknown, bounds: Bounds): Timing {
  for (let i = 0; i < bounds.warmups; i++) run();
  const times: number[] = [];
  let total = 0;
  while (times.length < bounds.maxRuns && (times.length === 0 || total < bounds.maxTotalMs)) {
    collectGarbage();
    const start = performance.now();
    run();
    const elapsed = performance.now() - start;
    times.push(elapsed);
    total += elapsed;
  }
  return { medianMs: median(times), runs: times.length };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
