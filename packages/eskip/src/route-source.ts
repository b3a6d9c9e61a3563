import type { Route } from "./ast.js";
import type { Problem } from "./problem.js";

/**
 * The seam between where routes come from and what serves them. A source (eskip files, a
 * manifests directory, the Kubernetes API, a route server) delivers whole snapshots; whoever
 * serves merges the snapshots of all its sources into one table. It lives here, beside the
 * routes, because both sides depend on eskip and on nothing of each other.
 */
export interface RouteSnapshot {
  /** Every route the source has now, each with its origin. */
  readonly routes: readonly Route[];
  /** What the source could not use, and what it warns about; never a reason to drop the snapshot. */
  readonly problems: readonly Problem[];
  /** routesGeneration(routes): the same routes give the same generation wherever they are served. */
  readonly generation: string;
  /** Objects (or files) the snapshot was made from, and how many of them were invalid: for metrics. */
  readonly inputs: { readonly total: number; readonly invalid: number };
  /** When the source first learned of the change this snapshot serves (ms since the epoch): for the change-to-serving latency. */
  readonly changedAt: number;
  /** The Gateway listeners of the source's Gateways; none when it has no Gateways. */
  readonly gatewayListeners?: readonly GatewayListenerSpec[];
  /** The certificates of the source's Ingress and RouteGroup `spec.tls` entries; none without them. */
  readonly certificates?: readonly HostCertificate[];
}

/**
 * A certificate the proxy's own address serves to the handshakes whose SNI names one of its
 * hosts (skipper-semantics §5.12, `-kubernetes-enable-tls`). Data only, as GatewayListenerSpec.
 */
export interface HostCertificate {
  /** The hosts it is registered for: an Ingress's or RouteGroup's hosts its tls entry names. */
  readonly hosts: readonly string[];
  /** PEM. */
  readonly cert: string;
  readonly key: string;
}

/**
 * A Gateway API listener that routes of a snapshot name with `Listener("ns/gateway", "name")`:
 * the proxy serves its port where `--listener` binds it, and gives each request there to the
 * listener its Host selects, or over TLS its SNI (gateway-api.md §2.2). Data only, so that it
 * crosses from a compiling worker thread.
 */
export interface GatewayListenerSpec {
  /** `ns/gateway/name`, as the Listener predicate names it. */
  readonly key: string;
  /** `ns/gateway`. */
  readonly gateway: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostname: string | undefined;
  /** An HTTPS listener's certificates and keys, PEM; absent for HTTP. */
  readonly tls?: readonly { readonly cert: string; readonly key: string }[];
}

/** Where a source sends what it reads. */
export interface SnapshotSink {
  /** A new snapshot, which replaces the source's last one. */
  snapshot(snapshot: RouteSnapshot): void;
  /**
   * The source could not make a snapshot (a file that is not eskip, an API that does not answer):
   * its last good snapshot keeps serving.
   */
  failed(problems: readonly Problem[]): void;
}

export interface RouteSource {
  /** What kind of source and what it reads, for logs, metrics and `/healthz`: `routes-file examples/a.eskip`. */
  readonly name: string;
  /**
   * Whether a failed first read stops the start: files the operator named must be there and
   * load. A source that waits for a server (the Kubernetes API, a route server) starts unsynced
   * instead, and the proxy's readiness says so until it has its first snapshot.
   */
  readonly mustLoadAtStart: boolean;
  /**
   * Reads everything once, then follows changes. Resolves once the first attempt is over (its
   * snapshot or failure delivered); a source that must wait for a server keeps trying after that.
   */
  start(sink: SnapshotSink): Promise<void>;
  /** Reads again now, for a caller that knows something changed; resolves once it is delivered. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}
