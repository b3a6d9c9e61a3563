import { NamedRegistry } from "@bosun/eskip";
import { consistentHash } from "./consistent-hash.js";
import type { BalanceInput, Endpoint } from "./endpoint.js";
import { leastRequests } from "./least-requests.js";
import { powerOfRandomNChoices } from "./power-of-random-n-choices.js";
import { random } from "./random.js";
import { roundRobin } from "./round-robin.js";
import { weightedRoundRobin } from "./weighted-round-robin.js";

// The algorithm files import only types from here, so the registry can import them back.

/** Chooses the endpoint for one request. */
export interface Balancer {
  pick(input: BalanceInput): Endpoint;
}

/** A load-balancing algorithm by its eskip name (`<roundRobin, "http://a", ...>`). */
export interface AlgorithmSpec {
  readonly name: string;
  /** `random` returns a number in [0, 1), like Math.random; tests pass a seeded one. */
  create(endpoints: readonly Endpoint[], random: () => number): Balancer;
}

/** The algorithm a load-balanced backend uses when it names none (skipper-semantics §4.5). */
export const DEFAULT_ALGORITHM = roundRobin.name;

/**
 * The same algorithm, except that a single endpoint is always picked without asking it
 * (skipper-semantics §4.5: a single endpoint short-circuits every algorithm).
 */
export function shortCircuitSingleEndpoint(spec: AlgorithmSpec): AlgorithmSpec {
  return {
    name: spec.name,
    create(endpoints, random) {
      if (endpoints.length === 0) throw new Error(`${spec.name}: a load-balanced backend needs an endpoint`);
      const only = endpoints.length === 1 ? endpoints[0] : undefined;
      if (only !== undefined) return { pick: () => only };
      return spec.create(endpoints, random);
    },
  };
}

/** The load-balancing algorithms by name. Built-ins are added exactly as any other is. */
export class AlgorithmRegistry extends NamedRegistry<AlgorithmSpec> {
  constructor() {
    super("load-balancing algorithm");
  }

  /** Registers `spec`; whatever it does, a single endpoint is picked without asking it. */
  override add(spec: AlgorithmSpec): this {
    return super.add(shortCircuitSingleEndpoint(spec));
  }
}

/** A registry holding every built-in algorithm. */
export function defaultAlgorithms(): AlgorithmRegistry {
  const registry = new AlgorithmRegistry();
  for (const spec of [roundRobin, random, consistentHash, powerOfRandomNChoices, weightedRoundRobin, leastRequests]) {
    registry.add(spec);
  }
  return registry;
}
