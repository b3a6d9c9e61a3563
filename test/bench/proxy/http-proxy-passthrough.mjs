// Baseline 3 of `bench:proxy`: a bare http-proxy-3 pass-through over a keep-alive Agent, the
// library bosun's second engine is built on, with the same pool size: how much of that engine's
// gap is the library and how much bosun's use of it. Usage: node http-proxy-passthrough.mjs PORT BACKEND_ORIGIN
import { Agent, createServer } from "node:http";
import { createProxyServer } from "http-proxy-3";

const [port, backend] = process.argv.slice(2);
const agent = new Agent({ keepAlive: true, maxSockets: 128 });
const proxy = createProxyServer({ target: backend, agent });
proxy.on("error", (_error, _request, response) => {
  if ("headersSent" in response && !response.headersSent) response.writeHead(502).end();
  else response.destroy();
});

createServer((request, response) => proxy.web(request, response)).listen(Number(port), "127.0.0.1");
// Exit on SIGTERM through process.exit, so that a --cpu-prof run writes its profile.
process.once("SIGTERM", () => process.exit(0));
