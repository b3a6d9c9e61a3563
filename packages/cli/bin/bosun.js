#!/usr/bin/env node
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * `bosun serve` wants a larger young generation than V8's default: a proxy's requests live for
 * milliseconds, but with 16 MB semi-spaces enough of them are in flight at each scavenge to be
 * copied to the old generation, which tripled p99 latency in bench:proxy (docs/BENCHMARKS.md).
 * The limit is fixed when the heap is made, so serve runs in a child node with the flag, unless
 * the flag was given already (in the command line or NODE_OPTIONS).
 */
const serveSemiSpace = "--max-semi-space-size=64";
const hasSemiSpaceFlag = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) => arg.includes("--max-semi-space-size"));

if (process.argv[2] === "serve" && !hasSemiSpaceFlag) {
  const child = spawn(process.execPath, [serveSemiSpace, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => {
    process.exitCode = code ?? (signal ? 128 : 1);
  });
} else {
  const { main } = await import("../dist/main.js");
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
