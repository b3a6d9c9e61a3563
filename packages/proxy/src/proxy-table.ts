import { createHash } from "node:crypto";
import { ArgsError, printArg, printRoutes, type Route } from "@bosun/eskip";
import type { Filter, FilterEnvironment, FilterRegistry } from "@bosun/filters";
import { defaultFilterRegistry, RateLimiters } from "@bosun/filters";
import { defaultPredicateRegistry, RouteTable, type PredicateRegistry, type RejectedRoute } from "@bosun/routing";
import { defaultAlgorithms } from "./backends/lb/algorithm.js";
import { BackendError, type BackendHandler } from "./backends/backend.js";
import { createBackend, type BackendOptions } from "./backends/create-backend.js";

/** A route made ready to serve: its filters instantiated and its backend set up, once per table. */
export interface RouteProgram {
  readonly route: Route;
  readonly filters: readonly Filter[];
  readonly backend: BackendHandler;
}

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
  /** A content hash of the routes (ARCHITECTURE.md): two replicas with one generation serve alike. */
  readonly generation: string;

  private constructor(
    readonly routes: RouteTable,
    programs: Map<Route, RouteProgram>,
    rejected: RejectedRoute[],
  ) {
    this.programs = programs;
    this.rejected = rejected;
    this.generation = createHash("sha256").update(printRoutes(routes.routes)).digest("hex").slice(0, 12);
  }

  static build(routes: readonly Route[], options: ProxyTableOptions): ProxyTable {
    const programs = new Map<Route, RouteProgram>();
    const rejected: RejectedRoute[] = [];
    const usable: Route[] = [];
    for (const route of routes) {
      try {
        programs.set(route, makeProgram(route, options));
        usable.push(route);
      } catch (error) {
        if (!(error instanceof BackendError || error instanceof FilterRejection)) throw error;
        rejected.push({ route, reason: error.message });
      }
    }
    const table = RouteTable.build(usable, { registry: options.predicates, environment: { now: options.now, random: options.random } });
    for (const entry of table.rejected) programs.delete(entry.route);
    return new ProxyTable(table, programs, [...rejected, ...table.rejected]);
  }

  get size(): number {
    return this.routes.size;
  }
}

class FilterRejection extends Error {
  override readonly name = "FilterRejection";
}

function makeProgram(route: Route, options: ProxyTableOptions): RouteProgram {
  const isForward = route.backend.type === "forward";
  const backend = createBackend(route.backend, options, route.id);
  // §4.6: a forward route loses all its filters.
  const filters = isForward ? [] : route.filters.map((call) => makeFilter(call.name, call.args, options));
  return { route, filters, backend };
}

function makeFilter(name: string, args: Route["filters"][number]["args"], options: ProxyTableOptions): Filter {
  const spec = options.filters.get(name);
  if (!spec) {
    const onlyPredicate = options.predicates.get(name) !== undefined;
    throw new FilterRejection(
      onlyPredicate
        ? `unknown_filter: trying to use "${name}" as filter, but it is only available as predicate`
        : `unknown_filter: filter "${name}" not found`,
    );
  }
  try {
    return spec.create(spec.args(args), options.filterEnvironment);
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    throw new FilterRejection(`invalid_filter_params: failed to create filter ${name}(${args.map(printArg).join(", ")}): ${error.message}`);
  }
}
