import type { LbBackend } from "./lb.js";

/**
 * The load balancers of consolidated backend pools (gateway-api §3.6): routes whose filters name
 * one pool (`backendPool(name)`, which the Gateway API compiler gives every share of a rule)
 * share one balancer per algorithm and set of endpoints, across routes, HTTPRoutes and tables,
 * so that its round-robin position or ring is one. Kept for the proxy's life; a table built
 * whole (at the latest the one serve builds once idle after a change) lets go of the pools no
 * route of it names.
 */
export class BackendPools {
  private readonly balancers = new Map<string, LbBackend>();

  /** The pool's balancer for these endpoints, made by `make` the first time. */
  balancer(key: string, make: () => LbBackend): LbBackend {
    let balancer = this.balancers.get(key);
    if (balancer === undefined) this.balancers.set(key, (balancer = make()));
    return balancer;
  }

  /** Forgets every balancer but those of `keys`. */
  retain(keys: ReadonlySet<string>): void {
    for (const key of this.balancers.keys()) if (!keys.has(key)) this.balancers.delete(key);
  }

  get size(): number {
    return this.balancers.size;
  }
}

/** One balancer per pool, algorithm and endpoints, in that order. */
export const poolKey = (pool: string, algorithm: string, addresses: readonly string[]): string => [pool, algorithm, ...addresses].join("\0");
