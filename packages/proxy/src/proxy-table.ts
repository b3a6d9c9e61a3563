import { routesGenerationWork, runNow, type Route, type Work } from "@bosun/eskip";
import type { FilterEnvironment, FilterRegistry } from "@bosun/filters";
import { defaultFilterRegistry, RateLimiters } from "@bosun/filters";
import { defaultPredicateRegistry, rejectedRoute, RouteTable, type PredicateRegistry, type RejectedRoute } from "@bosun/routing";
import { defaultAlgorithms } from "./backends/lb/algorithm.js";
import type { BackendOptions } from "./backends/create-backend.js";
import { RouteChecker, type RouteProgram } from "./route-check.js";
import { GatewayListeners } from "./gateway/gateway-listeners.js";
import { HostCertificates } from "./host-certificates.js";
import { BackendPools } from "./backends/backend-pools.js";
import { LbBackend } from "./backends/lb.js";

export interface ProxyTableOptions extends BackendOptions {
  readonly predicates: PredicateRegistry;
  readonly filters: FilterRegistry;
  readonly filterEnvironment: FilterEnvironment;
  /** The clock and random source predicates use. */
  readonly now: () => number;
}

/** The built-in registries, the system clock and Math.random, with any of them replaced. */
export function tableOptions(overrides: Partial<ProxyTableOptions> = {}): ProxyTableOptions {
  const now = overrides.now ?? Date.now;
  const random = overrides.random ?? Math.random;
  return {
    predicates: defaultPredicateRegistry(),
    filters: defaultFilterRegistry(),
    filterEnvironment: { now, random, rateLimiters: new RateLimiters() },
    algorithms: defaultAlgorithms(),
    pools: new BackendPools(),
    forwardUrl: undefined,
    ...overrides,
    now,
    random,
  };
}

/**
 * The routes the proxy serves: the route table, and per route its program. Built whole off the
 * request path and swapped in one assignment; a request keeps the table it started with.
 */
export class ProxyTable {
  readonly rejected: readonly RejectedRoute[];
  /**
   * A content hash of the routes it was built from (ARCHITECTURE.md), rejected ones too: two
   * replicas with one generation serve alike, and a proxy following a route server shows the
   * generation the server published.
   */
  readonly generation: string;
  /**
   * The Gateway listeners of the sources it was built from, by which requests on Gateway ports
   * find their listener: set once by the proxy before the table serves, so that a listener and
   * its routes come into service together.
   */
  gatewayListeners: GatewayListeners = GatewayListeners.none;
  /** The certificates of the sources' Ingresses and RouteGroups, which the proxy's own address serves; set as `gatewayListeners` is. */
  hostCertificates: HostCertificates = HostCertificates.none;

  private constructor(
    readonly routes: RouteTable,
    /** The programs of the table built whole that `routes` is layered over (RouteTable.base). */
    private readonly wholePrograms: ReadonlyMap<Route, RouteProgram>,
    /** The programs of the routes of its layer of changes; empty for a table built whole. */
    private readonly changedPrograms: ReadonlyMap<Route, RouteProgram>,
    /** The routes whose filters or backend could not be made: a table after it rejects them again as they are. */
    private readonly unprepared: ReadonlyMap<Route, RejectedRoute>,
    rejected: RejectedRoute[],
    generation: string,
    /** What it was built with: a table built after it with the same options reuses its programs. */
    private readonly options: ProxyTableOptions,
    /** The routes it was built from, and per route its place in `routes.base.compiled` or -1 (see `slotsOf`). */
    private readonly input: readonly Route[],
    private readonly inputSlots: Int32Array,
  ) {
    this.rejected = rejected;
    this.generation = generation;
  }

  static build(routes: readonly Route[], options: ProxyTableOptions, previous?: ProxyTable): ProxyTable {
    return runNow(ProxyTable.building(routes, options, previous));
  }

  /**
   * The same build as work that pauses every few routes (slices-of-work.ts): a proxy runs it in
   * slices, so that requests in flight are answered while a table of 100k routes is built.
   *
   * A route that is the very object `previous` served keeps its program, and with it the state of
   * its filters and backend (a limiter's counts, a load balancer's position),
   * and its compiled predicates. A change to a few routes makes programs for those alone, kept
   * beside the whole table's as the route table keeps its layer of changes beside the whole one.
   * `generation` is the routes' generation when the caller has it already (a source's snapshot).
   * `rebuildWhole` builds the route table whole even where a layer of changes would do.
   */
  static *building(routes: readonly Route[], options: ProxyTableOptions, previous?: ProxyTable, generation?: string, rebuildWhole = false): Work<ProxyTable> {
    const checker = new RouteChecker(options);
    const reusable = previous?.options === options ? previous : undefined;
    const whole = reusable?.wholePrograms ?? noPrograms;
    const changedBefore = reusable?.changedPrograms ?? noPrograms;
    const unpreparedBefore = reusable?.unprepared ?? noRejections;
    const changed = new Map<Route, RouteProgram>();
    const unprepared = new Map<Route, RejectedRoute>();
    const usable = new Array<Route>(routes.length);
    let usableCount = 0;
    // The routes of the whole table are the routes with a whole program: their places tell both, and the route table is given them.
    const slotAt = reusable?.slotsOf(routes);
    const inputSlots = new Int32Array(routes.length).fill(-1);
    const slots = new Int32Array(routes.length);
    /** Takes the kept routes from `from` on, up to the first that is not or `to`; a plain loop, as a generator's costs 3 times as much. */
    const takeKept = (from: number, to: number): number => {
      if (slotAt === undefined) return from;
      let at = from;
      for (; at < to; at++) {
        const slot = slotAt(at);
        if (slot < 0) break;
        slots[usableCount] = slot;
        usable[usableCount++] = routes[at]!;
        inputSlots[at] = slot;
      }
      return at;
    };
    for (let i = 0; i < routes.length; ) {
      const end = Math.min(routes.length, i + keptRun);
      i = takeKept(i, end);
      if (i === end) {
        yield;
        continue;
      }
      const route = routes[i++]!;
      const rejectedBefore = unpreparedBefore.get(route);
      if (rejectedBefore) {
        unprepared.set(route, rejectedBefore);
        continue;
      }
      const prepared = changedBefore.get(route) ?? checker.prepare(route);
      if (Array.isArray(prepared)) {
        unprepared.set(route, rejectedRoute(route, prepared));
      } else {
        changed.set(route, prepared);
        slots[usableCount] = -1;
        usable[usableCount++] = route;
      }
      // Making a program may take a while: pause after each.
      yield;
    }
    usable.length = usableCount;
    const table = yield* RouteTable.building(usable, {
      registry: options.predicates,
      environment: { now: options.now, random: options.random },
      isFilterName: checker.isFilterName,
      ...(reusable ? { previous: reusable.routes, slotsInPreviousBase: slots.subarray(0, usableCount) } : {}),
      whole: rebuildWhole,
    });
    for (const entry of table.rejected) changed.delete(entry.route);
    const hash = generation ?? (yield* routesGenerationWork(routes));
    const rejected = [...unprepared.values(), ...table.rejected];
    // Layered over the same whole table, the whole table's programs are shared; otherwise this one is whole.
    if (reusable && table.base === reusable.routes.base) return new ProxyTable(table, whole, changed, unprepared, rejected, hash, options, routes, inputSlots);
    const programs = yield* wholeProgramsOf(table, whole, changed);
    options.pools?.retain(poolKeysOf(programs));
    // Made now, in slices, rather than by the first change after this table.
    const { slotsByRoute } = yield* table.preparingForChanges();
    for (let i = 0; i < routes.length; i++) {
      inputSlots[i] = slotsByRoute.get(routes[i]!) ?? -1;
      if ((i & pauseEvery) === pauseEvery) yield;
    }
    return new ProxyTable(table, programs, noPrograms, unprepared, rejected, hash, options, routes, inputSlots);
  }

  /**
   * Per position of `routes`, the place in `this.routes.base` of the route there, or -1. A source
   * that changes one object sends the list before with a few routes replaced, added or dropped: a
   * route is found by identity at its old position, or a few positions away (which then becomes
   * the shift for the rest), and only where neither holds by a lookup of the route. At 10k routes
   * a map lookup per route was a third of what a change cost the serving thread.
   */
  private slotsOf(routes: readonly Route[]): (at: number) => number {
    const { input, inputSlots } = this;
    let slotOf: ReadonlyMap<Route, number> | undefined;
    let shift = 0;
    return (at) => {
      const route = routes[at]!;
      const expected = at + shift;
      if (input[expected] === route) return inputSlots[expected]!;
      for (let distance = 1; distance <= nearby; distance++) {
        for (const candidate of [expected + distance, expected - distance]) {
          if (input[candidate] !== route) continue;
          shift = candidate - at;
          return inputSlots[candidate]!;
        }
      }
      slotOf ??= this.routes.base.slotsByRoute();
      return slotOf.get(route) ?? -1;
    };
  }

  /** Whether its route table is a layer of changes over a table built whole (RouteTable.base). */
  get layered(): boolean {
    return this.routes.base !== this.routes;
  }

  /**
   * The same table built whole, every program and compiled predicate kept: what a proxy builds
   * while it is idle, so that the layer of changes starts empty again before a change has to.
   */
  *compacting(): Work<ProxyTable> {
    const table = yield* ProxyTable.building(this.input, this.options, this, this.generation, true);
    table.gatewayListeners = this.gatewayListeners;
    table.hostCertificates = this.hostCertificates;
    return table;
  }

  /** The program of a route the table serves. */
  programOf(route: Route): RouteProgram | undefined {
    return this.changedPrograms.get(route) ?? this.wholePrograms.get(route);
  }

  get size(): number {
    return this.routes.size;
  }
}

const noPrograms: ReadonlyMap<Route, RouteProgram> = new Map();
const noRejections: ReadonlyMap<Route, RejectedRoute> = new Map();
/** Cheap steps (a program reused, a place looked up) pause once per this many + 1 routes; each program made pauses too. */
const pauseEvery = 1023;
/** Kept routes taken at once before a pause. */
const keptRun = pauseEvery + 1;

/** How far from its old position a kept route is looked for, once the list no longer lines up with the one before. */
const nearby = 8;

/** The backend pools a table's routes use: every other pool's balancer can go. */
function poolKeysOf(programs: ReadonlyMap<Route, RouteProgram>): Set<string> {
  const keys = new Set<string>();
  for (const { backend } of programs.values()) if (backend instanceof LbBackend && backend.pool) keys.add(backend.pool.key);
  return keys;
}

/** Every program of a table built whole, in one map. */
function* wholeProgramsOf(table: RouteTable, whole: ReadonlyMap<Route, RouteProgram>, changed: ReadonlyMap<Route, RouteProgram>): Work<Map<Route, RouteProgram>> {
  const programs = new Map<Route, RouteProgram>();
  const routes = table.routes;
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i]!;
    programs.set(route, changed.get(route) ?? whole.get(route)!);
    if ((i & pauseEvery) === pauseEvery) yield;
  }
  return programs;
}
