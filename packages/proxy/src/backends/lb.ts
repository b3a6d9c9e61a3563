import type { LbEndpoint } from "@bosun/eskip";
import type { Exchange } from "../exchange.js";
import { backendOrigin } from "./address.js";
import { BackendError, type BackendHandler, type BackendServices } from "./backend.js";
import { DEFAULT_ALGORITHM, type AlgorithmRegistry, type Balancer } from "./lb/algorithm.js";
import { Endpoint, type BalanceInput } from "./lb/endpoint.js";

/**
 * `<[algorithm,] "ep1", "ep2", …>` (§4.5): every request picks an endpoint with the route's
 * algorithm; a dial failure on a request without body is retried once on a new pick.
 */
export class LbBackend implements BackendHandler {
  readonly label: string;
  readonly endpoints: readonly Endpoint[];
  private readonly balancer: Balancer;

  /**
   * `routeId` is for Skipper's error wording (skipper-semantics §2.1 step 3). A balancer of a
   * backend pool (backend-pools.ts) is labelled, in metrics and logs, with the pool's name and
   * `poolKey`.
   */
  constructor(
    routeId: string,
    algorithmName: string,
    endpoints: readonly LbEndpoint[],
    algorithms: AlgorithmRegistry,
    random: () => number,
    readonly pool?: { readonly name: string; readonly key: string },
  ) {
    const name = algorithmName === "" ? DEFAULT_ALGORITHM : algorithmName;
    const spec = algorithms.get(name);
    if (!spec) throw new BackendError(`failed to set LB algorithm implementation for route ${routeId}: unsupported algorithm ${name}`);
    if (endpoints.length === 0) throw new BackendError(`failed to post-process LB route: ${routeId}, no endpoints defined`);
    this.endpoints = endpoints.map(({ address, zone }) => new Endpoint(address, backendOrigin(address), zone));
    const schemes = new Set(this.endpoints.map((endpoint) => endpoint.origin.slice(0, endpoint.origin.indexOf(":"))));
    if (schemes.size > 1) throw new BackendError("all endpoints of a load-balanced backend must share one scheme");
    this.balancer = spec.create(this.endpoints, random);
    this.label = pool?.name ?? `<${name}, ${endpoints.map((endpoint) => JSON.stringify(endpoint.address)).join(", ")}>`;
  }

  serve(exchange: Exchange, services: BackendServices): void {
    const endpoint = this.balancer.pick(balanceInput(exchange));
    services.forward(exchange, endpoint.origin, endpoint);
  }

  upgradeOrigin(exchange: Exchange): string {
    return this.balancer.pick(balanceInput(exchange)).origin;
  }

  retry(exchange: Exchange, services: BackendServices): boolean {
    if (exchange.retried || exchange.request.hasBody) return false;
    exchange.retried = true;
    this.serve(exchange, services);
    return true;
  }
}

function balanceInput(exchange: Exchange): BalanceInput {
  const { directives, request } = exchange;
  const forwardedFor = request.header("x-forwarded-for")?.[0];
  const clientAddress = forwardedFor ? forwardedFor.split(",", 1)[0]!.trim() : request.remoteAddress;
  return {
    clientAddress,
    ...(directives.consistentHashKey === undefined ? {} : { hashKey: directives.consistentHashKey }),
    ...(directives.consistentHashBalanceFactor === undefined ? {} : { balanceFactor: directives.consistentHashBalanceFactor }),
  };
}
