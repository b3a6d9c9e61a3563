import { deserialize, serialize } from "node:v8";
import type { Route } from "@bosun/eskip";

/**
 * Routes sent from a worker thread, encoded in chunks. Decoding 100k routes takes as long as
 * parsing them (over a second here): received as one message, that would hold the serving thread
 * all that time. Encoded in the worker and moved (transferred, not copied), the chunks are decoded
 * by the receiver one per turn of its event loop, with requests served in between.
 */
export interface EncodedRoutes {
  readonly chunks: readonly Uint8Array[];
}

/** About 2 ms of decoding each. */
const chunkSize = 250;

export function encodeRoutes(routes: readonly Route[]): { encoded: EncodedRoutes; transfer: ArrayBuffer[] } {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < routes.length; at += chunkSize) chunks.push(new Uint8Array(serialize(routes.slice(at, at + chunkSize))));
  return { encoded: { chunks }, transfer: chunks.map((chunk) => chunk.buffer as ArrayBuffer) };
}

export async function decodeRoutes(encoded: EncodedRoutes): Promise<Route[]> {
  const routes: Route[] = [];
  for (const chunk of encoded.chunks) {
    for (const route of deserialize(chunk) as Route[]) routes.push(route);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return routes;
}
