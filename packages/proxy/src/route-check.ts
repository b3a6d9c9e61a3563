import { ArgsError, type Backend, type Call, type Route } from "@bosun/eskip";
import { backendPoolOf, type Filter } from "@bosun/filters";
import type { RouteProblem } from "@bosun/routing";
import { BackendError, type BackendHandler } from "./backends/backend.js";
import { createBackend } from "./backends/create-backend.js";
import type { ProxyTableOptions } from "./proxy-table.js";

/** A route made ready to serve: its filters instantiated and its backend set up, once per table. */
export interface RouteProgram {
  readonly route: Route;
  readonly filters: readonly Filter[];
  readonly backend: BackendHandler;
}

/**
 * The one check of a route against the predicate, filter and backend registries. `serve` builds
 * its table through `prepare`; `check`, `validate` and `explain` ask the same questions, so a
 * problem reads the same in all of them. Every part is checked: a route reports all its problems.
 */
export class RouteChecker {
  constructor(private readonly options: ProxyTableOptions) {}

  /** Why the predicate call cannot be made, or undefined when it can. */
  private predicateProblem(call: Call): string | undefined {
    const checked = this.options.predicates.check(call, this.isFilterName);
    return typeof checked === "string" ? checked : undefined;
  }

  /** Tells a filter written as a predicate apart from an unknown name; the route table asks it too. */
  readonly isFilterName = (name: string): boolean => this.options.filters.get(name) !== undefined;

  /**
   * The route's program, or every problem that keeps it from being served. Its predicates are
   * made by the route table, which rejects a route for them with the same words; they are
   * checked here only for a route rejected already, to report all its problems at once.
   */
  prepare(route: Route): RouteProgram | RouteProblem[] {
    const problems: RouteProblem[] = [];
    // skipper-semantics §4.6: a forward route loses all its filters, so they are never made.
    const filterCalls = route.backend.type === "forward" ? [] : route.filters;
    const filters: Filter[] = [];
    filterCalls.forEach((call, index) => {
      const made = this.makeFilter(call);
      if (typeof made === "string") problems.push({ reason: made, part: { kind: "filter", index } });
      else filters.push(made);
    });
    const backend = this.makeBackend(route.backend, route.id, backendPoolOf(route.filters));
    if (typeof backend === "string") problems.push({ reason: backend, part: { kind: "backend" } });
    if (problems.length === 0 && typeof backend !== "string") return { route, filters, backend };
    return [...this.predicateProblems(route), ...problems];
  }

  /** Every problem of the route, its predicates' too, for a tool that only reports (`bosun validate`). */
  problemsOf(route: Route): RouteProblem[] {
    const prepared = this.prepare(route);
    return Array.isArray(prepared) ? prepared : this.predicateProblems(route);
  }

  predicateProblems(route: Route): RouteProblem[] {
    const problems: RouteProblem[] = [];
    route.predicates.forEach((call, index) => {
      const reason = this.predicateProblem(call);
      if (reason !== undefined) problems.push({ reason, part: { kind: "predicate", index } });
    });
    return problems;
  }

  private makeFilter(call: Call): Filter | string {
    const { filters, predicates, filterEnvironment } = this.options;
    const checked = filters.check(call, (name) => predicates.get(name) !== undefined);
    if (typeof checked === "string") return checked;
    try {
      return checked.spec.create(checked.args, filterEnvironment);
    } catch (error) {
      if (!(error instanceof ArgsError)) throw error;
      return filters.invalidArguments(call, error);
    }
  }

  private makeBackend(backend: Backend, routeId: string, pool: string | undefined): BackendHandler | string {
    try {
      return createBackend(backend, this.options, routeId, pool);
    } catch (error) {
      if (!(error instanceof BackendError)) throw error;
      return error.message;
    }
  }
}
