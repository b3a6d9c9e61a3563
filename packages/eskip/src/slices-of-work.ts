import { performance } from "node:perf_hooks";

/**
 * Long work written once, to run either at once or in slices that leave the event loop free in
 * between: a generator that yields wherever it may pause (once per route, say). A table of 100k
 * routes takes seconds to build; run in slices, requests in flight are answered between them.
 */
export type Work<T> = Generator<void, T, void>;

/** Runs the work to its end at once. */
export function runNow<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** How a run in slices went: for metrics and benchmarks. */
export interface SlicedRun {
  readonly slices: number;
  /** The longest time the work held the event loop, in ms. */
  readonly longestSliceMs: number;
  /** The work's own time, pauses left out, in ms. */
  readonly workMs: number;
}

export class WorkCancelled extends Error {
  override readonly name = "WorkCancelled";
}

export interface SliceOptions {
  /** How long a slice may hold the event loop before the work pauses, in ms. */
  readonly budgetMs: number;
  /** Asked between slices; true stops the work with WorkCancelled (a newer snapshot came). */
  readonly cancelled?: () => boolean;
  readonly report?: (run: SlicedRun) => void;
}

/**
 * Runs the work in slices of about `budgetMs`, each followed by a turn of the event loop
 * (setImmediate: I/O callbacks run in between, so requests are answered). A slice ends at the
 * first yield after its budget, so the longest slice is the budget plus the longest step.
 */
export async function runInSlices<T>(work: Work<T>, options: SliceOptions): Promise<T> {
  let slices = 1;
  let longest = 0;
  let total = 0;
  let sliceStart = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) {
      const last = performance.now() - sliceStart;
      options.report?.({ slices, longestSliceMs: Math.max(longest, last), workMs: total + last });
      return step.value;
    }
    const elapsed = performance.now() - sliceStart;
    if (elapsed < options.budgetMs) continue;
    longest = Math.max(longest, elapsed);
    total += elapsed;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (options.cancelled?.()) {
      work.return(undefined as never);
      throw new WorkCancelled("cancelled between slices");
    }
    slices++;
    sliceStart = performance.now();
  }
}
