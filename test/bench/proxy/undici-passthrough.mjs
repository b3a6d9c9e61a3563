// Baseline 1 of `bench:proxy`: the bare undici 7 `Pool.stream()` pass-through (TOOLCHAIN.md),
// with the same pool size as bosun's. Usage: node undici-passthrough.mjs PORT BACKEND_ORIGIN
import { createServer } from "node:http";
import { Pool } from "undici";

const [port, backend] = process.argv.slice(2);
const pool = new Pool(backend, { connections: 128 });
const hopByHop = ["connection", "keep-alive", "transfer-encoding"];

function factory({ statusCode, headers, opaque: response }) {
  for (const name of hopByHop) delete headers[name];
  response.writeHead(statusCode, headers);
  return response;
}

createServer((request, response) => {
  const headers = { ...request.headers };
  delete headers.host;
  delete headers.connection;
  const hasBody = request.headers["content-length"] > 0 || request.headers["transfer-encoding"] !== undefined;
  pool.stream(
    { path: request.url, method: request.method, headers, body: hasBody ? request : null, opaque: response },
    factory,
    (error) => {
      if (error && !response.headersSent) response.writeHead(502).end();
      else if (error) response.destroy(error);
    },
  );
}).listen(Number(port), "127.0.0.1");
// Exit on SIGTERM through process.exit, so that a --cpu-prof run writes its profile.
process.once("SIGTERM", () => process.exit(0));
