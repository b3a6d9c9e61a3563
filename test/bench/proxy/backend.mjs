// The backend of `bench:proxy`: 200 "ok" to every request, keep-alive. Usage: node backend.mjs PORT
import { createServer } from "node:http";

const port = Number(process.argv[2]);
const body = Buffer.from("ok");
const server = createServer((request, response) => {
  // Read and drop any request body, so that a keep-alive connection stays usable.
  request.resume();
  response.writeHead(200, { "content-type": "text/plain", "content-length": body.length });
  response.end(body);
});
// Longer than any measured run: an idle pooled connection must not be closed under a proxy.
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1");
