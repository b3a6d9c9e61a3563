import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Route } from "@bosun/eskip";
import type { FilesReading, Interpretation } from "./interpretation.js";
import type { FileRead } from "./read-files.js";

export interface InterpretRequest {
  readonly id: number;
  readonly interpretation: Interpretation;
  readonly reads: readonly FileRead[];
}

/** From the worker: a chunk of routes, then what else the reading holds (or the failure), or an error. */
export type InterpretMessage =
  | { readonly id: number; readonly routes: readonly Route[] }
  | { readonly id: number; readonly done: Omit<Extract<FilesReading, { routes: unknown }>, "routes"> | Extract<FilesReading, { failed: unknown }> }
  | { readonly id: number; readonly error: string };

interface Pending {
  readonly routes: Route[];
  readonly resolve: (reading: FilesReading) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Files parsed and compiled in a worker thread (interpret-worker.ts): parsing 100k eskip routes
 * takes the better part of a second, which on the serving thread would stall every request. The
 * routes come back in chunks, each a message of its own, with the event loop free in between.
 * A worker that dies fails what it was doing, and the next reading starts another.
 */
export class OffThreadInterpreter {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  interpret(interpretation: Interpretation, reads: readonly FileRead[]): Promise<FilesReading> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { routes: [], resolve, reject });
      worker.postMessage({ id, interpretation, reads } satisfies InterpretRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = startWorker();
    // Reading files is no reason to keep the process alive.
    worker.unref();
    worker.on("message", (message: InterpretMessage) => this.received(message));
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error(`the worker that reads files stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private received(message: InterpretMessage): void {
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    if ("routes" in message) {
      for (const route of message.routes) pending.routes.push(route);
      return;
    }
    this.pending.delete(message.id);
    if ("error" in message) return pending.reject(new Error(message.error));
    pending.resolve("failed" in message.done ? message.done : { ...message.done, routes: pending.routes });
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/**
 * The worker runs the built JavaScript: from dist/ beside this file, or, when this file is the
 * TypeScript source (tests, tsx), from the package's dist/, which the test command builds first.
 * Loading the worker's TypeScript through tsx instead takes seconds per worker.
 */
function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const file = new URL(fromSource ? "../../dist/files/interpret-worker.js" : "./interpret-worker.js", import.meta.url);
  if (fromSource && !existsSync(file)) throw new Error(`${fileURLToPath(file)} is not built: run corepack pnpm build`);
  // The built worker resolves the built packages: not the sources a test runner's conditions name.
  return new Worker(file, fromSource ? { execArgv: [] } : {});
}
