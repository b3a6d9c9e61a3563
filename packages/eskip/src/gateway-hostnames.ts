/**
 * Gateway API hostnames (gateway-api.md §2.3): exact names and `*.` wildcards, where the `*`
 * stands for one or more labels, never none. Here, beside GatewayListenerSpec, because the
 * compiler (which intersects them) and the proxy (which selects listeners by them) both need them.
 */

export const isWildcardHostname = (hostname: string): boolean => hostname.startsWith("*.");

/** Whether the hostname pattern covers `host` (a bare name, lower case). */
export function hostnameCovers(pattern: string, host: string): boolean {
  if (!isWildcardHostname(pattern)) return pattern === host;
  const suffix = pattern.slice(1);
  return host.length > suffix.length && host.endsWith(suffix);
}

/**
 * Which listener of several on one port a request goes to (§2.2), larger first: an exact
 * hostname, then the wildcard with the most labels, then a listener without hostname.
 */
export function listenerSpecificity(hostname: string | undefined): number {
  if (hostname === undefined) return 0;
  return isWildcardHostname(hostname) ? hostname.split(".").length : Number.MAX_SAFE_INTEGER;
}
