import type { Route } from "@bosun/eskip";
import { hostKeysOf, HttpRoutingRequest } from "@bosun/routing";
import { seededRandom } from "./seeded-random.ts";

/**
 * A fixed request mix for a generated route table: most requests are made to fit one route
 * (its host, path with parameters filled in, method, headers, cookie, query), the rest fit none.
 */

function argOf(route: Route, name: string, index = 0): string | undefined {
  const arg = route.predicates.find((predicate) => predicate.name === name)?.args[index];
  return typeof arg === "string" ? arg : undefined;
}

function pathFor(route: Route): string {
  const exact = argOf(route, "Path");
  if (exact !== undefined) return exact.replace(/:[A-Za-z]+/g, "4711");
  const subtree = argOf(route, "PathSubtree");
  if (subtree !== undefined) return `${subtree.replace(/\/$/, "")}/deeper/still`;
  const regexp = argOf(route, "PathRegexp");
  const prefix = regexp && /^\^((?:\\?\/[A-Za-z0-9]+)+)/.exec(regexp)?.[1]?.replaceAll("\\/", "/");
  return prefix ? `${prefix}/42` : "/";
}

function requestFor(route: Route): HttpRoutingRequest {
  const hostRegexp = argOf(route, "Host");
  const host = (hostRegexp && hostKeysOf(hostRegexp)?.[0]) ?? "unknown.example";
  const headers: Record<string, string> = { host };
  const tenant = argOf(route, "Header", 1);
  if (tenant !== undefined) headers["x-tenant"] = tenant;
  if (argOf(route, "HeaderRegexp")) headers["user-agent"] = "Mozilla/5.0 (iPhone)";
  if (argOf(route, "Cookie")) headers["cookie"] = "session=0123456789abcdef0123456789abcdef";
  const query = argOf(route, "QueryParam") === undefined ? "" : "?debug=true&preview";
  return new HttpRoutingRequest({ method: argOf(route, "Method") ?? "GET", url: `${pathFor(route)}${query}`, headers });
}

/** `count` requests: 90% made from routes picked at random, 10% for hosts and paths no route has. */
export function requestMix(routes: readonly Route[], count: number, seed = 7): HttpRoutingRequest[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) =>
    random.chance(0.9)
      ? requestFor(random.pick(routes))
      : new HttpRoutingRequest({ method: "GET", url: `/nowhere/${i}`, headers: { host: `nohost${i}.example` } }),
  );
}
