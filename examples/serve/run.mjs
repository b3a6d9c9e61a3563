#!/usr/bin/env node
// Starts the example's two tiny backends and `bosun serve` on routes.eskip, and stops them all
// on Ctrl-C. Used by `corepack pnpm start` from the repository root.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const bosun = join(here, "../../packages/cli/bin/bosun.js");

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

const backends = await Promise.all([backend("v1", 9001), backend("v2", 9002)]);
console.error("backends: v1 on http://127.0.0.1:9001, v2 on http://127.0.0.1:9002");
const proxy = spawn(process.execPath, [bosun, "serve", "--routes-file", join(here, "routes.eskip"), ...process.argv.slice(2)], { stdio: "inherit" });
const stop = () => proxy.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
proxy.on("exit", (code) => {
  for (const server of backends) server.close();
  process.exit(code ?? 0);
});
