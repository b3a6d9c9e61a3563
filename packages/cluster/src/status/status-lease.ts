import type { KubeConfig } from "@kubernetes/client-node";
import { ApiError, apiRequest } from "../kubernetes/api-request.js";

export interface LeaseName {
  readonly namespace: string;
  readonly name: string;
}

export interface StatusLeaseOptions {
  readonly config: KubeConfig;
  readonly lease: LeaseName;
  /** Who holds it: the pod's name in a cluster. */
  readonly identity: string;
  /** A holder that has not renewed for this long has lost it. */
  readonly durationSeconds?: number;
  /** How often the holder renews, and a waiting replica looks again. */
  readonly renewMs?: number;
  readonly requestTimeoutMs?: number;
  readonly now?: () => number;
  /** Leadership was gained (true) or lost (false). */
  readonly changed: (leader: boolean) => void;
  /** Each attempt to take or renew the Lease: undefined when the API answered, else why not. */
  readonly attempted: (failure: string | undefined) => void;
}

interface LeaseObject {
  metadata: { resourceVersion?: string; name: string; namespace: string };
  spec?: { holderIdentity?: string; leaseDurationSeconds?: number; acquireTime?: string; renewTime?: string; leaseTransitions?: number };
}

/**
 * Leader election on a coordination.k8s.io Lease, as client-go's leaderelection does it: a
 * replica takes the Lease when it is free or its holder has not renewed it for a whole lease
 * duration, and keeps it by renewing. Expiry is judged by this replica's own clock, from when it
 * last saw the record change, so clocks that disagree between nodes do not matter. Every write
 * carries the resourceVersion read, so two replicas racing for it cannot both win. A holder that
 * cannot renew for a lease duration stops acting as leader before another may take over.
 */
export class StatusLease {
  leader = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The last record seen, and when (by this clock) it was first seen so. */
  private observed: { record: string; at: number } | undefined;
  private lastRenewal = 0;
  private running: Promise<void> | undefined;
  private readonly durationSeconds: number;
  private readonly now: () => number;

  constructor(private readonly options: StatusLeaseOptions) {
    this.durationSeconds = options.durationSeconds ?? 15;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.stopped = false;
    this.tick();
  }

  /** Stops, and gives the Lease up when held so another replica takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    if (!this.leader) return;
    this.setLeader(false);
    try {
      const lease = await this.read();
      if (lease?.spec?.holderIdentity !== this.options.identity) return;
      await this.write("PUT", { ...lease, spec: { ...lease.spec, holderIdentity: "", leaseDurationSeconds: 1 } });
    } catch {
      // Giving up is a courtesy: the Lease expires on its own.
    }
  }

  private tick(): void {
    if (this.stopped) return;
    this.running = this.attempt().finally(() => {
      this.running = undefined;
      if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.options.renewMs ?? (this.durationSeconds * 1000) / 3);
    });
  }

  private async attempt(): Promise<void> {
    try {
      this.setLeader(await this.acquireOrRenew());
      this.options.attempted(undefined);
    } catch (error) {
      this.options.attempted(error instanceof Error ? error.message : String(error));
      // Still the leader only while another replica cannot have taken over yet.
      if (this.leader && this.now() - this.lastRenewal >= this.durationSeconds * 1000) this.setLeader(false);
    }
  }

  private async acquireOrRenew(): Promise<boolean> {
    const lease = await this.read();
    const now = this.now();
    const spec = { holderIdentity: this.options.identity, leaseDurationSeconds: this.durationSeconds, renewTime: microTime(now) };
    if (lease === undefined) {
      return this.won(() => this.write("POST", { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: this.options.lease.name, namespace: this.options.lease.namespace }, spec: { ...spec, acquireTime: microTime(now), leaseTransitions: 0 } }));
    }
    const current = lease.spec ?? {};
    const record = JSON.stringify([current.holderIdentity, current.renewTime, current.leaseDurationSeconds]);
    if (this.observed?.record !== record) this.observed = { record, at: now };
    const held = current.holderIdentity !== undefined && current.holderIdentity !== "";
    const mine = current.holderIdentity === this.options.identity;
    const expired = now - this.observed.at >= (current.leaseDurationSeconds ?? this.durationSeconds) * 1000;
    if (held && !mine && !expired) return false;
    const taken = mine ? { acquireTime: current.acquireTime, leaseTransitions: current.leaseTransitions ?? 0 } : { acquireTime: microTime(now), leaseTransitions: (current.leaseTransitions ?? 0) + 1 };
    return this.won(() => this.write("PUT", { ...lease, spec: { ...current, ...spec, ...taken } }));
  }

  /** A write that another replica beat (409) means it holds the Lease now. */
  private async won(write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
    } catch (error) {
      if (error instanceof ApiError && error.statusCode === 409) return false;
      throw error;
    }
    this.lastRenewal = this.now();
    return true;
  }

  private async read(): Promise<LeaseObject | undefined> {
    try {
      return (await apiRequest(this.options.config, { method: "GET", path: this.path(true), timeoutMs: this.timeoutMs() })) as LeaseObject;
    } catch (error) {
      if (error instanceof ApiError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  private write(method: "POST" | "PUT", body: unknown): Promise<unknown> {
    return apiRequest(this.options.config, { method, path: this.path(method === "PUT"), body, timeoutMs: this.timeoutMs() });
  }

  private path(named: boolean): string {
    const { namespace, name } = this.options.lease;
    const collection = `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/leases`;
    return named ? `${collection}/${encodeURIComponent(name)}` : collection;
  }

  private timeoutMs(): number {
    return this.options.requestTimeoutMs ?? 10_000;
  }

  private setLeader(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.options.changed(leader);
  }
}

/** metav1.MicroTime: RFC 3339 with microseconds. */
function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}
