import { createHash } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import type { Route } from "@bosun/eskip";

/**
 * Routes sent from a worker thread to the thread that serves, as changes to the list sent before.
 *
 * Decoding 100k routes takes as long as parsing them (over a second here), and 10k take 60–140 ms:
 * received whole at each change, that would hold the serving thread each time. So a list goes as
 * the position each route had in the list before, where it is unchanged, and only the new or
 * changed routes encoded, in chunks that are moved (transferred, not copied) and decoded one per
 * turn of the receiver's event loop. An unchanged route arrives as the very object the receiver
 * had, so the proxy keeps its program and compiled predicates (proxy-table.ts).
 *
 * One encoder and one decoder make a pair, for the life of one worker: every list the encoder
 * makes must reach the decoder, in order.
 */
export interface EncodedRoutes {
  /** Per route of the list, its position in the list before, or -1 for the next of the new ones. */
  readonly kept: Int32Array;
  /** The new routes, in order, in chunks. */
  readonly chunks: readonly Uint8Array[];
}

/** About 2 ms of decoding each. */
const chunkSize = 250;

export class RoutesEncoder {
  /** The routes of the last list by a digest of their encoding, with their positions in it. */
  private positions = new Map<string, number>();
  /** A Route object's digest: a compiler that hands back the same Route for an unchanged object is not hashed again. */
  private readonly digests = new WeakMap<Route, string>();

  encode(routes: readonly Route[]): { encoded: EncodedRoutes; transfer: ArrayBuffer[] } {
    const positions = new Map<string, number>();
    const kept = new Int32Array(routes.length);
    const fresh: Route[] = [];
    for (let at = 0; at < routes.length; at++) {
      const route = routes[at]!;
      // The same content encodes to the same bytes; a digest keeps the map small at 100k routes.
      let digest = this.digests.get(route);
      if (digest === undefined) {
        digest = createHash("sha1").update(serialize(route)).digest("binary");
        this.digests.set(route, digest);
      }
      const before = this.positions.get(digest);
      kept[at] = before ?? -1;
      if (before === undefined) fresh.push(route);
      if (!positions.has(digest)) positions.set(digest, at);
    }
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < fresh.length; at += chunkSize) chunks.push(new Uint8Array(serialize(fresh.slice(at, at + chunkSize))));
    this.positions = positions;
    return { encoded: { kept, chunks }, transfer: [kept.buffer as ArrayBuffer, ...chunks.map((chunk) => chunk.buffer as ArrayBuffer)] };
  }
}

export class RoutesDecoder {
  private previous: readonly Route[] = [];
  /** Lists are decoded one after another: each one refers to the one before. */
  private decoding: Promise<unknown> = Promise.resolve();

  decode(encoded: EncodedRoutes): Promise<Route[]> {
    const decoded = this.decoding.then(() => this.decodeNext(encoded));
    this.decoding = decoded.catch(() => {});
    return decoded;
  }

  private async decodeNext({ kept, chunks }: EncodedRoutes): Promise<Route[]> {
    const fresh: Route[] = [];
    for (const chunk of chunks) {
      for (const route of deserialize(chunk) as Route[]) fresh.push(route);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const routes = new Array<Route>(kept.length);
    let next = 0;
    for (let at = 0; at < kept.length; at++) {
      const before = kept[at]!;
      const route = before < 0 ? fresh[next++] : this.previous[before];
      if (route === undefined) throw new Error(`routes from the worker out of step: position ${at} refers to ${before < 0 ? `new route ${next - 1}` : `position ${before}`}, which is not there`);
      routes[at] = route;
    }
    this.previous = routes;
    return routes;
  }
}
