/** A RouteGroup's spec as the compiler uses it, after validation (skipper-semantics §5.2). */

export const backendTypes = ["service", "shunt", "loopback", "dynamic", "lb", "network", "forward"] as const;
export type BackendType = (typeof backendTypes)[number];

export const lbAlgorithms = ["roundRobin", "random", "consistentHash", "powerOfRandomNChoices"] as const;

export interface BackendSpec {
  readonly name: string;
  readonly type: BackendType;
  readonly address: string;
  /** "" when the backend names none: the configured default applies. */
  readonly algorithm: string;
  readonly endpoints: readonly string[];
  readonly serviceName: string;
  readonly servicePort: number;
}

export interface BackendRef {
  readonly backendName: string;
  readonly weight: number;
}

export interface RouteSpec {
  readonly path: string;
  readonly pathSubtree: string;
  readonly pathRegexp: string;
  readonly methods: readonly string[];
  readonly predicates: readonly string[];
  readonly filters: readonly string[];
  readonly backends: readonly BackendRef[];
}

export interface TlsSpec {
  readonly hosts: readonly string[];
  readonly secretName: string;
}

export interface RouteGroupSpec {
  readonly hosts: readonly string[];
  readonly backends: readonly BackendSpec[];
  readonly defaultBackends: readonly BackendRef[];
  /** Undefined when the group has no `routes` field: implicit mode (§5.4 step 5). */
  readonly routes: readonly (RouteSpec | null)[] | undefined;
  readonly tls: readonly TlsSpec[];
}
