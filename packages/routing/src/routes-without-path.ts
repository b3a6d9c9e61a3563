import type { Candidate } from "./candidate.js";
import type { CandidateIndexBuilder } from "./candidate-index.js";
import { firstSegmentOfPath } from "./regexp-text.js";

/**
 * The routes with no Path or PathSubtree, tried when the path tree has nothing (skipper-semantics
 * §2.2 step 4). Many of them carry an anchored PathRegexp such as `^/reports/[0-9]+`; they are
 * filed under that first path segment, in a leaf of their own, so a request is tested only
 * against the routes of its own first segment and those that could match any path.
 */
export class RoutesWithoutPath {
  /** A leaf id while the table is built, the leaf's handle once resolveHandles has run. */
  private anyPath: number;
  private readonly bySegment = new Map<string, number>();

  constructor(private readonly index: CandidateIndexBuilder) {
    this.anyPath = index.newLeaf();
  }

  add(candidate: Candidate): void {
    const id = this.index.addCandidate(candidate);
    const segment = candidate.compiled.narrowing.firstPathSegment;
    if (segment === undefined) {
      this.index.add(this.anyPath, id);
      return;
    }
    let leaf = this.bySegment.get(segment);
    if (leaf === undefined) this.bySegment.set(segment, (leaf = this.index.newLeaf()));
    this.index.add(leaf, id);
  }

  /** Adds the routes for any path to every segment's leaf; called once, before the index is built. */
  seal(): void {
    const anyPath = this.index.candidatesOf(this.anyPath);
    for (const leaf of this.bySegment.values()) {
      for (const id of anyPath) this.index.add(leaf, id);
    }
  }

  /** Turns the leaf ids into the handles lookups pass the built index; called once, after it is built. */
  resolveHandles(handleOf: (leafId: number) => number): void {
    this.anyPath = handleOf(this.anyPath);
    for (const [segment, leaf] of this.bySegment) this.bySegment.set(segment, handleOf(leaf));
  }

  /** The handle of the leaf a request path's routes without path are in. */
  leafFor(path: string): number {
    return this.bySegment.get(firstSegmentOfPath(path)) ?? this.anyPath;
  }
}
