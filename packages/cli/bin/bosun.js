#!/usr/bin/env node
import { spawn } from "node:child_process";
import { constants as osConstants } from "node:os";
import { fileURLToPath } from "node:url";
import { missingServeNodeFlags } from "./serve-node-flags.js";

/**
 * `bosun serve` runs in a child node with the flags it needs (serve-node-flags.js), unless this
 * process has them already.
 */
const missingFlags = missingServeNodeFlags();

if (process.argv[2] === "serve" && missingFlags.length > 0) {
  const child = spawn(process.execPath, [...missingFlags, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  // A child ended by a signal ends as a shell reports it: 128 plus the signal's number.
  child.on("exit", (code, signal) => {
    process.exitCode = code ?? 128 + (signal ? osConstants.signals[signal] : 0);
  });
} else {
  const { main } = await import("../dist/main.js");
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
