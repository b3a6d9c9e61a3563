import os from "node:os";
import { performance } from "node:perf_hooks";
import { parse, printRoutes, type Route } from "@bosun/eskip";
import { eskipLexer } from "@bosun/eskip/grammar";
import { generateRoutesDocument } from "./generate-routes.ts";
import { collectGarbage, measure, type Bounds, type Timing } from "./measure.ts";
import { formatTable, megabytes } from "./table.ts";

/**
 * The eskip parser benchmark (`corepack pnpm bench:eskip`). Beside the parser it times two
 * baselines over the same routes: the chevrotain lexer alone (the floor for any parser built on
 * it) and JSON.parse of the same routes as JSON (what a native parser does with such a table).
 */

const seed = 1;
const targets = { minMegabytesPerSecond: 20, maxScaling: 12 } as const;

interface Size {
  readonly routes: number;
  readonly label: string;
  readonly bounds: Bounds;
}

const sizes: readonly [Size, Size] = [
  { routes: 10_000, label: "10k", bounds: { warmups: 3, maxRuns: 25, maxTotalMs: 8_000 } },
  { routes: 100_000, label: "100k", bounds: { warmups: 1, maxRuns: 9, maxTotalMs: 20_000 } },
];

interface Case {
  readonly name: string;
  /** The bytes the case reads (or, for the printer, writes). */
  readonly bytes: number;
  readonly timing: Timing;
}

interface SizeResult {
  readonly size: Size;
  readonly parse: Case;
  readonly lexer: Case;
  readonly json: Case;
  readonly printer: Case;
}

/** The routes as JSON, without the source origins, which the eskip text does not carry either. */
function toJson(routes: readonly Route[]): string {
  return JSON.stringify(routes.map(({ origin: _origin, ...route }) => route));
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

function runSize(size: Size): SizeResult {
  const text = generateRoutesDocument(size.routes, seed);
  const bytes = byteLength(text);
  const routes = parse(text);
  if (routes.length !== size.routes) throw new Error(`expected ${size.routes} routes, parsed ${routes.length}`);
  const json = toJson(routes);
  const printed = printRoutes(routes);
  const time = (name: string, caseBytes: number, run: () => unknown): Case => {
    process.stdout.write(`  ${size.label}: ${name}…\n`);
    return { name, bytes: caseBytes, timing: measure(run, size.bounds) };
  };
  return {
    size,
    parse: time("parse", bytes, () => parse(text)),
    lexer: time("lexer only", bytes, () => eskipLexer.tokenize(text)),
    json: time("JSON.parse", byteLength(json), () => JSON.parse(json)),
    printer: time("printRoutes", byteLength(printed), () => printRoutes(routes)),
  };
}

function throughput(entry: Case): number {
  return megabytes(entry.bytes) / (entry.timing.medianMs / 1000);
}

function caseRow(size: Size, entry: Case, parse: Case): string[] {
  const versusParse = entry === parse ? "1.00×" : `${(parse.timing.medianMs / entry.timing.medianMs).toFixed(2)}×`;
  return [
    `${size.label} ${entry.name}`,
    megabytes(entry.bytes).toFixed(2),
    entry.timing.medianMs.toFixed(1),
    throughput(entry).toFixed(1),
    versusParse,
    String(entry.timing.runs),
  ];
}

interface HeapFigures {
  /** With only the input (and the benchmark's own data) alive. */
  readonly beforeMb: number;
  readonly heldMb: number;
  /** After the result is dropped: what the call leaves behind. */
  readonly afterDropMb: number;
}

/** Heap before a call, while its result is held, and after the result is dropped; exact only with --expose-gc. */
function heapAround(call: () => unknown): HeapFigures {
  const heapMb = (): number => {
    collectGarbage();
    return megabytes(process.memoryUsage().heapUsed);
  };
  const beforeMb = heapMb();
  let result: unknown = call();
  const heldMb = heapMb();
  if (result === undefined) throw new Error("nothing to hold");
  result = undefined;
  return { beforeMb, heldMb, afterDropMb: heapMb() };
}

function heapRow(name: string, heap: HeapFigures): string[] {
  const delta = (mb: number): string => `${mb >= heap.beforeMb ? "+" : ""}${(mb - heap.beforeMb).toFixed(0)}`;
  return [name, heap.beforeMb.toFixed(0), `${heap.heldMb.toFixed(0)} (${delta(heap.heldMb)})`, `${heap.afterDropMb.toFixed(0)} (${delta(heap.afterDropMb)})`];
}

/** The heap the 100k parse holds, beside JSON.parse of the same routes. */
function printHeap(routes: number): void {
  const text = generateRoutesDocument(routes, seed);
  // A small parse first, so that no earlier, larger parse is still counted in "before".
  parse(generateRoutesDocument(10, seed));
  const parseHeap = heapAround(() => parse(text));
  const json = toJson(parse(text));
  parse(generateRoutesDocument(10, seed));
  const jsonHeap = heapAround(() => JSON.parse(json));
  console.log(`heap used (MB) around one parse of the ${routes / 1000}k document:`);
  console.log(
    formatTable(
      ["call", "before", "result held", "result dropped"],
      [heapRow("parse", parseHeap), heapRow("JSON.parse (base)", jsonHeap)],
    ),
  );
  if (!globalThis.gc) console.log("(no --expose-gc: these figures include garbage)");
}

function verdict(met: boolean): string {
  return met ? "met" : "MISSED";
}

function main(): void {
  const started = performance.now();
  const cpus = os.cpus();
  console.log(`eskip parser benchmark: Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown CPU"})`);
  console.log(`seed ${seed}; MB = 10^6 bytes; median of the runs after warm-up; GC between runs: ${globalThis.gc ? "yes" : "no (run with --expose-gc)"}`);
  const [small, large] = sizes.map(runSize) as [SizeResult, SizeResult];
  const rows = [small, large].flatMap((result) =>
    [result.parse, result.lexer, result.json, result.printer].map((entry) => caseRow(result.size, entry, result.parse)),
  );
  console.log();
  console.log(formatTable(["case", "MB", "median ms", "MB/s", "parse ÷ case", "runs"], rows));
  console.log("parse ÷ case: parse time over the case's time for the same routes (JSON is larger, printed text smaller)");

  const scaling = (pick: (result: SizeResult) => Case): number => pick(large).timing.medianMs / pick(small).timing.medianMs;
  const parseScaling = scaling((r) => r.parse);
  console.log();
  console.log(
    `time(100k) / time(10k): parse ${parseScaling.toFixed(2)}×, lexer ${scaling((r) => r.lexer).toFixed(2)}×, ` +
      `JSON.parse ${scaling((r) => r.json).toFixed(2)}×, printRoutes ${scaling((r) => r.printer).toFixed(2)}× ` +
      `(10× is linear)`,
  );
  const slowest = Math.min(throughput(small.parse), throughput(large.parse));
  console.log(`target parse ≥ ${targets.minMegabytesPerSecond} MB/s: ${verdict(slowest >= targets.minMegabytesPerSecond)} (slowest size: ${slowest.toFixed(1)} MB/s)`);
  console.log(`target time(100k) ≤ ${targets.maxScaling}× time(10k): ${verdict(parseScaling <= targets.maxScaling)} (${parseScaling.toFixed(2)}×)`);

  console.log();
  printHeap(large.size.routes);
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
