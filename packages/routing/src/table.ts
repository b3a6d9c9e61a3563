import { runNow, type Route, type Work } from "@bosun/eskip";
import { candidate } from "./candidate.js";
import { CandidateIndexBuilder, type CandidateIndex } from "./candidate-index.js";
import { compileRoute, RouteRejection, type CompiledRoute } from "./compile-route.js";
import { requestHostKey } from "./host-index.js";
import { rejectedRoute, type RejectedRoute } from "./route-problem.js";
import { RoutesWithoutPath } from "./routes-without-path.js";
import { RequestMatchContext, systemEnvironment } from "./match-context.js";
import { FixedMatch, ParamsMatchMaker, type MatchMaker, type RouteMatch } from "./matches.js";
import { capturesParams, PathPatternError, treeKeys, type TreeKey } from "./path-pattern.js";
import { PathTree, type LeafVisitor } from "./path-tree.js";
import { PathTreeBuilder } from "./path-tree-builder.js";
import type { MatchContext, PredicateEnvironment } from "./predicate.js";
import { defaultPredicateRegistry, type PredicateRegistry } from "./registry.js";
import { HttpRoutingRequest, type RoutingRequest } from "./request.js";

export type { RouteMatch } from "./matches.js";
export type { RejectedRoute } from "./route-problem.js";

const emptyRequest = new HttpRoutingRequest({ method: "GET", url: "/" });

export interface RouteTableOptions {
  readonly registry?: PredicateRegistry;
  /** The clock and random source predicates use; tests pass their own. */
  readonly environment?: Partial<PredicateEnvironment>;
  /** The filters' names, so that a filter written as a predicate is told apart from an unknown name. */
  readonly isFilterName?: (name: string) => boolean;
}


/**
 * An immutable route table (skipper-semantics §2). Building it instantiates every predicate and
 * indexes the routes by path and host; a lookup walks the path tree and tests only the short,
 * priority-ordered candidate list at each leaf it reaches, then the routes without a path.
 */
export class RouteTable {
  readonly routes: readonly Route[];
  readonly rejected: readonly RejectedRoute[];
  readonly compiled: readonly CompiledRoute[];
  readonly environment: PredicateEnvironment;
  private readonly tree: PathTree;
  private readonly withoutPath: RoutesWithoutPath;
  private readonly index: CandidateIndex<MatchMaker>;
  private readonly context: RequestMatchContext;
  private readonly search: CandidateSearch;

  private constructor(parts: {
    environment: PredicateEnvironment;
    context: RequestMatchContext;
    tree: PathTree;
    withoutPath: RoutesWithoutPath;
    index: CandidateIndex<MatchMaker>;
    compiled: CompiledRoute[];
    rejected: RejectedRoute[];
  }) {
    this.environment = parts.environment;
    this.context = parts.context;
    this.tree = parts.tree;
    this.withoutPath = parts.withoutPath;
    this.index = parts.index;
    this.search = new CandidateSearch(this.index, this.context);
    this.compiled = parts.compiled;
    this.routes = parts.compiled.map((entry) => entry.route);
    this.rejected = parts.rejected;
  }

  /** Builds a table; routes that cannot be used are listed in `rejected`, the rest serve. */
  static build(routes: readonly Route[], options: RouteTableOptions = {}): RouteTable {
    return runNow(RouteTable.building(routes, options));
  }

  /** The same build as work that pauses once per route (slices-of-work.ts). */
  static *building(input: readonly Route[], options: RouteTableOptions = {}): Work<RouteTable> {
    const environment = { ...systemEnvironment, ...options.environment };
    const context = new RequestMatchContext(emptyRequest, environment);
    const { built, keysOf, rejected } = yield* compileAll(input, options.registry ?? defaultPredicateRegistry(), environment, options.isFilterName);
    const candidates = new CandidateIndexBuilder();
    const treeBuilder = new PathTreeBuilder(() => candidates.newLeaf());
    const withoutPath = new RoutesWithoutPath(candidates);
    for (let slot = 0; slot < built.length; slot++) {
      const route = built[slot]!;
      const keys = keysOf[slot];
      if (!keys) withoutPath.add(candidate(route, undefined));
      else for (const key of keys) candidates.add(treeBuilder.leafAt(key.segments), candidates.addCandidate(candidate(route, key)));
      yield;
    }
    withoutPath.seal();
    // Most keys capture nothing: their match is the same for every request and made once here.
    const index: CandidateIndex<MatchMaker> = yield* candidates.building((entry) =>
      entry.key && capturesParams(entry.key) ? new ParamsMatchMaker(entry) : new FixedMatch(entry.compiled.route),
    );
    withoutPath.resolveHandles((leafId) => index.handleOf(leafId));
    const tree = yield* PathTree.building(treeBuilder, (leafId) => index.handleOf(leafId));
    return new RouteTable({ environment, context, tree, withoutPath, index, compiled: built, rejected });
  }

  /** The route Skipper would choose for the request, or undefined when none matches. */
  lookup(request: RoutingRequest): RouteMatch | undefined {
    // Lookups run one at a time and predicates never look up, so one context serves them all.
    const context = this.context.reset(request);
    const host = request.host;
    const hostKey = requestHostKey(host);
    // requestHostKey returns the very string it was given when there is nothing to strip.
    const hostIsKey = hostKey === host;
    const hostId = this.index.hostId(hostKey);
    const path = request.path;
    const staticLeaf = this.tree.staticLeaf(path);
    if (staticLeaf >= 0) {
      const found = this.index.firstMatch(staticLeaf, hostId, hostIsKey, context);
      if (found >= 0) return this.index.payload(found).matchFor(path);
    }
    let found = this.tree.find(path, this.search.prepare(hostId, hostIsKey, staticLeaf));
    if (found < 0) found = this.index.firstMatch(this.withoutPath.leafFor(path), hostId, hostIsKey, context);
    return found < 0 ? undefined : this.index.payload(found).matchFor(path);
  }

  get size(): number {
    return this.routes.length;
  }
}

/** Tests each leaf's candidates for the request's host; the static leaf was tried already. */
class CandidateSearch implements LeafVisitor {
  private hostId = -1;
  private hostIsKey = false;
  private triedAlready = -1;

  constructor(
    private readonly index: CandidateIndex<MatchMaker>,
    private readonly context: MatchContext,
  ) {}

  prepare(hostId: number, hostIsKey: boolean, triedAlready: number): this {
    this.hostId = hostId;
    this.hostIsKey = hostIsKey;
    this.triedAlready = triedAlready;
    return this;
  }

  visit(leaf: number): number {
    return leaf === this.triedAlready ? -1 : this.index.firstMatch(leaf, this.hostId, this.hostIsKey, this.context);
  }
}

/**
 * Compiles every route, each alone: one that cannot be used is rejected with the reason, and a
 * later route with the same id takes the place of the earlier one, in the table's order too.
 */
function* compileAll(
  input: readonly Route[],
  registry: PredicateRegistry,
  environment: PredicateEnvironment,
  isFilterName: ((name: string) => boolean) | undefined,
): Work<{ built: CompiledRoute[]; keysOf: (TreeKey[] | undefined)[]; rejected: RejectedRoute[] }> {
  const built: CompiledRoute[] = [];
  const keysOf: (TreeKey[] | undefined)[] = [];
  const rejected: RejectedRoute[] = [];
  const slotById = new Map<string, number>();
  for (let index = 0; index < input.length; index++) {
    const route = input[index]!;
    try {
      const compiled = compileRoute(route, index, registry, environment, isFilterName);
      const keys = compiled.treePath ? treeKeys(compiled.treePath) : undefined;
      const replaced = slotById.get(route.id);
      if (replaced !== undefined) rejected.push(rejectedRoute(built[replaced]!.route, [{ reason: `replaced by a later route with the id ${route.id}` }]));
      const slot = replaced ?? built.length;
      slotById.set(route.id, slot);
      built[slot] = compiled;
      keysOf[slot] = keys;
    } catch (error) {
      if (error instanceof RouteRejection) rejected.push(rejectedRoute(route, error.problems));
      else if (error instanceof PathPatternError) rejected.push(rejectedRoute(route, [{ reason: error.message, part: { kind: "predicate", index: treePredicateIndex(route) } }]));
      else throw error;
    }
    yield;
  }
  return { built, keysOf, rejected };
}

/** Where the route's Path or PathSubtree is, for a problem with its pattern. */
function treePredicateIndex(route: Route): number {
  return route.predicates.findIndex((call) => call.name === "Path" || call.name === "PathSubtree");
}
