#!/usr/bin/env node
// The README's main command (`corepack pnpm start`): checks every bundled example (bosun check,
// fmt --check and validate), then starts the example's two tiny backends and `bosun serve` on
// routes.eskip, the small cluster in examples/cluster (RouteGroups, an Ingress, Services and
// EndpointSlices) and the Gateway API examples in examples/gateway-api (a shared Gateway whose
// port 80 is served on 127.0.0.1:9080) merged into one table, and stops them all on Ctrl-C,
// quietly and with status 0.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const bosun = join(here, "../../packages/cli/bin/bosun.js");
const examples = join(here, "..");

// Ctrl-C reaches every process of the terminal's group; this one only has to wait for its child.
let stopping = false;
let running;
const stop = () => {
  stopping = true;
  running?.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

/** Runs `bosun ARGS`; resolves true when it succeeded, false when it failed, and "stopped" after Ctrl-C. */
function bosunRun(args) {
  return new Promise((resolve) => {
    running = spawn(process.execPath, [bosun, ...args], { stdio: "inherit" });
    running.on("exit", (code, signal) => {
      running = undefined;
      // The child may end of the same Ctrl-C before this process has seen it.
      if (stopping || signal === "SIGINT" || code === 130) resolve("stopped");
      else resolve(code === 0);
    });
  });
}

// Each backend logs every request it receives, so the mirror's copies to v2 can be seen.
function backend(name, port) {
  const server = createServer((request, response) => {
    let bodyBytes = 0;
    request.on("data", (chunk) => (bodyBytes += chunk.length));
    request.on("end", () => {
      console.error(`${name} received ${request.method} ${request.url} (Host: ${request.headers.host}, ${bodyBytes} body bytes)`);
      response.setHeader("content-type", "text/plain; charset=utf-8");
      response.end(`${name} answered ${request.method} ${request.url} (Host: ${request.headers.host})\n`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

const checks = [
  ["check", examples],
  ["fmt", "--check", examples],
  ["validate", join(examples, "routegroups"), join(examples, "ingress"), join(examples, "cluster")],
  ["validate", join(examples, "gateway-api")],
];
for (const check of checks) {
  const outcome = await bosunRun(check);
  if (outcome === "stopped") process.exit(0);
  if (!outcome) {
    console.error(`the bundled examples do not pass "bosun ${check[0]}": nothing is started`);
    process.exit(1);
  }
}

const backends = await Promise.all([backend("v1", 9001), backend("v2", 9002)]);
console.error("backends: v1 on http://127.0.0.1:9001, v2 on http://127.0.0.1:9002");
const sources = ["--routes-file", join(here, "routes.eskip"), "--manifests", join(examples, "cluster"), "--manifests", join(examples, "gateway-api"), "--endpoint-slices", "--listener", "80=127.0.0.1:9080"];
const served = await bosunRun(["serve", ...sources, ...process.argv.slice(2)]);
for (const server of backends) server.close();
process.exit(served === false ? 1 : 0);
