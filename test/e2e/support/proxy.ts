import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { eskipFilesSource, type FileSourceOptions } from "@bosun/cluster";
import { BosunProxy, type BosunProxyOptions, type EngineName } from "@bosun/proxy";

/** A log destination that keeps each JSON line, parsed. */
export class LogLines extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim() !== "") this.lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
}

export interface RunningProxy {
  readonly proxy: BosunProxy;
  readonly url: string;
  readonly adminUrl: string;
  readonly routesFile: string;
  readonly accessLog: LogLines;
  readonly errorLog: LogLines;
  /** Rewrites the routes file and waits for the reload; resolves whether it took. */
  rewrite(routes: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * A bosun proxy on 127.0.0.1 with random ports, serving `routes` from a file in a fresh temp
 * directory. Reloads are made by calling reload() after a rewrite, not by the file watcher
 * (unless `files.watch`), so tests do not wait on file-system events.
 */
export async function startProxy(
  routes: string,
  engine: EngineName,
  options: Partial<BosunProxyOptions> = {},
  files: FileSourceOptions = { watch: false },
): Promise<RunningProxy> {
  const directory = mkdtempSync(join(tmpdir(), "bosun-e2e-"));
  const routesFile = join(directory, "routes.eskip");
  writeFileSync(routesFile, routes);
  const accessLog = new LogLines();
  const errorLog = new LogLines();
  const proxy = await BosunProxy.create({
    sources: [eskipFilesSource([routesFile], files)],
    address: { host: "127.0.0.1", port: 0 },
    adminAddress: { host: "127.0.0.1", port: 0 },
    engine,
    shutdownTimeoutMs: 1_000,
    accessLog,
    errorLog,
    ...options,
  });
  const { proxy: address, admin } = await proxy.listen();
  return {
    proxy,
    url: `http://127.0.0.1:${address.port}`,
    adminUrl: `http://127.0.0.1:${admin!.port}`,
    routesFile,
    accessLog,
    errorLog,
    rewrite(text: string) {
      writeFileSync(routesFile, text);
      return proxy.reload();
    },
    close: () => proxy.close(),
  };
}
