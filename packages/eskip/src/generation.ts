import { createHash } from "node:crypto";
import type { Route } from "./ast.js";
import { printRoute, printRoutes } from "./print.js";
import { runNow, type Work } from "./slices-of-work.js";

/**
 * A content hash of a route list, from its eskip text: two processes that hold the same routes
 * in the same order get the same generation, so a route server and the proxies that follow it
 * can tell they serve alike without comparing tables.
 */
export function routesGeneration(routes: readonly Route[]): string {
  return runNow(routesGenerationWork(routes));
}

/** The same hash, one route at a time: the text printRoutes makes, fed to the hash piece by piece. */
export function* routesGenerationWork(routes: readonly Route[]): Work<string> {
  const hash = createHash("sha256");
  if (routes.length === 1 && routes[0]!.id === "") {
    hash.update(printRoutes(routes));
  } else {
    for (let i = 0; i < routes.length; i++) {
      const route = routes[i]!;
      hash.update(`${i === 0 ? "" : "\n"}${route.id}: ${printRoute(route)};`);
      yield;
    }
  }
  return hash.digest("hex").slice(0, 12);
}
