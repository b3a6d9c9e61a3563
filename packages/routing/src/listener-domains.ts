import type { Work } from "@bosun/eskip";
import type { CompiledRoute } from "./compile-route.js";
import { LookupLayer } from "./lookup-layer.js";
import { treeKeys, type TreeKey } from "./path-pattern.js";
import type { PredicateEnvironment } from "./predicate.js";

/**
 * The listener domains of a route table. The proxy selects one Gateway listener per request before
 * any route is looked at (gateway-api §2.2), and only that listener's routes are candidates. So a
 * route with a Listener predicate is indexed in a lookup layer of its listener's own, and never
 * seen by a request of another listener or of none; and Path routes of eskip files, Ingresses and
 * RouteGroups, which Skipper's order puts before every route without a path, cannot pre-empt the
 * Gateway routes, which have none (§3.3). Within a domain Skipper's order holds as everywhere.
 */

/** One lookup layer per listener key (`namespace/gateway/listener`). */
export type ListenerLayers = ReadonlyMap<string, LookupLayer>;

export const noListenerLayers: ListenerLayers = new Map();

/** Whether any of the routes is in a listener's domain. */
export function anyInListenerDomain(routes: readonly CompiledRoute[]): boolean {
  for (const route of routes) if (route.narrowing.listener !== undefined) return true;
  return false;
}

interface Domain {
  readonly routes: CompiledRoute[];
  readonly keys: (readonly TreeKey[] | undefined)[];
}

/** The layers of every listener that routes of `compiled` (a whole table, in its order) name. */
export function* buildingListenerLayers(compiled: readonly CompiledRoute[], environment: PredicateEnvironment): Work<ListenerLayers> {
  let domains: Map<string, Domain> | undefined;
  for (let slot = 0; slot < compiled.length; slot++) {
    const route = compiled[slot]!;
    const listener = route.narrowing.listener;
    if (listener !== undefined) {
      domains ??= new Map();
      let domain = domains.get(listener);
      if (domain === undefined) domains.set(listener, (domain = { routes: [], keys: [] }));
      domain.routes.push(route);
      domain.keys.push(route.treePath ? treeKeys(route.treePath) : undefined);
    }
    if ((slot & 1023) === 1023) yield;
  }
  if (domains === undefined) return noListenerLayers;
  const layers = new Map<string, LookupLayer>();
  for (const [listener, { routes, keys }] of domains) layers.set(listener, yield* LookupLayer.building(routes, keys, environment, listener));
  return layers;
}
