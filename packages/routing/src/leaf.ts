import type { CompiledRoute } from "./compile-route.js";
import type { Predicate } from "./predicate.js";
import type { TreeKey } from "./path-pattern.js";

/** A route at one place of the tree: the same route sits at several places for PathSubtree. */
export interface Candidate {
  readonly compiled: CompiledRoute;
  /** The route's matchers, kept here so that a lookup reads one object less per candidate. */
  readonly matchers: readonly Predicate[];
  readonly key: TreeKey | undefined;
  /** Whether the key captures parameters; most do not, and their lookups skip the capture. */
  readonly captures: boolean;
}

export function candidate(compiled: CompiledRoute, key: TreeKey | undefined, captures: boolean): Candidate {
  return { compiled, matchers: compiled.matchers, key, captures };
}

/** Skipper's order within a leaf: higher weight first; equal weights keep input order. */
export function byPriority(a: Candidate, b: Candidate): number {
  return b.compiled.weight - a.compiled.weight || a.compiled.index - b.compiled.index;
}

const noHosts: ReadonlyMap<string, readonly Candidate[]> = new Map();

/** The candidates of one tree key (or of the routes without path), split by host key. */
export class Leaf {
  private collected: Candidate[] = [];
  /** Candidates whose Host regexp yields no key, or that have no Host predicate. */
  private anyHost: readonly Candidate[] = [];
  private byHost: ReadonlyMap<string, readonly Candidate[]> = noHosts;
  /** Most leaves serve one host: a string comparison then replaces the map. */
  private onlyHost: string | undefined;
  private onlyHostCandidates: readonly Candidate[] = [];

  add(candidate: Candidate): void {
    this.collected.push(candidate);
  }

  /** Sorts and indexes the collected candidates; called once, when the table is built. */
  seal(): void {
    const collected = this.collected;
    this.collected = [];
    let specific: Map<string, Candidate[]> | undefined;
    const anyHost: Candidate[] = [];
    for (const candidate of collected) {
      const keys = candidate.compiled.narrowing.hosts;
      if (!keys) {
        anyHost.push(candidate);
        continue;
      }
      specific ??= new Map();
      for (const key of keys) {
        const list = specific.get(key);
        if (list) list.push(candidate);
        else specific.set(key, [candidate]);
      }
    }
    if (anyHost.length > 1) anyHost.sort(byPriority);
    this.anyHost = anyHost;
    if (!specific) return;
    const byHost = new Map<string, readonly Candidate[]>();
    for (const [key, candidates] of specific) {
      const merged = anyHost.length === 0 ? candidates : [...candidates, ...anyHost];
      if (merged.length > 1) merged.sort(byPriority);
      byHost.set(key, merged);
    }
    if (byHost.size === 1) {
      const [key, candidates] = [...byHost][0]!;
      this.onlyHost = key;
      this.onlyHostCandidates = candidates;
    } else {
      this.byHost = byHost;
    }
  }

  /** The candidates a request with this host key must try, in priority order. */
  candidatesFor(hostKey: string): readonly Candidate[] {
    if (this.onlyHost !== undefined) return hostKey === this.onlyHost ? this.onlyHostCandidates : this.anyHost;
    return this.byHost.get(hostKey) ?? this.anyHost;
  }
}
