import type { Worker } from "node:worker_threads";
import { startBuiltWorker } from "../worker/built-worker.js";
import { RoutesDecoder, type EncodedRoutes } from "../worker/route-chunks.js";
import type { FilesReading, Interpretation } from "./interpretation.js";
import type { FileRead } from "./read-files.js";

export interface InterpretRequest {
  readonly id: number;
  readonly interpretation: Interpretation;
  readonly reads: readonly FileRead[];
}

/** From the worker: the reading, its routes encoded (route-chunks.ts), or an error. */
export type InterpretMessage =
  | { readonly id: number; readonly done: (Omit<Extract<FilesReading, { routes: unknown }>, "routes"> & { readonly routes: EncodedRoutes }) | Extract<FilesReading, { failed: unknown }> }
  | { readonly id: number; readonly error: string };

interface Pending {
  readonly resolve: (reading: FilesReading) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Files parsed and compiled in a worker thread (interpret-worker.ts): parsing 100k eskip routes
 * takes the better part of a second, which on the serving thread would stall every request. The
 * routes come back encoded, and are decoded a chunk per turn of the event loop (route-chunks.ts).
 * A worker that dies fails what it was doing, and the next reading starts another.
 */
export class OffThreadInterpreter {
  private worker: Worker | undefined;
  /** The pair of the worker's encoder: a new worker starts a new one. */
  private decoder = new RoutesDecoder();
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  interpret(interpretation: Interpretation, reads: readonly FileRead[]): Promise<FilesReading> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
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
    const worker = startBuiltWorker("files/interpret-worker.js");
    this.decoder = new RoutesDecoder();
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
    this.pending.delete(message.id);
    if ("error" in message) return pending.reject(new Error(message.error));
    const { done } = message;
    if ("failed" in done) return pending.resolve(done);
    this.decoder.decode(done.routes).then((routes) => pending.resolve({ ...done, routes }), pending.reject);
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
