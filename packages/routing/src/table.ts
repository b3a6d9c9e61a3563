import type { Route } from "@bosun/eskip";
import { compileRoute, RouteRejection, type CompiledRoute } from "./compile-route.js";
import { requestHostKey } from "./host-index.js";
import { candidate, Leaf, type Candidate } from "./leaf.js";
import { RoutesWithoutPath } from "./routes-without-path.js";
import { RequestMatchContext, systemEnvironment } from "./match-context.js";
import { captureParams, capturesParams, PathPatternError, treeKeys, type TreeKey } from "./path-pattern.js";
import { PathTree, type LeafVisitor } from "./path-tree.js";
import type { MatchContext, Predicate, PredicateEnvironment } from "./predicate.js";
import { defaultPredicateRegistry, type PredicateRegistry } from "./registry.js";
import { HttpRoutingRequest, type RoutingRequest } from "./request.js";

const emptyRequest = new HttpRoutingRequest({ method: "GET", url: "/" });

export interface RouteTableOptions {
  readonly registry?: PredicateRegistry;
  /** The clock and random source predicates use; tests pass their own. */
  readonly environment?: Partial<PredicateEnvironment>;
}

export interface RejectedRoute {
  readonly route: Route;
  readonly reason: string;
}

export interface RouteMatch {
  readonly route: Route;
  /** Path parameters: `:name` segments, wildcards, and `*` of PathSubtree. */
  readonly params: Readonly<Record<string, string>>;
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
  private readonly tree = new PathTree<Leaf>();
  private readonly withoutPath = new RoutesWithoutPath();
  private readonly context: RequestMatchContext;
  private readonly search: CandidateSearch;

  private constructor(input: readonly Route[], options: RouteTableOptions) {
    const registry = options.registry ?? defaultPredicateRegistry();
    this.environment = { ...systemEnvironment, ...options.environment };
    this.context = new RequestMatchContext(emptyRequest, this.environment);
    this.search = new CandidateSearch(this.context);
    const rejected: RejectedRoute[] = [];
    const compiled = new Map<string, { built: CompiledRoute; keys: TreeKey[] | undefined }>();
    input.forEach((route, index) => {
      try {
        const built = compileRoute(route, index, registry, this.environment);
        const keys = built.treePath ? treeKeys(built.treePath) : undefined;
        const replaced = compiled.get(route.id);
        if (replaced) rejected.push({ route: replaced.built.route, reason: `replaced by a later route with the id ${route.id}` });
        compiled.set(route.id, { built, keys });
      } catch (error) {
        if (!(error instanceof RouteRejection || error instanceof PathPatternError)) throw error;
        rejected.push({ route, reason: error.message });
      }
    });
    for (const { built, keys } of compiled.values()) this.place(built, keys);
    for (const leaf of this.tree.leaves()) leaf.seal();
    this.withoutPath.seal();
    this.compiled = [...compiled.values()].map((entry) => entry.built);
    this.routes = this.compiled.map((entry) => entry.route);
    this.rejected = rejected;
  }

  /** Builds a table; routes that cannot be used are listed in `rejected`, the rest serve. */
  static build(routes: readonly Route[], options: RouteTableOptions = {}): RouteTable {
    return new RouteTable(routes, options);
  }

  private place(compiled: CompiledRoute, keys: readonly TreeKey[] | undefined): void {
    if (!keys) {
      this.withoutPath.add(candidate(compiled, undefined, false));
      return;
    }
    for (const key of keys) this.tree.leafAt(key.segments, () => new Leaf()).add(candidate(compiled, key, capturesParams(key)));
  }

  /** The route Skipper would choose for the request, or undefined when none matches. */
  lookup(request: RoutingRequest): RouteMatch | undefined {
    // Lookups run one at a time and predicates never look up, so one context serves them all.
    const context = this.context.reset(request);
    const host = request.host;
    const hostKey = requestHostKey(host);
    // requestHostKey returns the very string it was given when there is nothing to strip.
    const hostIsKey = hostKey === host;
    const path = request.path;
    const staticLeaf = this.tree.staticLeaf(path);
    const staticMatch = staticLeaf && firstMatch(staticLeaf.candidatesFor(hostKey, hostIsKey), context);
    if (staticMatch) return matchOf(staticMatch, path);
    const candidate =
      this.tree.find(path, this.search.prepare(hostKey, hostIsKey, staticLeaf)) ??
      firstMatch(this.withoutPath.candidatesFor(path, hostKey, hostIsKey), context);
    return candidate && matchOf(candidate, path);
  }

  get size(): number {
    return this.routes.length;
  }
}

/** Tests each leaf's candidates for the request's host; the static leaf was tried already. */
class CandidateSearch implements LeafVisitor<Leaf, Candidate> {
  private hostKey = "";
  private hostIsKey = false;
  private triedAlready: Leaf | undefined;

  constructor(private readonly context: MatchContext) {}

  prepare(hostKey: string, hostIsKey: boolean, triedAlready: Leaf | undefined): this {
    this.hostKey = hostKey;
    this.hostIsKey = hostIsKey;
    this.triedAlready = triedAlready;
    return this;
  }

  visit(leaf: Leaf): Candidate | undefined {
    return leaf === this.triedAlready ? undefined : firstMatch(leaf.candidatesFor(this.hostKey, this.hostIsKey), this.context);
  }
}

const noParams: Readonly<Record<string, string>> = Object.freeze({});

/**
 * A match whose params are cut out of the path only when asked for: most requests never need
 * them (only filters with path-parameter templates do), and a lookup waits on memory already.
 */
class Match implements RouteMatch {
  private captured: Readonly<Record<string, string>> | undefined;

  constructor(
    private readonly candidate: Candidate,
    private readonly path: string,
  ) {}

  get route(): Route {
    return this.candidate.route;
  }

  get params(): Readonly<Record<string, string>> {
    if (this.captured === undefined) {
      const candidate = this.candidate;
      this.captured = candidate.captures ? captureParams(candidate.key!, this.path) : noParams;
    }
    return this.captured;
  }
}

function matchOf(candidate: Candidate, path: string): RouteMatch {
  return new Match(candidate, path);
}

function firstMatch(candidates: readonly Candidate[], context: MatchContext): Candidate | undefined {
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    if (allMatch(candidate.matchers, context)) return candidate;
  }
  return undefined;
}

export function allMatch(matchers: readonly Predicate[], context: MatchContext): boolean {
  for (let i = 0; i < matchers.length; i++) {
    if (!matchers[i]!(context)) return false;
  }
  return true;
}
