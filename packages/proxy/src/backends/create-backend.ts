import type { Backend } from "@bosun/eskip";
import type { BackendHandler } from "./backend.js";
import { BackendError } from "./backend.js";
import { DynamicBackend } from "./dynamic.js";
import type { AlgorithmRegistry } from "./lb/algorithm.js";
import { LbBackend } from "./lb.js";
import { poolKey, type BackendPools } from "./backend-pools.js";
import { LoopbackBackend } from "./loopback.js";
import { NetworkBackend } from "./network.js";
import { ShuntBackend } from "./shunt.js";

export interface BackendOptions {
  readonly algorithms: AlgorithmRegistry;
  /** The balancers of backend pools, shared by the routes that name one; none without it. */
  readonly pools?: BackendPools;
  readonly random: () => number;
  /** Where `<forward>` routes go (§4.6); without it they are rejected. */
  readonly forwardUrl: string | undefined;
}

type BackendMaker = (backend: Backend, options: BackendOptions, routeId: string, pool: string | undefined) => BackendHandler;

const shunt = new ShuntBackend();
const loopback = new LoopbackBackend();
const dynamic = new DynamicBackend();

/** One maker per eskip backend type. */
const makers: Readonly<Record<Backend["type"], BackendMaker>> = {
  network: (backend) => new NetworkBackend((backend as { address: string }).address),
  shunt: () => shunt,
  loopback: () => loopback,
  dynamic: () => dynamic,
  lb: (backend, options, routeId, pool) => {
    const lb = backend as Extract<Backend, { type: "lb" }>;
    if (pool === undefined || options.pools === undefined) return new LbBackend(routeId, lb.algorithm, lb.endpoints, options.algorithms, options.random);
    const key = poolKey(pool, lb.algorithm, lb.endpoints.map((endpoint) => endpoint.address));
    return options.pools.balancer(key, () => new LbBackend(routeId, lb.algorithm, lb.endpoints, options.algorithms, options.random, { name: pool, key }));
  },
  forward: (_backend, options) => {
    if (options.forwardUrl === undefined) throw new BackendError("<forward> needs a forward URL (bosun serve --forward-url)");
    return new NetworkBackend(options.forwardUrl);
  },
};

/** `pool`: the backend pool the route names (`backendPool(name)`); only a load-balanced backend shares one. */
export function createBackend(backend: Backend, options: BackendOptions, routeId: string, pool?: string): BackendHandler {
  return makers[backend.type](backend, options, routeId, pool);
}
