import { ArgsError, type Arg } from "@bosun/eskip";
import type { FilterRequest } from "../context.js";
import { invalidFilterParameters, type FilterSpec } from "../filter.js";
import { completeLocation, type Location, type LocationPath } from "./location.js";

/**
 * gatewayRedirect(statusCode, scheme, hostname, port), bosun's own, for the Gateway API compiler:
 * RequestRedirect (gateway-api §2.7), which redirectTo cannot express, since it fills a missing
 * host with the request's port included and cannot change the port alone (§3.4). Location is
 * `scheme://host[:port]` and then, as for redirectTo, the request path as the filters before left
 * it and the request's query. The compiler has applied the default-port rules already: port 0
 * means none in Location, hostname "" the request's Host without its port.
 */

interface GatewayRedirectArgs {
  readonly code: number;
  readonly scheme: "http" | "https";
  /** Empty for the request's host. */
  readonly hostname: string;
  /** Empty for none, else `:port`. */
  readonly port: string;
}

const redirectCodes: ReadonlySet<unknown> = new Set([301, 302, 303, 307, 308]);

/** Gateway API's PreciseHostname, letters of either case: a name alone, no port, no wildcard. */
const preciseHostname = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/i;

function gatewayRedirectArgs(raw: readonly Arg[]): GatewayRedirectArgs {
  const [code, scheme, hostname, port] = raw;
  const valid =
    raw.length === 4 &&
    redirectCodes.has(code) &&
    (scheme === "http" || scheme === "https") &&
    typeof hostname === "string" &&
    (hostname === "" || preciseHostname.test(hostname)) &&
    typeof port === "number" &&
    Number.isInteger(port) &&
    port >= 0 &&
    port <= 65535;
  if (!valid) throw new ArgsError(invalidFilterParameters);
  return { code: code as number, scheme, hostname, port: port === 0 ? "" : `:${port}` };
}

/** The Host header without its port; an IPv6 literal keeps its brackets, as Location needs them. */
function hostWithoutPort(host: string): string {
  return host.replace(/:\d*$/, "");
}

/** An emptied path (modPath of the whole path) is the root, as the backend would be sent (§3.4). */
const rootPath: LocationPath = { escaped: "/", lowerEscaped: "/" };

function location({ scheme, hostname, port }: GatewayRedirectArgs, request: FilterRequest): Location {
  const host = `${hostname || hostWithoutPort(request.host)}${port}`;
  return { scheme, host, forceQuery: false, ...(request.path === "" && { path: rootPath }) };
}

export const gatewayRedirectFilter: FilterSpec<GatewayRedirectArgs> = {
  name: "gatewayRedirect",
  args: gatewayRedirectArgs,
  create: (args) => ({
    request: (context) => {
      const { request } = context;
      context.serve({ status: args.code, headers: { Location: completeLocation(location(args, request), request, false) } });
    },
  }),
};
