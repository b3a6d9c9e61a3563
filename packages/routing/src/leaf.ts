import type { CompiledRoute } from "./compile-route.js";
import type { TreeKey } from "./path-pattern.js";

/** A route at one place of the tree: the same route sits at several places for PathSubtree. */
export interface Candidate {
  readonly compiled: CompiledRoute;
  readonly key: TreeKey | undefined;
}

/** Skipper's order within a leaf: higher weight first; equal weights keep input order. */
export function byPriority(a: Candidate, b: Candidate): number {
  return b.compiled.weight - a.compiled.weight || a.compiled.index - b.compiled.index;
}

/** The candidates of one tree key (or of the routes without path), split by host key. */
export class Leaf {
  private readonly collected: Candidate[] = [];
  /** Candidates whose Host regexp yields no key, or that have no Host predicate. */
  private anyHost: readonly Candidate[] = [];
  private byHost: ReadonlyMap<string, readonly Candidate[]> = new Map();

  add(candidate: Candidate): void {
    this.collected.push(candidate);
  }

  /** Sorts and indexes the collected candidates; called once, when the table is built. */
  seal(): void {
    const specific = new Map<string, Candidate[]>();
    const anyHost: Candidate[] = [];
    for (const candidate of this.collected) {
      const keys = candidate.compiled.narrowing.hosts;
      if (!keys) anyHost.push(candidate);
      else
        for (const key of keys) {
          const list = specific.get(key);
          if (list) list.push(candidate);
          else specific.set(key, [candidate]);
        }
    }
    anyHost.sort(byPriority);
    const byHost = new Map<string, readonly Candidate[]>();
    for (const [key, candidates] of specific) byHost.set(key, [...candidates, ...anyHost].sort(byPriority));
    this.anyHost = anyHost;
    this.byHost = byHost;
    this.collected.length = 0;
  }

  /** The candidates a request with this host key must try, in priority order. */
  candidatesFor(hostKey: string): readonly Candidate[] {
    return this.byHost.get(hostKey) ?? this.anyHost;
  }

  get size(): number {
    const all = new Set<Candidate>(this.anyHost);
    for (const candidates of this.byHost.values()) for (const candidate of candidates) all.add(candidate);
    return all.size;
  }
}
