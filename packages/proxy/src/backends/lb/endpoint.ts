/** One endpoint of a load-balanced backend; `inFlight` is kept by the proxy. */
export class Endpoint {
  inFlight = 0;

  constructor(
    /** As written in the route, e.g. "http://10.2.0.1:8080"; consistentHash hashes this text. */
    readonly url: string,
    /** scheme://host:port with the default port filled in. */
    readonly origin: string,
    readonly zone?: string,
  ) {}
}

/** What an algorithm may look at for one request, besides its endpoints. */
export interface BalanceInput {
  /** The client address: first X-Forwarded-For entry, else the remote IP (skipper-semantics §4.5). */
  readonly clientAddress: string;
  /** `consistentHashKey` filter's value, when set. */
  readonly hashKey?: string;
  /** `consistentHashBalanceFactor`, when set. */
  readonly balanceFactor?: number;
}

/** The endpoint at `index`; algorithms only ask for indexes below endpoints.length. */
export function endpointAt(endpoints: readonly Endpoint[], index: number): Endpoint {
  const endpoint = endpoints[index];
  if (endpoint === undefined) throw new Error(`no endpoint at index ${index} of ${endpoints.length}`);
  return endpoint;
}

/** A uniform index into `count` endpoints; `random` returns [0, 1) like Math.random. */
export function randomIndex(random: () => number, count: number): number {
  // min() guards a source that returns exactly 1.
  return Math.min(count - 1, Math.floor(random() * count));
}
