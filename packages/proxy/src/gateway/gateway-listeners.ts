import { hostnameCovers, listenerSpecificity, type GatewayListenerSpec } from "@bosun/eskip";

/**
 * Which Gateway listener a request on a bound Gateway port belongs to (gateway-api.md §2.2):
 * among the listeners of that port (of one Gateway, when the binding names it), an exact
 * hostname first, then the wildcard with the most labels, then a listener without hostname.
 * Only that listener's routes are tried; with none, the request has no route (404).
 */

/** A local address the proxy serves one Gateway listener port on: `--listener [ns/gateway:]PORT=HOST:LOCALPORT`. */
export interface GatewayBinding {
  readonly port: number;
  /** `ns/gateway`, or undefined for the listeners of every Gateway on the port. */
  readonly gateway: string | undefined;
}

/** The key no listener has: a request that selects no listener is tried against no route. */
export const noListener = "";

interface Candidate {
  readonly key: string;
  readonly gateway: string;
  readonly hostname: string | undefined;
}

export class GatewayListeners {
  static readonly none = new GatewayListeners([]);
  private readonly byPort = new Map<number, Candidate[]>();

  constructor(readonly specs: readonly GatewayListenerSpec[]) {
    for (const spec of specs) {
      const list = this.byPort.get(spec.port) ?? [];
      list.push({ key: spec.key, gateway: spec.gateway, hostname: spec.hostname });
      this.byPort.set(spec.port, list);
    }
    for (const list of this.byPort.values()) list.sort((a, b) => listenerSpecificity(b.hostname) - listenerSpecificity(a.hostname));
  }

  /** The key of the listener a request with this Host header belongs to, or `noListener`. */
  select(binding: GatewayBinding, hostHeader: string): string {
    const candidates = this.byPort.get(binding.port);
    if (candidates === undefined) return noListener;
    const host = bareHost(hostHeader);
    for (const candidate of candidates) {
      if (binding.gateway !== undefined && candidate.gateway !== binding.gateway) continue;
      if (candidate.hostname === undefined || hostnameCovers(candidate.hostname, host)) return candidate.key;
    }
    return noListener;
  }

  /** Listener ports no binding serves: their routes are in the table, and nobody can reach them. */
  unbound(bindings: readonly GatewayBinding[]): GatewayListenerSpec[] {
    return this.specs.filter((spec) => !bindings.some((binding) => binding.port === spec.port && (binding.gateway === undefined || binding.gateway === spec.gateway)));
  }
}

/** The Host header's name: no port, no trailing dot, lower case (DNS names are). */
function bareHost(host: string): string {
  let name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d*$/, "");
  if (name.endsWith(".")) name = name.slice(0, -1);
  return name.toLowerCase();
}
