import type { Call, Route } from "@bosun/eskip";
import type { RouteProblem } from "./route-problem.js";
import { type Narrowing, type Predicate, type PredicateEnvironment, type TreePath } from "./predicate.js";
import type { PredicateRegistry } from "./registry.js";

/**
 * A route made ready for matching: its predicates instantiated once, its weight computed
 * (skipper-semantics §2.1–2.2). Failure rejects this route alone, with Skipper's wording.
 */

export interface PredicateCheck {
  readonly call: Call;
  readonly predicate: Predicate;
}

export interface CompiledRoute {
  readonly route: Route;
  /** The position in the table's input: equal weights keep input order. */
  readonly index: number;
  readonly weight: number;
  /** The predicates that test the request, in the order written (Path and PathSubtree excluded). */
  readonly checks: readonly PredicateCheck[];
  /**
   * The same matchers without their calls, but for the Listener check, whose work the table's
   * listener domains do: what a lookup runs.
   */
  readonly matchers: readonly Predicate[];
  /**
   * The one of `matchers` that a request whose Host header is one of `narrowing.hosts` exactly
   * need not run: the index implies it.
   */
  readonly hostMatcher: Predicate | undefined;
  /** The check that puts the route in a listener's domain (`narrowing.listener`), for `explain` to name. */
  readonly listenerCheck: PredicateCheck | undefined;
  /** Where Path or PathSubtree places the route; undefined for a route without either. */
  readonly treePath: TreePath | undefined;
  /** What its predicates require of a request, as far as the table's indexes can use it. */
  readonly narrowing: Narrowing;
}

export class RouteRejection extends Error {
  override readonly name = "RouteRejection";
  readonly code = "BOSUN_ROUTE_REJECTED";

  constructor(readonly problems: readonly RouteProblem[]) {
    super(problems.map((problem) => problem.reason).join("; "));
  }
}

/** `isFilterName` tells a filter written as a predicate apart from an unknown name. */
export function compileRoute(
  route: Route,
  index: number,
  registry: PredicateRegistry,
  environment: PredicateEnvironment,
  isFilterName?: (name: string) => boolean,
): CompiledRoute {
  const checks: PredicateCheck[] = [];
  // Predicates such as Host count once per distinct argument; most routes have none of them.
  let countedKeys: Set<string> | undefined;
  let weight = 0;
  let treePath: TreePath | undefined;
  let hosts: readonly string[] | undefined;
  let hostCheck: PredicateCheck | undefined;
  let firstPathSegment: string | undefined;
  let listener: string | undefined;
  let listenerCheck: PredicateCheck | undefined;
  // A route with a problem is checked to its end, so that it reports all its problems at once.
  let problems: RouteProblem[] | undefined;
  const predicates = route.predicates;
  for (let predicateIndex = 0; predicateIndex < predicates.length; predicateIndex++) {
    const call = predicates[predicateIndex]!;
    const checked = registry.check(call, isFilterName);
    if (typeof checked === "string") {
      (problems ??= []).push({ reason: checked, part: { kind: "predicate", index: predicateIndex } });
      continue;
    }
    const { spec, args } = checked;
    const key = spec.weightKey?.(args);
    if (key === undefined) {
      weight += spec.weight?.(args) ?? 1;
    } else if (!countedKeys?.has(`${call.name}\0${key}`)) {
      weight += spec.weight?.(args) ?? 1;
      (countedKeys ??= new Set()).add(`${call.name}\0${key}`);
    }
    const place = spec.treePath?.(args);
    if (place) {
      if (treePath) (problems ??= []).push({ reason: `multiple tree predicates (Path, PathSubtree) in the route: ${route.id}` });
      treePath = place;
      continue;
    }
    const narrowing = spec.narrows?.(args);
    firstPathSegment ??= narrowing?.firstPathSegment;
    const check = { call, predicate: spec.create(args, environment) };
    checks.push(check);
    if (hosts === undefined && narrowing?.hosts) {
      hosts = narrowing.hosts;
      if (narrowing.matchesEveryHostKey) hostCheck = check;
    }
    if (narrowing?.listener !== undefined) {
      // A route is in one listener's domain or in none: two would be two tables at once.
      if (listenerCheck) (problems ??= []).push({ reason: `multiple listener predicates (Listener) in the route: ${route.id}`, part: { kind: "predicate", index: predicateIndex } });
      listener = narrowing.listener;
      listenerCheck = check;
    }
  }
  if (problems) throw new RouteRejection(problems);
  return {
    route,
    index,
    weight,
    checks,
    matchers: predicatesOf(checks, listenerCheck),
    hostMatcher: hostCheck?.predicate,
    listenerCheck,
    treePath,
    narrowing: { hosts, firstPathSegment, listener },
  };
}

/** One shared empty list: most routes need no check beyond path and host, and it stays in cache. */
const noPredicates: readonly Predicate[] = Object.freeze([]);

function predicatesOf(checks: readonly PredicateCheck[], leftOut: PredicateCheck | undefined): readonly Predicate[] {
  const run = leftOut ? checks.filter((check) => check !== leftOut) : checks;
  return run.length === 0 ? noPredicates : run.map((check) => check.predicate);
}
