import type { Problem, RouteSnapshot, SnapshotSink } from "@bosun/eskip";

/** A sink that keeps what a source delivers, in order, and lets a test wait for the next delivery. */
export class RecordingSink implements SnapshotSink {
  readonly deliveries: Array<{ snapshot: RouteSnapshot } | { failed: readonly Problem[] }> = [];
  private waiting: Array<() => void> = [];

  snapshot(snapshot: RouteSnapshot): void {
    this.deliveries.push({ snapshot });
    this.wake();
  }

  failed(problems: readonly Problem[]): void {
    this.deliveries.push({ failed: problems });
    this.wake();
  }

  get snapshots(): RouteSnapshot[] {
    return this.deliveries.flatMap((delivery) => ("snapshot" in delivery ? [delivery.snapshot] : []));
  }

  get last(): RouteSnapshot {
    const last = this.snapshots.at(-1);
    if (last === undefined) throw new Error("no snapshot delivered");
    return last;
  }

  /** Resolves once `count` deliveries have been made, or rejects after `timeoutMs`. */
  async until(count: number, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.deliveries.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.deliveries.length} deliveries after ${timeoutMs} ms, not ${count}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }
}
