import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * A worker thread running one of the package's built modules (`path` below dist/, such as
 * "files/interpret-worker.js"). From dist/ it is the module beside this one; when this file is
 * the TypeScript source (tests, tsx), it is the package's dist/, which the test command builds
 * first: loading the worker's TypeScript through tsx instead takes seconds per worker. A worker
 * is no reason to keep the process alive.
 */
export function startBuiltWorker(path: string): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const file = new URL(`${fromSource ? "../../dist/" : "../"}${path}`, import.meta.url);
  if (fromSource && !existsSync(file)) throw new Error(`${fileURLToPath(file)} is not built: run corepack pnpm build`);
  // The built worker resolves the built packages: not the sources a test runner's conditions name.
  const worker = new Worker(file, fromSource ? { execArgv: [] } : {});
  worker.unref();
  return worker;
}
