import { canonicalRoute, printCall, printRoute, type Backend, type Route } from "@bosun/eskip";

/**
 * What a route does, apart from its id: for each host it matches, its other predicates (canonical
 * order), its filters and its backend. Ingress and RouteGroup route ids differ by design, and a
 * RouteGroup says its hosts in one Host regexp per route where an Ingress has one route per host,
 * so routes are compared per host: a Host regexp made by hostRegexp() (skipper-semantics §5.6)
 * is read back as its hosts, and several Host regexps on one route match their intersection.
 * How many Host regexps a route has is kept apart, as it changes the route's weight (§2.2).
 */

export type DifferenceKind =
  /** Per-host 404 routes: Ingress and RouteGroup decide differently when a host gets one (§5.10). */
  | "catch-all"
  /** The Ingress default backend's route for any host, which a RouteGroup with hosts and routes cannot make. */
  | "default-backend"
  /** HTTPS redirect copies: Ingress copies have Weight(1000) and the per-Ingress code, RouteGroup copies neither (§5.11, §5.13.5). */
  | "redirect"
  /** Legacy east-west copies (§5.11). */
  | "east-west"
  /** RouteGroup routes that can never match: `Traffic(0)` backends (Ingresses drop them, §5.13.3). */
  | "never-matches"
  /** The same behaviour with one more Host regexp, so a route weight one higher (§2.2). */
  | "host-weight"
  /** Anything else: listed by route id in the test. */
  | "behaviour";

export interface Difference {
  readonly kind: DifferenceKind;
  /** "missing": an Ingress route with no RouteGroup route that does the same; "extra": the other way round. */
  readonly side: "missing" | "extra";
  readonly id: string;
  readonly host: string;
  readonly printed: string;
}

interface Entry {
  readonly host: string;
  readonly hostRegexps: number;
  /** The canonical route without its id and Host predicates. */
  readonly rest: string;
  readonly route: Route;
}

const hostAlternative = /^(.+)\[\.\]\?\(:\[0-9\]\+\)\?$/;

/** The hosts of a regexp made by hostRegexp(), or undefined for any other regexp. */
export function hostsOfRegexp(regexp: string): string[] | undefined {
  const inner = /^\^\((.*)\)\$$/.exec(regexp)?.[1];
  const hosts = inner?.split("|").map((alternative) => hostAlternative.exec(alternative)?.[1]);
  if (hosts === undefined || hosts.some((host) => host === undefined)) return undefined;
  return hosts.map((host) => host!.replaceAll("[.]", "."));
}

/** The hosts a route matches: `*` for any, the Host predicates as written when they are not hostRegexp() ones. */
function hostsOf(route: Route): string[] {
  const regexps = route.predicates.filter((predicate) => predicate.name === "Host").map((predicate) => String(predicate.args[0]));
  if (regexps.length === 0) return ["*"];
  const sets = regexps.map(hostsOfRegexp);
  if (sets.some((hosts) => hosts === undefined)) return [regexps.map((regexp) => printCall({ name: "Host", args: [regexp] })).join(" && ")];
  return sets.reduce((common, hosts) => common!.filter((host) => hosts!.includes(host)))!;
}

/** A route with a zero-traffic split never matches; neither does one whose Host regexps exclude each other. */
function neverMatches(route: Route): boolean {
  return hostsOf(route).length === 0 || route.predicates.some((predicate) => predicate.name === "Traffic" && predicate.args[0] === 0);
}

function withoutZones(backend: Backend): Backend {
  return backend.type === "lb" ? { ...backend, endpoints: backend.endpoints.map(({ address }) => ({ address })) } : backend;
}

function entriesOf(route: Route): Entry[] {
  const predicates = route.predicates.filter((predicate) => predicate.name !== "Host");
  const rest = printRoute(canonicalRoute({ id: "", predicates, filters: route.filters, backend: withoutZones(route.backend) }));
  const hostRegexps = route.predicates.length - predicates.length;
  return hostsOf(route).map((host) => ({ host, hostRegexps, rest, route }));
}

/** Takes, from `pool`, an entry with the same key as `entry`; false when there is none. */
function take(pool: Map<string, Entry[]>, key: string): boolean {
  const entries = pool.get(key);
  if (entries === undefined || entries.length === 0) return false;
  entries.pop();
  return true;
}

function pooled(entries: readonly Entry[], key: (entry: Entry) => string): Map<string, Entry[]> {
  const pool = new Map<string, Entry[]>();
  for (const entry of entries) pool.set(key(entry), [...(pool.get(key(entry)) ?? []), entry]);
  return pool;
}

const exactKey = (entry: Entry) => `${entry.host}\n${entry.hostRegexps}\n${entry.rest}`;
const looseKey = (entry: Entry) => `${entry.host}\n${entry.rest}`;

/** `anyHost`: whether the RouteGroups made a route for any host, as they do only without hosts. */
function kindOf(entry: Entry, side: Difference["side"], anyHost: boolean): DifferenceKind {
  const { id, origin } = entry.route;
  if (id.includes("catchall")) return "catch-all";
  if (id.endsWith("_https_redirect") || id.endsWith("_disable_https_redirect")) return "redirect";
  if (id.startsWith("kubeew_")) return "east-west";
  if (side === "missing" && !anyHost && origin?.kind === "object" && origin.fieldPath === "spec.defaultBackend") return "default-backend";
  return "behaviour";
}

function difference(entry: Entry, side: Difference["side"], kind: DifferenceKind): Difference {
  return { kind, side, id: entry.route.id, host: entry.host, printed: `${entry.route.id}: ${printRoute(entry.route)}` };
}

/** How the RouteGroup routes behave differently from the Ingress routes, per host; empty when they do the same. */
export function behaviourDifferences(ingressRoutes: readonly Route[], routeGroupRoutes: readonly Route[]): Difference[] {
  const differences: Difference[] = [];
  const dead = routeGroupRoutes.filter(neverMatches);
  differences.push(...dead.map((route) => difference({ host: "", hostRegexps: 0, rest: "", route }, "extra", "never-matches")));
  const ingress = ingressRoutes.flatMap(entriesOf);
  const routeGroup = routeGroupRoutes.filter((route) => !neverMatches(route)).flatMap(entriesOf);
  const exact = pooled(routeGroup, exactKey);
  const unmatched = ingress.filter((entry) => !take(exact, exactKey(entry)));
  const leftOver = [...exact.values()].flat();
  const loose = pooled(leftOver, looseKey);
  const missing = unmatched.filter((entry) => {
    if (!take(loose, looseKey(entry))) return true;
    differences.push(difference(entry, "missing", "host-weight"));
    return false;
  });
  const anyHost = routeGroup.some((entry) => entry.host === "*");
  differences.push(...missing.map((entry) => difference(entry, "missing", kindOf(entry, "missing", anyHost))));
  differences.push(...[...loose.values()].flat().map((entry) => difference(entry, "extra", kindOf(entry, "extra", anyHost))));
  return differences;
}
