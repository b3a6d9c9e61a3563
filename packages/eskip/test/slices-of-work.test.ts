import { describe, expect, it } from "vitest";
import { runInSlices, runNow, WorkCancelled, type SlicedRun, type Work } from "../src/index.js";

/** Work of `steps` steps, each busy for `stepMs`, that notes between which steps the event loop ran. */
function* busyWork(steps: number, stepMs: number, seen: number[], log: string[]): Work<number> {
  for (let step = 0; step < steps; step++) {
    const until = performance.now() + stepMs;
    while (performance.now() < until);
    seen.push(step);
    log.push(`step ${step}`);
    yield;
  }
  return steps;
}

describe("work in slices", () => {
  it("runs at once to the same result", () => {
    expect(runNow(busyWork(5, 0, [], []))).toBe(5);
  });

  it("lets the event loop run between slices, each about as long as the budget", async () => {
    const log: string[] = [];
    let run: SlicedRun | undefined;
    // An immediate queued before the work starts runs after its first slice, not after the whole of it.
    setImmediate(() => log.push("event loop"));
    const result = await runInSlices(busyWork(40, 1, [], log), { budgetMs: 5, report: (done) => (run = done) });
    expect(result).toBe(40);
    const turn = log.indexOf("event loop");
    expect(turn).toBeGreaterThan(0);
    expect(turn).toBeLessThan(log.length - 1);
    expect(run!.slices).toBeGreaterThanOrEqual(4);
    // A slice ends at the first pause past its budget.
    expect(run!.longestSliceMs).toBeGreaterThanOrEqual(5);
    expect(run!.longestSliceMs).toBeLessThanOrEqual(run!.workMs);
    expect(run!.workMs).toBeGreaterThanOrEqual(40);
  });

  it("stops between slices when cancelled, and runs the work's finally blocks", async () => {
    let cleaned = false;
    function* endless(): Work<never> {
      try {
        for (;;) {
          const until = performance.now() + 2;
          while (performance.now() < until);
          yield;
        }
      } finally {
        cleaned = true;
      }
    }
    let slices = 0;
    await expect(runInSlices(endless(), { budgetMs: 3, cancelled: () => ++slices > 3 })).rejects.toBeInstanceOf(WorkCancelled);
    expect(cleaned).toBe(true);
  });
});
