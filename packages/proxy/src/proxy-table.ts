import { routesGenerationWork, runNow, type Route, type Work } from "@bosun/eskip";
import type { FilterEnvironment, FilterRegistry } from "@bosun/filters";
import { defaultFilterRegistry, RateLimiters } from "@bosun/filters";
import { defaultPredicateRegistry, rejectedRoute, RouteTable, type PredicateRegistry, type RejectedRoute } from "@bosun/routing";
import { defaultAlgorithms } from "./backends/lb/algorithm.js";
import type { BackendOptions } from "./backends/create-backend.js";
import { RouteChecker, type RouteProgram } from "./route-check.js";

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
  readonly programs: ReadonlyMap<Route, RouteProgram>;
  readonly rejected: readonly RejectedRoute[];
  /**
   * A content hash of the routes it was built from (ARCHITECTURE.md), rejected ones too: two
   * replicas with one generation serve alike, and a proxy following a route server shows the
   * generation the server published.
   */
  readonly generation: string;

  private constructor(
    readonly routes: RouteTable,
    programs: Map<Route, RouteProgram>,
    rejected: RejectedRoute[],
    generation: string,
  ) {
    this.programs = programs;
    this.rejected = rejected;
    this.generation = generation;
  }

  static build(routes: readonly Route[], options: ProxyTableOptions): ProxyTable {
    return runNow(ProxyTable.building(routes, options));
  }

  /**
   * The same build as work that pauses once per route (slices-of-work.ts): a proxy runs it in
   * slices, so that requests in flight are answered while a table of 100k routes is built.
   */
  static *building(routes: readonly Route[], options: ProxyTableOptions): Work<ProxyTable> {
    const checker = new RouteChecker(options);
    const programs = new Map<Route, RouteProgram>();
    const rejected: RejectedRoute[] = [];
    const usable: Route[] = [];
    for (const route of routes) {
      const prepared = checker.prepare(route);
      if (Array.isArray(prepared)) {
        rejected.push(rejectedRoute(route, prepared));
      } else {
        programs.set(route, prepared);
        usable.push(route);
      }
      yield;
    }
    const table = yield* RouteTable.building(usable, {
      registry: options.predicates,
      environment: { now: options.now, random: options.random },
      isFilterName: checker.isFilterName,
    });
    for (const entry of table.rejected) programs.delete(entry.route);
    const generation = yield* routesGenerationWork(routes);
    return new ProxyTable(table, programs, [...rejected, ...table.rejected], generation);
  }

  get size(): number {
    return this.routes.size;
  }
}
