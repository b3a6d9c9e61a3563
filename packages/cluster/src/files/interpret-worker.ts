import { parentPort } from "node:worker_threads";
import { interpretHere } from "./interpretation.js";
import type { InterpretRequest, InterpretMessage } from "./off-thread.js";

/**
 * The worker of off-thread.ts: parses and compiles files away from the thread that serves, and
 * sends the routes back in chunks, so that no one message takes the serving thread long to
 * receive.
 */
const chunkSize = 2_000;

parentPort!.on("message", ({ id, interpretation, reads }: InterpretRequest) => {
  const post = (message: InterpretMessage) => parentPort!.postMessage(message);
  try {
    const reading = interpretHere(interpretation, reads);
    if ("failed" in reading) return post({ id, done: reading });
    for (let at = 0; at < reading.routes.length; at += chunkSize) post({ id, routes: reading.routes.slice(at, at + chunkSize) });
    post({ id, done: { problems: reading.problems, inputs: reading.inputs, generation: reading.generation } });
  } catch (error) {
    post({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
