/**
 * Skipper's `createHostRx` (skipper-semantics §5.6): each host with `.` as `[.]`, an optional
 * trailing dot and port, alternatives in one anchored group. Other metacharacters are not
 * escaped, as in Skipper.
 */
export function hostRegexp(hosts: readonly string[]): string {
  return `^(${hosts.map((host) => `${host.replaceAll(".", "[.]")}[.]?(:[0-9]+)?`).join("|")})$`;
}
