import { canonicalRoute, printRoute, routesEqual, type Backend, type Route } from "@bosun/eskip";

/**
 * The route comparison of the conformance README ("Comparing routes"): the same ids, none
 * repeated, and for each id equal canonical forms. eskip's `routesEqual` is that canonical
 * equality, with one exception the README makes and eskip does not: eskip compares the zone of
 * load-balanced endpoints (a route's zone is part of its meaning), while the fixtures drop zone
 * annotations before comparing. So zones are removed here, and only here.
 */

function withoutZones(backend: Backend): Backend {
  if (backend.type !== "lb") return backend;
  return { ...backend, endpoints: backend.endpoints.map(({ address }) => ({ address })) };
}

function comparable(route: Route): Route {
  return { ...route, backend: withoutZones(route.backend) };
}

function printed(route: Route): string {
  return printRoute(canonicalRoute(comparable(route)));
}

function byId(routes: readonly Route[]): Map<string, Route[]> {
  const ids = new Map<string, Route[]>();
  for (const route of routes) ids.set(route.id, [...(ids.get(route.id) ?? []), route]);
  return ids;
}

function repeatedIds(ids: ReadonlyMap<string, readonly Route[]>, side: string): string[] {
  return [...ids]
    .filter(([, routes]) => routes.length > 1)
    .map(([id, routes]) => `${side} route id ${JSON.stringify(id)} appears ${routes.length} times`);
}

function idList(label: string, ids: readonly string[]): string[] {
  return ids.length === 0 ? [] : [`${label} ${ids.length} route${ids.length === 1 ? "" : "s"}: ${ids.join(", ")}`];
}

function differing(expected: ReadonlyMap<string, readonly Route[]>, actual: ReadonlyMap<string, readonly Route[]>): string[] {
  const reasons: string[] = [];
  for (const [id, [want]] of expected) {
    const got = actual.get(id)?.[0];
    if (want === undefined || got === undefined || routesEqual(comparable(want), comparable(got))) continue;
    reasons.push(`route ${id} differs:\n  expected: ${printed(want)}\n  actual:   ${printed(got)}`);
  }
  return reasons;
}

/** Why two route lists are not equal under the README's rules; empty when they are. */
export function routeDifferences(expected: readonly Route[], actual: readonly Route[]): string[] {
  const wanted = byId(expected);
  const got = byId(actual);
  return [
    ...repeatedIds(wanted, "expected"),
    ...repeatedIds(got, "actual"),
    ...idList("missing", [...wanted.keys()].filter((id) => !got.has(id))),
    ...idList("unexpected", [...got.keys()].filter((id) => !wanted.has(id))),
    ...differing(wanted, got),
  ];
}
