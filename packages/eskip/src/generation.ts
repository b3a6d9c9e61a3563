import { createHash } from "node:crypto";
import type { Route } from "./ast.js";
import { printRoute } from "./print.js";
import { runNow, type Work } from "./slices-of-work.js";

/**
 * A content hash of a route list, from its eskip text: two processes that hold the same routes
 * in the same order get the same generation, so a route server and the proxies that follow it
 * can tell they serve alike without comparing tables.
 */
export function routesGeneration(routes: readonly Route[]): string {
  return runNow(routesGenerationWork(routes));
}

/**
 * The hash of each route's eskip text (`id: route;`), kept while the route is: a table rebuilt
 * after a change to a few routes prints and hashes only those. Routes are never changed in place,
 * so a kept hash stays true; 32 bytes rather than the text, so that keeping it costs little.
 */
const routeDigests = new WeakMap<Route, string>();

function routeDigest(route: Route): string {
  let digest = routeDigests.get(route);
  if (digest === undefined) routeDigests.set(route, (digest = createHash("sha256").update(`${route.id}: ${printRoute(route)};`).digest("binary")));
  return digest;
}

/** The same hash, a few routes at a time: the routes' digests, in order, hashed again. */
export function* routesGenerationWork(routes: readonly Route[]): Work<string> {
  const hash = createHash("sha256");
  for (let i = 0; i < routes.length; i++) {
    hash.update(routeDigest(routes[i]!), "binary");
    if ((i & 15) === 15) yield;
  }
  return hash.digest("hex").slice(0, 12);
}
