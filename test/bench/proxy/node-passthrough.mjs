// Baseline 2 of `bench:proxy`: node:http with a keep-alive Agent, the same pool size as bosun's.
// Usage: node node-passthrough.mjs PORT BACKEND_ORIGIN
import { Agent, createServer, request as httpRequest } from "node:http";

const [port, backend] = process.argv.slice(2);
const { hostname, port: backendPort } = new URL(backend);
const agent = new Agent({ keepAlive: true, maxSockets: 128 });

createServer((request, response) => {
  const headers = { ...request.headers };
  delete headers.host;
  delete headers.connection;
  const outgoing = httpRequest(
    { agent, hostname, port: backendPort, method: request.method, path: request.url, headers },
    (incoming) => {
      const { connection, "keep-alive": keepAlive, ...rest } = incoming.headers;
      response.writeHead(incoming.statusCode ?? 502, rest);
      incoming.pipe(response);
    },
  );
  outgoing.on("error", () => (response.headersSent ? response.destroy() : response.writeHead(502).end()));
  request.pipe(outgoing);
}).listen(Number(port), "127.0.0.1");
// Exit on SIGTERM through process.exit, so that a --cpu-prof run writes its profile.
process.once("SIGTERM", () => process.exit(0));
