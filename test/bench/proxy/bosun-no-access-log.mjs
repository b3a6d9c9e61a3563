// `bosun serve` as serve.ts builds it, with the access log not written at all: what an
// `--access-log off` option (there is none yet) would gain. Only `bench:proxy` uses this; the
// main bosun rows run the real command. Usage: node bosun-no-access-log.mjs ROUTES_FILE PORT
import { BosunProxy } from "@bosun/proxy";

const [routesFile, port] = process.argv.slice(2);
const proxy = await BosunProxy.create({
  routesFiles: [routesFile],
  address: { host: "127.0.0.1", port: Number(port) },
  engine: "undici",
  accessLog: { write() {} },
  errorLog: { write: (line) => process.stderr.write(line) },
});
// The observer list calls `completed` on this object per request: a no-op skips pino entirely.
proxy.accessLog.completed = () => {};
await proxy.listen();
process.once("SIGTERM", () => void proxy.close());
