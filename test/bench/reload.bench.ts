import { parse, printRoutes } from "@bosun/eskip";
import { ProxyTable, tableOptions } from "@bosun/proxy";
import { RouteTable } from "@bosun/routing";
import { generateRoutesDocument } from "./generate-routes.ts";
import { measure } from "./measure.ts";
import { formatTable } from "./table.ts";

/**
 * `corepack pnpm bench:reload`: what a reload of a routes file costs `bosun serve`, all of it on
 * the event loop, so serving stands still for as long: parsing the text, then the proxy table
 * (the filters and backends of every route, the route table, and the generation: a hash of the
 * printed routes). Each part is also timed alone, to say where the time goes. Median of up to
 * seven runs after two warm-ups, a GC before each; node runs with serve's flags.
 */

const sizes = (process.env["BENCH_SIZES"] ?? "10000,100000").split(",").map(Number);
const bounds = (size: number) => ({ warmups: 2, maxRuns: 7, maxTotalMs: size >= 100_000 ? 20_000 : 5_000 });

function measureSize(size: number): string[] {
  const text = generateRoutesDocument(size, 42);
  const routes = parse(text);
  const options = tableOptions();
  const ms = (run: () => unknown) => measure(run, bounds(size)).medianMs;
  const parseMs = ms(() => parse(text));
  const proxyTableMs = ms(() => ProxyTable.build(routes, options));
  const routeTableMs = ms(() => RouteTable.build(routes, { registry: options.predicates }));
  const printMs = ms(() => printRoutes(routes));
  return [
    `${size / 1000}k routes`,
    (parseMs + proxyTableMs).toFixed(0),
    parseMs.toFixed(0),
    proxyTableMs.toFixed(0),
    routeTableMs.toFixed(0),
    printMs.toFixed(0),
    (proxyTableMs - routeTableMs - printMs).toFixed(0),
  ];
}

console.log(`bosun reload benchmark — node ${process.version}`);
console.log(
  formatTable(
    ["routes file", "reload ms (parse + proxy table)", "parse ms", "proxy table ms", "of which: route table ms", "printing for the generation ms", "the rest (filters, backends, hash) ms"],
    sizes.map(measureSize),
  ),
);
console.log("all on the event loop: serving pauses for the reload's time (docs/proxy.md, Reloads)");
