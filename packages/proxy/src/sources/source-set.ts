import { originPlace, type GatewayListenerSpec, type HostCertificate, type Problem, type Route, type RouteSnapshot, type RouteSource } from "@bosun/eskip";

/** What the proxy knows of one source: its last good snapshot, and whether its last attempt failed. */
export interface SourceState {
  readonly source: RouteSource;
  snapshot: RouteSnapshot | undefined;
  /** The problems of the last attempt when it failed; undefined after a snapshot. */
  failure: readonly Problem[] | undefined;
}

/** What the owner of a SourceSet hears of each delivery, once the set has recorded it. */
export interface SourceHandlers {
  snapshot(source: RouteSource, snapshot: RouteSnapshot): void;
  failed(source: RouteSource, problems: readonly Problem[]): void;
}

/** The routes of every source in one list, and what was left out on the way. */
export interface MergedRoutes {
  readonly routes: Route[];
  /** Every source's problems, and one for each route another source's route of the same id replaced. */
  readonly problems: Problem[];
  /** routesGeneration(routes) when it is known already: the routes are one source's snapshot. */
  readonly generation: string | undefined;
  /** Every source's Gateway listeners; of one key, the first source's. */
  readonly gatewayListeners: GatewayListenerSpec[];
  /** Every source's certificates, in the sources' order. */
  readonly certificates: HostCertificate[];
}

/**
 * The sources of one proxy and the last good snapshot of each. Skipper merges its data clients'
 * routes by id with the last writer winning in no particular order (skipper-semantics §2.1);
 * here the order is the sources' order on the command line, so that the outcome is stable.
 */
export class SourceSet {
  readonly states: readonly SourceState[];

  constructor(sources: readonly RouteSource[]) {
    this.states = sources.map((source) => ({ source, snapshot: undefined, failure: undefined }));
  }

  /**
   * Starts every source, recording what each delivers before `handlers` hear of it. Resolves the
   * problems of the sources that must load at start and did not; the sources are closed then.
   */
  async start(handlers: SourceHandlers): Promise<readonly Problem[]> {
    await Promise.all(
      this.states.map((state) =>
        state.source.start({
          snapshot: (snapshot) => {
            state.snapshot = snapshot;
            state.failure = undefined;
            handlers.snapshot(state.source, snapshot);
          },
          failed: (problems) => {
            state.failure = problems;
            handlers.failed(state.source, problems);
          },
        }),
      ),
    );
    const notLoaded = this.states.filter((state) => state.source.mustLoadAtStart && state.snapshot === undefined);
    if (notLoaded.length > 0) await this.close();
    return notLoaded.flatMap((state) => state.failure ?? []);
  }

  async close(): Promise<void> {
    await Promise.all(this.states.map((state) => state.source.close()));
  }

  /** Sources that have not delivered their first snapshot yet: the proxy is not ready while any is. */
  get unsynced(): readonly RouteSource[] {
    return this.states.filter((state) => state.snapshot === undefined).map((state) => state.source);
  }

  /** Whether every source's last attempt gave a snapshot. */
  get allGood(): boolean {
    return this.states.every((state) => state.failure === undefined && state.snapshot !== undefined);
  }

  merged(): MergedRoutes {
    const delivered = this.states.filter((state) => state.snapshot !== undefined);
    // One source alone replaces nothing: its snapshot is the table's input as it is, generation and all.
    const gatewayListeners = listenersOf(delivered.map((state) => state.snapshot!));
    const certificates = delivered.flatMap((state) => state.snapshot!.certificates ?? []);
    if (delivered.length === 1) {
      const { routes, problems, generation } = delivered[0]!.snapshot!;
      return { routes: [...routes], problems: [...problems], generation, gatewayListeners, certificates };
    }
    const winner = new Map<string, RouteSource>();
    for (const { source, snapshot } of this.states) for (const route of snapshot?.routes ?? []) winner.set(route.id, source);
    const routes: Route[] = [];
    const problems: Problem[] = [];
    for (const { source, snapshot } of this.states) {
      if (snapshot === undefined) continue;
      for (const problem of snapshot.problems) problems.push(problem);
      // Within one source a repeated id is the route table's to reject, with both routes in view.
      for (const route of snapshot.routes) {
        const kept = winner.get(route.id)!;
        if (kept === source) routes.push(route);
        else problems.push(replacedProblem(route, source, kept));
      }
    }
    return { routes, problems, generation: undefined, gatewayListeners, certificates };
  }
}

function listenersOf(snapshots: readonly RouteSnapshot[]): GatewayListenerSpec[] {
  const byKey = new Map<string, GatewayListenerSpec>();
  for (const snapshot of snapshots) for (const listener of snapshot.gatewayListeners ?? []) if (!byKey.has(listener.key)) byKey.set(listener.key, listener);
  return [...byKey.values()];
}

function replacedProblem(route: Route, source: RouteSource, winner: RouteSource): Problem {
  return {
    level: "warning",
    place: route.origin ? originPlace(route.origin) : { kind: "other", what: source.name },
    code: "replaced_route",
    reason: `route ${route.id} is left out: ${winner.name} has a route of the same id, which replaces it`,
  };
}
