import { parse, routesGeneration, type Problem, type Route, type RouteSnapshot, type RouteSource, type SnapshotSink } from "@bosun/eskip";

/**
 * A route source the test drives by hand: a whole implementation of the seam, delivering what
 * the test gives it when the test says, as a source that waits on a server (the Kubernetes API,
 * a route server) would. Not a mock of one; those have their own tests.
 */
export class ManualSource implements RouteSource {
  readonly mustLoadAtStart = false;
  private sink: SnapshotSink | undefined;
  closed = false;

  constructor(readonly name: string) {}

  async start(sink: SnapshotSink): Promise<void> {
    this.sink = sink;
  }

  /** Delivers the routes of the eskip text as the source's next snapshot. */
  deliver(eskip: string, changedAt = Date.now()): RouteSnapshot {
    return this.deliverRoutes(parse(eskip), changedAt);
  }

  /** Delivers these very Route objects: a route given again is unchanged, as a source that keeps its routes sends it. */
  deliverRoutes(routes: Route[], changedAt = Date.now()): RouteSnapshot {
    const snapshot = { routes, problems: [], generation: routesGeneration(routes), inputs: { total: routes.length, invalid: 0 }, changedAt };
    this.sink!.snapshot(snapshot);
    return snapshot;
  }

  fail(problems: readonly Problem[]): void {
    this.sink!.failed(problems);
  }

  async refresh(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
  }
}
