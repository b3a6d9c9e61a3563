import type { Arg, Backend, Call, LbEndpoint, Route } from "./ast.js";

/**
 * Canonical form and equality of routes, skipper-semantics §1.6: what the conformance suites
 * compare. Predicates are sorted by name (stable, so repeated Host or PathRegexp keep their
 * order); filters keep theirs; load-balancer endpoints are sorted by address; origins are ignored.
 */

/** Skipper keeps Header and HeaderRegexp in maps, so their order among themselves means nothing. */
const keyedByHeaderName = new Set(["Header", "HeaderRegexp"]);

function comparePredicates(a: Call, b: Call): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (!keyedByHeaderName.has(a.name)) return 0;
  const keyA = String(a.args[0]);
  const keyB = String(b.args[0]);
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

function canonicalBackend(backend: Backend): Backend {
  if (backend.type !== "lb") return backend;
  const endpoints = [...backend.endpoints].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return { type: "lb", algorithm: backend.algorithm, endpoints };
}

export function canonicalRoute(route: Route): Route {
  return {
    id: route.id,
    predicates: [...route.predicates].sort(comparePredicates),
    filters: route.filters,
    backend: canonicalBackend(route.backend),
  };
}

/** Arguments are equal by type and value: the number 1 is not the string "1". */
function argsEqual(a: readonly Arg[], b: readonly Arg[]): boolean {
  return a.length === b.length && a.every((arg, i) => arg === b[i]);
}

function callsEqual(a: readonly Call[], b: readonly Call[]): boolean {
  return a.length === b.length && a.every((call, i) => call.name === b[i]!.name && argsEqual(call.args, b[i]!.args));
}

function endpointsEqual(a: readonly LbEndpoint[], b: readonly LbEndpoint[]): boolean {
  return a.length === b.length && a.every((e, i) => e.address === b[i]!.address && e.zone === b[i]!.zone);
}

function backendsEqual(a: Backend, b: Backend): boolean {
  if (a.type === "network" && b.type === "network") return a.address === b.address;
  if (a.type === "lb" && b.type === "lb") return a.algorithm === b.algorithm && endpointsEqual(a.endpoints, b.endpoints);
  return a.type === b.type;
}

/** Skipper's `eskip.Eq` for two routes. */
export function routesEqual(a: Route, b: Route): boolean {
  const ca = canonicalRoute(a);
  const cb = canonicalRoute(b);
  return (
    ca.id === cb.id &&
    callsEqual(ca.predicates, cb.predicates) &&
    callsEqual(ca.filters, cb.filters) &&
    backendsEqual(ca.backend, cb.backend)
  );
}

/** Skipper's `eskip.EqLists`: the same routes by id, in any order; a repeated id makes lists unequal. */
export function routeListsEqual(a: readonly Route[], b: readonly Route[]): boolean {
  if (a.length !== b.length) return false;
  const byId = (routes: readonly Route[]) => new Map(routes.map((route) => [route.id, route]));
  const mapA = byId(a);
  const mapB = byId(b);
  if (mapA.size !== a.length || mapB.size !== b.length) return false;
  for (const [id, route] of mapA) {
    const other = mapB.get(id);
    if (!other || !routesEqual(route, other)) return false;
  }
  return true;
}
