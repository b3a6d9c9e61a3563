import type { Work } from "@bosun/eskip";
import { byPriority, type Candidate } from "./candidate.js";
import { Int32Writer } from "./int32-writer.js";
import { allMatchIn, type MatchContext, type Predicate } from "./predicate.js";

/**
 * The candidates of every leaf (a place in the path tree, or a group of routes without path),
 * split by host key and sorted by priority. Built once per table, then read by integers from a few
 * typed arrays: a lookup at 100k routes waits on memory, and dense arrays share cache lines and
 * pages where one object per leaf, list and candidate would each cost a load of its own.
 */

/** Candidates are registered once and collected per leaf, by id, while the table is built. */
export class CandidateIndexBuilder {
  private readonly candidates: Candidate[] = [];
  private readonly leaves: number[][] = [];

  newLeaf(): number {
    this.leaves.push([]);
    return this.leaves.length - 1;
  }

  /** Registers a candidate; its id can then be added to any number of leaves. */
  addCandidate(candidate: Candidate): number {
    this.candidates.push(candidate);
    return this.candidates.length - 1;
  }

  add(leaf: number, candidateId: number): void {
    this.leaves[leaf]!.push(candidateId);
  }

  candidatesOf(leaf: number): readonly number[] {
    return this.leaves[leaf]!;
  }

  /** `payloadOf` gives what a lookup returns for each candidate; the work pauses per candidate and leaf. */
  building<P>(payloadOf: (candidate: Candidate) => P): Work<CandidateIndex<P>> {
    return CandidateIndex.building(this.candidates, this.leaves, payloadOf);
  }
}

/**
 * A leaf is a handle, an offset into one Int32Array where its record and its lists lie side by
 * side: which host has a list of its own (a host id, or one of the markers below), where the
 * any-host list starts, then the lists. A list is a count followed by entries. A host's list holds
 * only the candidates of that host: a lookup merges it with the any-host list by rank, so that a
 * leaf of many hosts and many routes for any host does not hold those routes once per host.
 */
const noHostList = -1;
const severalHostLists = -2;
/**
 * An entry: the candidate's rank (its place in Skipper's priority order among all candidates),
 * where its matchers start in `matchersAndPayloads`, how many there are, and how many of them
 * (0 or 1) to skip when the Host header is one of the candidate's host keys.
 */
const entryStride = 4;

/**
 * Each candidate owns a run of `matchersAndPayloads`: its payload, then its Host check if the
 * index implies it, then its other matchers. A candidate in a host's list is tried only for its
 * own host keys, so a request whose Host header is the key itself starts after the Host check; one
 * in the any-host list has no such check. The payload sits beside the matchers: the match costs no
 * other load.
 */
export class CandidateIndex<P> {
  private constructor(
    private readonly hostIds: Map<string, number>,
    private readonly leafRecords: Int32Array,
    /** Leaf handles by the leaf ids the builder gave out. */
    private readonly handleByLeafId: Int32Array,
    /** Lists of leaves with several hosts, by `handle * hostCount + hostId`. */
    private readonly listsOfSeveralHosts: Map<number, number>,
    private readonly matchersAndPayloads: (P | Predicate)[],
    /** Where each candidate's payload is in `matchersAndPayloads`, by candidate id. */
    private readonly payloadStarts: Int32Array,
    /** Payloads (by position) that lookups pass over: the routes a layer above replaced or removed. */
    private readonly masked: ReadonlySet<number> | undefined = undefined,
  ) {}

  /** The same index, sharing all it holds, with the candidates of these payload positions left out. */
  withMasked(masked: ReadonlySet<number>): CandidateIndex<P> {
    return new CandidateIndex(this.hostIds, this.leafRecords, this.handleByLeafId, this.listsOfSeveralHosts, this.matchersAndPayloads, this.payloadStarts, masked);
  }

  /** Every candidate's payload position, by candidate id. */
  payloadPositions(): Int32Array {
    return this.payloadStarts;
  }

  static *building<P>(candidates: readonly Candidate[], leaves: readonly (readonly number[])[], payloadOf: (candidate: Candidate) => P): Work<CandidateIndex<P>> {
    const hostIds = new Map<string, number>();
    const matchersAndPayloads: (P | Predicate)[] = [];
    const rank = ranksByPriority(candidates);
    yield;
    const entries: number[] = [];
    const payloadStarts = new Int32Array(candidates.length);
    for (let id = 0; id < candidates.length; id++) {
      const candidate = candidates[id]!;
      const { hostMatcher, matchers } = candidate.compiled;
      payloadStarts[id] = matchersAndPayloads.length;
      matchersAndPayloads.push(payloadOf(candidate));
      entries.push(rank[id]!, matchersAndPayloads.length, matchers.length, hostMatcher ? 1 : 0);
      if (hostMatcher) matchersAndPayloads.push(hostMatcher);
      for (const matcher of matchers) if (matcher !== hostMatcher) matchersAndPayloads.push(matcher);
      for (const host of candidate.compiled.narrowing.hosts ?? []) {
        if (!hostIds.has(host)) hostIds.set(host, hostIds.size);
      }
      yield;
    }
    const records = new Int32Writer();
    const writeList = (list: readonly number[]) => {
      const at = records.add(list.length);
      for (const id of list) {
        for (let i = id * entryStride; i < (id + 1) * entryStride; i++) records.add(entries[i]!);
      }
      return at;
    };
    const hostCount = hostIds.size;
    const handleByLeafId = new Int32Array(leaves.length);
    const listsOfSeveralHosts = new Map<number, number>();
    const byRank = (a: number, b: number) => rank[a]! - rank[b]!;
    for (let leafId = 0; leafId < leaves.length; leafId++) {
      const { anyHost, hostLists } = splitByHost(leaves[leafId]!, candidates, byRank);
      const onlyHost = hostLists.length === 1 ? hostLists[0] : undefined;
      const handle = records.add(onlyHost ? hostIds.get(onlyHost[0])! : hostLists.length === 0 ? noHostList : severalHostLists);
      records.add(0);
      handleByLeafId[leafId] = handle;
      if (onlyHost) writeList(onlyHost[1]);
      records.set(handle + 1, writeList(anyHost));
      if (!onlyHost) for (const [host, list] of hostLists) listsOfSeveralHosts.set(handle * hostCount + hostIds.get(host)!, writeList(list));
      yield;
    }
    return new CandidateIndex(hostIds, records.seal(), handleByLeafId, listsOfSeveralHosts, matchersAndPayloads, payloadStarts);
  }

  /** The handle a lookup uses for the leaf the builder gave this id. */
  handleOf(leafId: number): number {
    return this.handleByLeafId[leafId]!;
  }

  /** The id of a request's host key, or -1 for a host no route names. */
  hostId(hostKey: string): number {
    return this.hostIds.get(hostKey) ?? -1;
  }

  /**
   * Where the payload of the leaf's first matching candidate is (see `payload`), or -1: the host's
   * list and the any-host list, merged by rank. `hostIsKey` says that the Host header is the key
   * itself (no port, no trailing dot): Host checks the index implies are skipped.
   */
  firstMatch(leaf: number, hostId: number, hostIsKey: boolean, context: MatchContext): number {
    const records = this.leafRecords;
    const hostList = this.hostListOf(leaf, hostId);
    const anyList = records[leaf + 1]!;
    let host = hostList + 1;
    const hostEnd = hostList < 0 ? host : host + records[hostList]! * entryStride;
    let any = anyList + 1;
    const anyEnd = any + records[anyList]! * entryStride;
    while (host < hostEnd || any < anyEnd) {
      let entry: number;
      if (any >= anyEnd || (host < hostEnd && records[host]! < records[any]!)) {
        entry = host;
        host += entryStride;
      } else {
        entry = any;
        any += entryStride;
      }
      const start = records[entry + 1]!;
      const skip = hostIsKey ? records[entry + 3]! : 0;
      if (allMatchIn(this.matchersAndPayloads, start + skip, start + records[entry + 2]!, context) && !this.masked?.has(start - 1)) return start - 1;
    }
    return -1;
  }

  payload(at: number): P {
    return this.matchersAndPayloads[at] as P;
  }

  /** Where the host's own list of the leaf is, or -1. */
  private hostListOf(leaf: number, hostId: number): number {
    if (hostId < 0) return -1;
    const hostMode = this.leafRecords[leaf]!;
    if (hostMode === hostId) return leaf + 2;
    if (hostMode !== severalHostLists) return -1;
    return this.listsOfSeveralHosts.get(leaf * this.hostIds.size + hostId) ?? -1;
  }
}

/** Every candidate's place in Skipper's priority order (byPriority), by candidate id. */
function ranksByPriority(candidates: readonly Candidate[]): Int32Array {
  const order = candidates.map((_, id) => id).sort((a, b) => byPriority(candidates[a]!, candidates[b]!));
  const rank = new Int32Array(candidates.length);
  order.forEach((id, place) => (rank[id] = place));
  return rank;
}

type HostList = readonly [host: string, candidateIds: readonly number[]];
const noHostLists: readonly HostList[] = [];
const noIds: readonly number[] = [];

/**
 * The candidates without host key, and per host key its own, by id, each list in priority order.
 * Most leaves hold one candidate: they take the short way.
 */
function splitByHost(
  leaf: readonly number[],
  candidates: readonly Candidate[],
  byRank: (a: number, b: number) => number,
): { anyHost: readonly number[]; hostLists: readonly HostList[] } {
  if (leaf.length === 1) {
    const hosts = candidates[leaf[0]!]!.compiled.narrowing.hosts;
    if (!hosts) return { anyHost: leaf, hostLists: noHostLists };
    return { anyHost: noIds, hostLists: hosts.length === 1 ? [[hosts[0]!, leaf]] : hosts.map((host) => [host, leaf]) };
  }
  const anyHost: number[] = [];
  let byHost: Map<string, number[]> | undefined;
  for (const id of leaf) {
    const hosts = candidates[id]!.compiled.narrowing.hosts;
    if (!hosts) {
      anyHost.push(id);
      continue;
    }
    byHost ??= new Map();
    for (const host of hosts) {
      const list = byHost.get(host);
      if (list) list.push(id);
      else byHost.set(host, [id]);
    }
  }
  anyHost.sort(byRank);
  if (!byHost) return { anyHost, hostLists: noHostLists };
  for (const list of byHost.values()) list.sort(byRank);
  return { anyHost, hostLists: [...byHost] };
}
