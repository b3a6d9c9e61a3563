import type { Work } from "@bosun/eskip";
import { candidate } from "./candidate.js";
import { CandidateIndexBuilder, type CandidateIndex } from "./candidate-index.js";
import type { CompiledRoute } from "./compile-route.js";
import { requestHostKey } from "./host-index.js";
import { RequestMatchContext } from "./match-context.js";
import { FixedMatch, ParamsMatchMaker, type MatchMaker } from "./matches.js";
import { capturesParams, type TreeKey } from "./path-pattern.js";
import { PathTree, type LeafVisitor } from "./path-tree.js";
import { PathTreeBuilder } from "./path-tree-builder.js";
import type { MatchContext, PredicateEnvironment } from "./predicate.js";
import { HttpRoutingRequest, type RoutingRequest } from "./request.js";
import { RoutesWithoutPath } from "./routes-without-path.js";

const emptyRequest = new HttpRoutingRequest({ method: "GET", url: "/" });

/**
 * Compiled routes indexed for lookup: the path tree, the routes without path, and the candidate
 * lists they lead to. A lookup walks the tree and tests only the short, priority-ordered list at
 * each leaf it reaches, then the routes without a path.
 */
export class LookupLayer {
  private readonly search: CandidateSearch;

  private constructor(
    private readonly tree: PathTree,
    private readonly withoutPath: RoutesWithoutPath,
    private readonly index: CandidateIndex<MatchMaker>,
    private readonly context: RequestMatchContext,
  ) {
    this.search = new CandidateSearch(index, context);
  }

  /**
   * `keysOf` holds each route's tree keys, undefined for a route without path; the work pauses per
   * route. The layer indexes the routes of one listener domain (listener-domains.ts): with
   * `listener` undefined, those without a Listener predicate; the others are left out.
   */
  static *building(
    compiled: readonly CompiledRoute[],
    keysOf: readonly (readonly TreeKey[] | undefined)[],
    environment: PredicateEnvironment,
    listener?: string,
  ): Work<LookupLayer> {
    const candidates = new CandidateIndexBuilder();
    const treeBuilder = new PathTreeBuilder(() => candidates.newLeaf());
    const withoutPath = new RoutesWithoutPath(candidates);
    for (let slot = 0; slot < compiled.length; slot++) {
      const route = compiled[slot]!;
      if (route.narrowing.listener !== listener) continue;
      const keys = keysOf[slot];
      if (!keys) withoutPath.add(candidate(route, undefined));
      else for (const key of keys) candidates.add(treeBuilder.leafAt(key.segments), candidates.addCandidate(candidate(route, key)));
      yield;
    }
    withoutPath.seal();
    // Most keys capture nothing: their match is the same for every request and made once here.
    const index: CandidateIndex<MatchMaker> = yield* candidates.building((entry) =>
      entry.key && capturesParams(entry.key) ? new ParamsMatchMaker(entry) : new FixedMatch(entry),
    );
    withoutPath.resolveHandles((leafId) => index.handleOf(leafId));
    const tree = yield* PathTree.building(treeBuilder, (leafId) => index.handleOf(leafId));
    return new LookupLayer(tree, withoutPath, index, new RequestMatchContext(emptyRequest, environment));
  }

  /** The same layer, sharing all it holds, with the candidates at these payload positions left out. */
  withMasked(masked: ReadonlySet<number>): LookupLayer {
    return new LookupLayer(this.tree, this.withoutPath, this.index.withMasked(masked), this.context);
  }

  /** Where each candidate's match maker is, with the route it is of: what a layer above masks by. */
  *payloadPositions(): Generator<{ readonly compiled: CompiledRoute; readonly position: number }> {
    for (const position of this.index.payloadPositions()) yield { compiled: this.index.payload(position).candidate.compiled, position };
  }

  /** The match maker of the candidate Skipper would choose for the request, or undefined. */
  first(request: RoutingRequest): MatchMaker | undefined {
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
      if (found >= 0) return this.index.payload(found);
    }
    let found = this.tree.find(path, this.search.prepare(hostId, hostIsKey, staticLeaf));
    if (found < 0) found = this.index.firstMatch(this.withoutPath.leafFor(path), hostId, hostIsKey, context);
    return found < 0 ? undefined : this.index.payload(found);
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
