import type { Route } from "@bosun/eskip";
import FindMyWay from "find-my-way";

/**
 * find-my-way (fastify's router) over the same paths, as the baseline of what a radix-tree router
 * costs on this machine. It matches method and path only: every Path and PathSubtree pattern of
 * the table is registered once for GET, without hosts or other predicates, so it does less work
 * than the route table and its figure is a floor, not a like-for-like competitor.
 */
export function findMyWayRouter(routes: readonly Route[]): (method: string, path: string) => unknown {
  const router = FindMyWay({ ignoreDuplicateSlashes: false });
  const seen = new Set<string>();
  for (const route of routes) {
    for (const predicate of route.predicates) {
      const pattern = predicate.args[0];
      if (typeof pattern !== "string") continue;
      const paths =
        predicate.name === "Path"
          ? [pattern.replace(/\/\*[^/]*$/, "/*")]
          : predicate.name === "PathSubtree"
            ? [pattern.replace(/\/+$/, "") || "/", `${pattern.replace(/\/+$/, "")}/*`]
            : [];
      for (const path of paths) {
        if (seen.has(path)) continue;
        seen.add(path);
        try {
          router.on("GET", path, () => undefined);
        } catch {
          // find-my-way rejects some patterns Skipper accepts (two params differing only in name).
        }
      }
    }
  }
  return (method, path) => router.find(method as "GET", path);
}
