import { Leaf, type Candidate } from "./leaf.js";
import { firstSegmentOfPath } from "./regexp-text.js";

/**
 * The routes with no Path or PathSubtree, tried when the path tree has nothing (skipper-semantics
 * §2.2 step 4). Many of them carry an anchored PathRegexp such as `^/reports/[0-9]+`; they are
 * filed under that first path segment, so a request is tested only against the routes of its own
 * first segment and those that could match any path.
 */
export class RoutesWithoutPath {
  private readonly anyPath = new Leaf();
  private readonly bySegment = new Map<string, Leaf>();

  add(candidate: Candidate): void {
    const segment = candidate.compiled.narrowing.firstPathSegment;
    if (segment === undefined) {
      this.anyPath.add(candidate);
      return;
    }
    let leaf = this.bySegment.get(segment);
    if (!leaf) this.bySegment.set(segment, (leaf = new Leaf()));
    leaf.add(candidate);
  }

  seal(): void {
    const anyPath = this.anyPath.collectedCandidates();
    for (const leaf of this.bySegment.values()) {
      for (const candidate of anyPath) leaf.add(candidate);
      leaf.seal();
    }
    this.anyPath.seal();
  }

  candidatesFor(path: string, hostKey: string, hostIsKey: boolean): readonly Candidate[] {
    return (this.bySegment.get(firstSegmentOfPath(path)) ?? this.anyPath).candidatesFor(hostKey, hostIsKey);
  }
}
