/**
 * What a Deployment's bosun command line (the container's args: the subcommand, then its
 * options) means for the pod around it: the ports it listens on, the server its probes reach and
 * the paths that server answers, and how long it takes to stop.
 */

/** The paths an HTTP server of bosun answers, and those that say 503 until its sources have synced once. */
export interface ServedPaths {
  readonly serves: readonly string[];
  readonly unavailableUntilSynced: readonly string[];
}

/** packages/proxy/src/admin/admin-server.ts: its handlers; /healthz is 503 while a source has not synced. */
const adminListener: ServedPaths = { serves: ["/metrics", "/healthz", "/routes", "/debug/explain"], unavailableUntilSynced: ["/healthz"] };

/** packages/cluster/src/routesrv/route-server.ts: /healthz and /routes, both 503 until the first sync; any other path 404. */
const routeServer: ServedPaths = { serves: ["/healthz", "/routes"], unavailableUntilSynced: ["/healthz", "/routes"] };

/** The value of `--name value` or `--name=value`, the last one given. */
export function optionValue(args: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  args.forEach((arg, index) => {
    if (arg === `--${name}`) value = args[index + 1];
    else if (arg.startsWith(`--${name}=`)) value = arg.slice(name.length + 3);
  });
  return value;
}

/**
 * The port of a listen address the command line must give: the defaults (127.0.0.1) are not
 * reachable from the kubelet or the Service, so deploy/ names every address, on all interfaces.
 */
function listenPort(args: readonly string[], option: string): number {
  const address = optionValue(args, option);
  const match = address === undefined ? null : /^0\.0\.0\.0:(\d+)$/.exec(address);
  if (match === null) throw new Error(`${args[0]} needs --${option} 0.0.0.0:PORT, not ${address ?? "the default"}`);
  return Number(match[1]);
}

export interface ProbedServer {
  readonly port: number;
  readonly paths: ServedPaths;
}

/** The listener a probe of this command checks: `serve`'s admin listener, `routesrv`'s route server. */
export function probedServer(args: readonly string[]): ProbedServer {
  if (args[0] === "serve") return { port: listenPort(args, "admin-address"), paths: adminListener };
  if (args[0] === "routesrv") return { port: listenPort(args, "address"), paths: routeServer };
  throw new Error(`a container runs bosun ${args[0] ?? "with no subcommand"}, not serve or routesrv`);
}

/** Every port the command listens on. */
export function listenPorts(args: readonly string[]): number[] {
  return args[0] === "serve" ? [listenPort(args, "address"), listenPort(args, "admin-address")] : [listenPort(args, "address")];
}

/** How long the command may take after SIGTERM: `serve` lets requests in flight finish for --shutdown-timeout. */
export function shutdownSeconds(args: readonly string[]): number {
  if (args[0] !== "serve") return 0;
  const timeout = optionValue(args, "shutdown-timeout");
  if (timeout === undefined) throw new Error("serve in a Deployment gives --shutdown-timeout, so the grace period can be checked against it");
  return Number(timeout) / 1000;
}
