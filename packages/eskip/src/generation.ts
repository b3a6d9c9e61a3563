import { createHash } from "node:crypto";
import type { Route } from "./ast.js";
import { printRoutes } from "./print.js";

/**
 * A content hash of a route list, from its eskip text: two processes that hold the same routes
 * in the same order get the same generation, so a route server and the proxies that follow it
 * can tell they serve alike without comparing tables.
 */
export function routesGeneration(routes: readonly Route[]): string {
  return createHash("sha256").update(printRoutes(routes)).digest("hex").slice(0, 12);
}
