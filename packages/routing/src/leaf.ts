import type { Route } from "@bosun/eskip";
import type { CompiledRoute } from "./compile-route.js";
import type { Predicate } from "./predicate.js";
import type { TreeKey } from "./path-pattern.js";

/** A route at one place of the tree: the same route sits at several places for PathSubtree. */
export interface Candidate {
  readonly compiled: CompiledRoute;
  /** The route and its matchers are kept here too: a lookup waits on memory, one load less each. */
  readonly route: Route;
  readonly matchers: readonly Predicate[];
  readonly key: TreeKey | undefined;
  /** Whether the key captures parameters; most do not, and their lookups skip the capture. */
  readonly captures: boolean;
}

export function candidate(compiled: CompiledRoute, key: TreeKey | undefined, captures: boolean): Candidate {
  return { compiled, route: compiled.route, matchers: compiled.matchers, key, captures };
}

/** Skipper's order within a leaf: higher weight first; equal weights keep input order. */
export function byPriority(a: Candidate, b: Candidate): number {
  return b.compiled.weight - a.compiled.weight || a.compiled.index - b.compiled.index;
}

/** The candidates of one host at a leaf: as tried for a bare host name, and for any other form. */
interface HostCandidates {
  /** For a Host header that is the key itself: host checks the index makes needless are skipped. */
  readonly whenHostIsKey: readonly Candidate[];
  readonly otherwise: readonly Candidate[];
}

const noHosts: ReadonlyMap<string, HostCandidates> = new Map();

/** The candidates of one tree key (or of the routes without path), split by host key. */
export class Leaf {
  private collected: Candidate[] = [];
  /** Candidates whose Host regexp yields no key, or that have no Host predicate. */
  private anyHost: readonly Candidate[] = [];
  private byHost: ReadonlyMap<string, HostCandidates> = noHosts;
  /** Most leaves serve one host: a string comparison then replaces the map, and its lists sit here. */
  private onlyHost: string | undefined;
  private onlyHostWhenHostIsKey: readonly Candidate[] = [];
  private onlyHostOtherwise: readonly Candidate[] = [];

  add(candidate: Candidate): void {
    this.collected.push(candidate);
  }

  /** What was added and is not sealed yet. */
  collectedCandidates(): readonly Candidate[] {
    return this.collected;
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
    const byHost = new Map<string, HostCandidates>();
    for (const [key, candidates] of specific) {
      const otherwise = anyHost.length === 0 ? candidates : [...candidates, ...anyHost];
      if (otherwise.length > 1) otherwise.sort(byPriority);
      const whenHostIsKey = otherwise.map((entry) =>
        entry.compiled.narrowing.hosts ? { ...entry, matchers: entry.compiled.matchersWhenHostIsKey } : entry,
      );
      byHost.set(key, { whenHostIsKey, otherwise });
    }
    if (byHost.size === 1) {
      const [key, candidates] = [...byHost][0]!;
      this.onlyHost = key;
      this.onlyHostWhenHostIsKey = candidates.whenHostIsKey;
      this.onlyHostOtherwise = candidates.otherwise;
    } else {
      this.byHost = byHost;
    }
  }

  /**
   * The candidates a request with this host key must try, in priority order. `hostIsKey` says
   * that the Host header is the key itself, without port or trailing dot.
   */
  candidatesFor(hostKey: string, hostIsKey: boolean): readonly Candidate[] {
    if (this.onlyHost !== undefined) {
      if (hostKey !== this.onlyHost) return this.anyHost;
      return hostIsKey ? this.onlyHostWhenHostIsKey : this.onlyHostOtherwise;
    }
    const forHost = this.byHost.get(hostKey);
    if (forHost === undefined) return this.anyHost;
    return hostIsKey ? forHost.whenHostIsKey : forHost.otherwise;
  }
}
