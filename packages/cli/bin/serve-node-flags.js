/**
 * The node flags `bosun serve` runs with (docs/proxy.md, Memory; docs/BENCHMARKS.md):
 * - a larger young generation than V8's default: a proxy's requests live for milliseconds, but
 *   with 16 MB semi-spaces enough of them are in flight at each scavenge to be copied to the old
 *   generation, which tripled p99 latency in bench:proxy;
 * - no allocation-site pretenuring: building a large route table teaches V8 that objects from
 *   some allocation sites live long, and it then allocates the per-request objects of the same
 *   sites in the old generation. With 10k routes that grew the heap by 40 MB/s under load and made
 *   each scavenge take 25–35 ms instead of 2–3 (p99 41 ms instead of 11 in bench:proxy).
 * Both are fixed when the heap is made, so they are given on node's command line.
 */
export const serveNodeFlags = ["--max-semi-space-size=64", "--no-allocation-site-pretenuring"];

/** The flags of `serveNodeFlags` that this process was not started with (command line or NODE_OPTIONS). */
export function missingServeNodeFlags(execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? "") {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  return serveNodeFlags.filter((flag) => !given.some((arg) => arg.split("=")[0] === flag.split("=")[0]));
}
