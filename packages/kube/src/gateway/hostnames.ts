import { hostnameCovers as hostnameMatches, isWildcardHostname as isWildcard } from "@bosun/eskip";

/**
 * How routes' hostnames meet listeners' (gateway-api.md §2.3); what a hostname covers is
 * eskip's, which the proxy's listener selection shares.
 */

export { hostnameMatches };

/** Whether wildcard `a` covers every name that wildcard `b` covers: `*.c` covers `*.b.c`. */
function wildcardCovers(a: string, b: string): boolean {
  return b === a || b.endsWith(a.slice(1));
}

/**
 * The hostnames a route serves on a listener, by the table of §2.3: `undefined` for any host, an
 * empty list when nothing intersects.
 */
export function effectiveHostnames(listenerHostname: string | undefined, routeHostnames: readonly string[]): readonly string[] | undefined {
  if (listenerHostname === undefined) return routeHostnames.length === 0 ? undefined : routeHostnames;
  if (routeHostnames.length === 0) return [listenerHostname];
  const effective: string[] = [];
  for (const route of routeHostnames) {
    const narrowed = intersection(listenerHostname, route);
    if (narrowed !== undefined && !effective.includes(narrowed)) effective.push(narrowed);
  }
  return effective;
}

function intersection(listener: string, route: string): string | undefined {
  if (!isWildcard(listener)) return hostnameMatches(route, listener) ? listener : undefined;
  if (!isWildcard(route)) return hostnameMatches(listener, route) ? route : undefined;
  if (wildcardCovers(listener, route)) return route;
  if (wildcardCovers(route, listener)) return listener;
  return undefined;
}

/**
 * The first two keys of §2.6's precedence for a route on an effective hostname: the length of a
 * matching exact hostname, then of any hostname, wildcards counted with their characters.
 */
export function hostnameSpecificity(hostname: string | undefined): readonly [number, number] {
  if (hostname === undefined) return [0, 0];
  return [isWildcard(hostname) ? 0 : hostname.length, hostname.length];
}

/**
 * The Host regexp of an effective hostname (gateway-api.md §3.4): case-insensitive, as DNS
 * names are, with an optional trailing dot and port, which are not part of the name.
 */
export function hostRegexpOf(hostname: string): string {
  const escape = (text: string) => text.replaceAll(".", "[.]");
  const name = isWildcard(hostname) ? `[^:]+${escape(hostname.slice(1))}` : escape(hostname);
  return `(?i)^${name}[.]?(:[0-9]+)?$`;
}
