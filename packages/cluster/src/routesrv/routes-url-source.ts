import { describeProblem, type Problem, type RouteSnapshot, type RouteSource, type SnapshotSink } from "@bosun/eskip";
import { OffThreadInterpreter } from "../files/off-thread.js";

export interface RoutesUrlOptions {
  /** The long poll asked of the route server, in seconds. */
  readonly waitSeconds?: number;
  /** Backoff after a failure: the first wait, doubled up to the cap, with jitter. */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  readonly random?: () => number;
  readonly now?: () => number;
}

/**
 * `--routes-url URL`: follows a route server (`bosun routesrv`, or Skipper's own routesrv) with
 * long polls that carry the ETag of the routes it holds; a 304 changes nothing. While the server
 * is gone, or answers what does not parse, the last routes keep serving and the failure is
 * reported; the next good answer makes a snapshot again.
 */
export class RoutesUrlSource implements RouteSource {
  readonly mustLoadAtStart = false;
  readonly name: string;
  private sink: SnapshotSink | undefined;
  private etag: string | undefined;
  private stopped = false;
  private failures = 0;
  private controller = new AbortController();
  private loop: Promise<void> | undefined;
  private last: RouteSnapshot | undefined;
  /** 100k routes take the better part of a second to parse: not on the thread that serves. */
  private readonly interpreter = new OffThreadInterpreter();
  private readonly now: () => number;

  constructor(
    private readonly url: string,
    private readonly options: RoutesUrlOptions = {},
  ) {
    this.name = `routes-url ${url}`;
    this.now = options.now ?? Date.now;
  }

  async start(sink: SnapshotSink): Promise<void> {
    this.sink = sink;
    await this.poll(0);
    this.loop = this.follow();
  }

  async refresh(): Promise<void> {}

  async close(): Promise<void> {
    this.stopped = true;
    this.controller.abort();
    await this.loop;
    await this.interpreter.close();
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      const ok = await this.poll(this.options.waitSeconds ?? 30);
      if (ok || this.stopped) continue;
      const backoff = Math.min(this.options.backoffMaxMs ?? 10_000, (this.options.backoffBaseMs ?? 250) * 2 ** (this.failures - 1));
      await new Promise((resolve) => setTimeout(resolve, backoff * (0.5 + (this.options.random ?? Math.random)() / 2)));
    }
  }

  /** One request; resolves whether it went well (a snapshot, or 304). */
  private async poll(waitSeconds: number): Promise<boolean> {
    const url = new URL(this.url);
    if (waitSeconds > 0) url.searchParams.set("wait", String(waitSeconds));
    const askedAt = this.now();
    try {
      const response = await fetch(url, {
        headers: this.etag ? { "if-none-match": this.etag } : {},
        signal: AbortSignal.any([this.controller.signal, AbortSignal.timeout((waitSeconds + 30) * 1000)]),
      });
      const text = await response.text();
      if (response.status === 304) {
        // After a failure the routes held are good again: say so with them.
        if (this.failures > 0 && this.last !== undefined) this.sink?.snapshot(this.last);
        return this.succeeded();
      }
      if (response.status !== 200) return this.failed(`${response.status} ${text.trim()}`.trim());
      const reading = await this.interpreter.interpret({ kind: "eskip" }, [{ file: this.url, text }]);
      if ("failed" in reading) return this.failed(`the routes do not parse: ${reading.failed.map(describeProblem).join("; ")}`);
      this.etag = response.headers.get("etag") ?? undefined;
      this.last = { ...reading, changedAt: askedAt };
      this.sink?.snapshot(this.last);
      return this.succeeded();
    } catch (error) {
      if (this.stopped) return false;
      return this.failed((error as Error).message);
    }
  }

  private succeeded(): boolean {
    this.failures = 0;
    return true;
  }

  private failed(reason: string): boolean {
    this.failures++;
    const problem: Problem = { level: "error", place: { kind: "other", what: this.url }, code: "route_server_error", reason };
    this.sink?.failed([problem]);
    return false;
  }
}
