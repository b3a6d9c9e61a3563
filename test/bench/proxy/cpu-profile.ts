import { readFileSync } from "node:fs";
import { formatTable } from "../table.ts";

/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and tells where the time went, per owner (a
 * dependency, a bosun package, node itself, V8) and per function: self time; self time with the
 * node and V8 work a package asks for (a socket write, a string copy) charged to the nearest
 * package frame below it on the stack; and the inclusive time of bosun's own functions.
 */

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Who a frame belongs to, read off its script's URL. */
export function owner(url: string, functionName: string): string {
  const dependency = /node_modules\/\.pnpm\/(@[^+/]+\+[^@/]+|[^@/]+)@/.exec(url);
  if (dependency) return dependency[1]!.replace("+", "/");
  const bosunPackage = /packages\/([^/]+)\/dist\//.exec(url);
  if (bosunPackage) return `@bosun/${bosunPackage[1]}`;
  // The one WebAssembly module in the process is undici's HTTP parser (llhttp).
  if (url.startsWith("wasm://")) return "undici";
  if (url.startsWith("node:")) return "node (js)";
  if (url === "") return functionName.startsWith("(") ? functionName : "node/V8 (native)";
  return "other";
}

const isPackage = (who: string) => !who.startsWith("(") && !who.startsWith("node") && who !== "other";

const frameName = ({ callFrame }: ProfileNode) => {
  const file = callFrame.url.replace(/^.*\/(node_modules\/\.pnpm\/[^/]+\/node_modules|packages)\//, "").replace(/^file:\/\//, "");
  return `${callFrame.functionName || "(anonymous)"} ${file}:${callFrame.lineNumber + 1}`;
};

type Ranked = readonly (readonly [name: string, owner: string, ms: number])[];

export interface ProfileSummary {
  readonly busyMs: number;
  readonly idleMs: number;
  /** Owner, self ms, charged ms. */
  readonly byOwner: readonly (readonly [string, number, number])[];
  readonly self: Ranked;
  readonly charged: Ranked;
  readonly bosunInclusive: Ranked;
}

function ranked(map: ReadonlyMap<string, number>, owners: ReadonlyMap<string, string>, keep: (who: string) => boolean): Ranked {
  return [...map]
    .map(([name, ms]) => [name, owners.get(name)!, ms] as const)
    .filter(([, who]) => keep(who))
    .sort((a, b) => b[2] - a[2]);
}

export function summarize(profile: Profile): ProfileSummary {
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const ownerOf = (node: ProfileNode) => owner(node.callFrame.url, node.callFrame.functionName);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i]! / 1_000));
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  const ownerSelf = new Map<string, number>();
  const ownerCharged = new Map<string, number>();
  const selfMs = new Map<string, number>();
  const chargedMs = new Map<string, number>();
  const inclusiveMs = new Map<string, number>();
  const owners = new Map<string, string>();
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    const who = ownerOf(node);
    const name = frameName(node);
    owners.set(name, who);
    add(ownerSelf, who, ms);
    add(selfMs, name, ms);
    // Charged: node's and V8's work goes to the nearest package frame below it, if any.
    let payer: ProfileNode | undefined = node;
    if (!who.startsWith("(")) while (payer && !isPackage(ownerOf(payer))) payer = parent.get(payer.id);
    const chargedTo = payer ?? node;
    add(ownerCharged, ownerOf(chargedTo), ms);
    add(chargedMs, frameName(chargedTo), ms);
    owners.set(frameName(chargedTo), ownerOf(chargedTo));
    // Inclusive: every distinct bosun function on the sample's stack, once (recursion counts once).
    const seen = new Set<string>();
    for (let up: ProfileNode | undefined = node; up; up = parent.get(up.id)) {
      const upName = frameName(up);
      if (ownerOf(up).startsWith("@bosun/") && !seen.has(upName)) {
        seen.add(upName);
        add(inclusiveMs, upName, ms);
      }
    }
  }
  const idleMs = ownerSelf.get("(idle)") ?? 0;
  const busyMs = [...ownerSelf.values()].reduce((a, b) => a + b, 0) - idleMs;
  return {
    busyMs,
    idleMs,
    byOwner: [...ownerSelf]
      .filter(([who]) => who !== "(idle)")
      .map(([who, ms]) => [who, ms, ownerCharged.get(who) ?? 0] as const)
      .sort((a, b) => b[2] - a[2]),
    self: ranked(selfMs, owners, (who) => who !== "(idle)"),
    charged: ranked(chargedMs, owners, isPackage),
    bosunInclusive: ranked(inclusiveMs, owners, (who) => who.startsWith("@bosun/")),
  };
}

export function printSummary(file: string, top = 20): void {
  const summary = summarize(JSON.parse(readFileSync(file, "utf8")) as Profile);
  const { busyMs, idleMs } = summary;
  const share = (ms: number) => `${((100 * ms) / busyMs).toFixed(1)}%`;
  const rows = (list: Ranked) => list.slice(0, top).map(([name, who, ms]) => [name, who, ms.toFixed(0), share(ms)]);
  console.log(`\nCPU profile: ${file}`);
  console.log(`busy ${busyMs.toFixed(0)} ms, idle ${idleMs.toFixed(0)} ms, start-up included; shares are of the busy time`);
  console.log("charged: self time plus the node/V8 work (socket writes, string copies) called from that package's frames\n");
  const owners = summary.byOwner.filter(([, self, charged]) => share(self) !== "0.0%" || share(charged) !== "0.0%");
  console.log(formatTable(["owner", "self ms", "self", "charged ms", "charged"], owners.map(([who, self, charged]) => [who, self.toFixed(0), share(self), charged.toFixed(0), share(charged)])));
  console.log(`\n${formatTable(["top self time", "owner", "ms", "share"], rows(summary.self))}`);
  console.log(`\n${formatTable(["top charged time in packages", "owner", "ms", "share"], rows(summary.charged))}`);
  console.log(`\n${formatTable(["bosun functions, inclusive", "owner", "ms", "share"], rows(summary.bosunInclusive))}`);
}
