import type { AlgorithmSpec } from "./algorithm.js";
import { endpointAt, type BalanceInput, type Endpoint } from "./endpoint.js";
import { xxhash64 } from "./xxhash64.js";

/** Ring points per endpoint (skipper-semantics §4.5). */
export const POINTS_PER_ENDPOINT = 100;

/** The ring: point hashes in ascending order, and the endpoint owning each point. */
interface Ring {
  readonly hashes: readonly bigint[];
  readonly owners: readonly Endpoint[];
}

function buildRing(endpoints: readonly Endpoint[]): Ring {
  // The point text is "<url as written>-<i>", so the ring matches Skipper's for the same route.
  const points = endpoints.flatMap((endpoint) =>
    Array.from({ length: POINTS_PER_ENDPOINT }, (_, i) => ({ hash: xxhash64(`${endpoint.url}-${i}`), endpoint })),
  );
  points.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  return { hashes: points.map((point) => point.hash), owners: points.map((point) => point.endpoint) };
}

/** The first point whose hash is ≥ `keyHash`, wrapping past the last point to the first. */
function firstPointFrom(hashes: readonly bigint[], keyHash: bigint): number {
  let low = 0;
  let high = hashes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((hashes[middle] ?? 0n) >= keyHash) high = middle;
    else low = middle + 1;
  }
  return low === hashes.length ? 0 : low;
}

/**
 * consistentHashBalanceFactor: from `start`, walk the ring to the first endpoint whose load is
 * within factor × the average load counting this request. If none is (only with a factor below 1),
 * Skipper's loop comes back round to `start`; so does this.
 */
function boundedLoadPick(ring: Ring, start: number, endpoints: readonly Endpoint[], factor: number): Endpoint {
  const total = endpoints.reduce((sum, endpoint) => sum + endpoint.inFlight, 0);
  const target = (factor * (1 + total)) / endpoints.length;
  for (let step = 0; step < ring.owners.length; step++) {
    const owner = endpointAt(ring.owners, (start + step) % ring.owners.length);
    if (owner.inFlight <= target) return owner;
  }
  return endpointAt(ring.owners, start);
}

/**
 * consistentHash: the key (consistentHashKey's value, else the client address) picks a point
 * on a ring of every endpoint's hashed points (skipper-semantics §4.5).
 */
export const consistentHash: AlgorithmSpec = {
  name: "consistentHash",
  create(endpoints) {
    // Made on the first request, not with the table: 100 hashed points per endpoint made most of
    // a 10k-route table's build (bench:reload), and routes that get no request need none.
    let ring: Ring | undefined;
    return {
      pick(input: BalanceInput) {
        ring ??= buildRing(endpoints);
        const start = firstPointFrom(ring.hashes, xxhash64(input.hashKey ?? input.clientAddress));
        if (input.balanceFactor === undefined) return endpointAt(ring.owners, start);
        return boundedLoadPick(ring, start, endpoints, input.balanceFactor);
      },
    };
  },
};
