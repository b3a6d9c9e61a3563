import { parentPort } from "node:worker_threads";
import { interpretHere } from "./interpretation.js";
import type { InterpretRequest, InterpretMessage } from "./off-thread.js";
import { RoutesEncoder } from "../worker/route-chunks.js";

/**
 * The worker of off-thread.ts: parses and compiles files away from the thread that serves, and
 * sends the routes back encoded (route-chunks.ts).
 */
/** The one stream of routes to the interpreter that started this worker. */
const routes = new RoutesEncoder();

parentPort!.on("message", ({ id, interpretation, reads }: InterpretRequest) => {
  const post = (message: InterpretMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
  try {
    const reading = interpretHere(interpretation, reads);
    if ("failed" in reading) return post({ id, done: reading });
    const { encoded, transfer } = routes.encode(reading.routes);
    post({ id, done: { ...reading, routes: encoded } }, transfer);
  } catch (error) {
    post({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
