import type { Problem } from "@bosun/eskip";
import { kubeObject, type JsonObject, type KubeObject } from "@bosun/kube";
import type { KubeConfig } from "@kubernetes/client-node";
import { objectPath, type ApiResource } from "../kubernetes/api-resources.js";
import { ApiError, apiRequest } from "../kubernetes/api-request.js";
import type { WantedStatus } from "./status-kind.js";
import { serverMetadata, statusDiffers } from "./status-json.js";
import { StatusLease, type LeaseName } from "./status-lease.js";

export interface StatusWriterOptions {
  readonly config: KubeConfig;
  /** Only the holder of this Lease writes; without one, this writer always does. */
  readonly lease?: LeaseName;
  readonly identity: string;
  readonly leaseDurationSeconds?: number;
  readonly leaseRenewMs?: number;
  /** Writes in flight at once. */
  readonly concurrency?: number;
  /** Attempts per write when another writer changed the object in between (409). */
  readonly conflictAttempts?: number;
  /** After a failed write, the wait before the next try, doubled up to a minute. */
  readonly retryMs?: number;
  readonly requestTimeoutMs?: number;
  readonly now?: () => number;
  /**
   * The writer's problems now (writes that failed, a Lease that cannot be had), each time they
   * change: a later success takes a problem away.
   */
  readonly problems: (current: readonly Problem[]) => void;
}

/** `Kind/namespace/name`: one kind of status per kind of object, so one key names both. */
const keyOf = ({ kind, object }: WantedStatus) => `${kind.resource.kind}/${object.metadata.namespace}/${object.metadata.name}`;

/**
 * Writes each object's status back through the status subresource: what the compilers made of
 * it, as its kind makes a status of that (routegroup-status.ts, gateway-api-status.ts). A status
 * is written only when it differs from the object's, with the object's resourceVersion; after a
 * conflict the object is read again and the status made anew from it. With a Lease, only its
 * holder writes, and a replica that gains the Lease goes over every object of the last report.
 * Writes queue per object (the latest report wins) and run a few at a time, so a first sync of
 * thousands of RouteGroups does not flood the API server.
 */
export class StatusWriter {
  private wanted = new Map<string, WantedStatus>();
  private readonly queue = new Set<string>();
  private readonly lease: StatusLease | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay: number;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  private readonly troubles = new Map<string, Problem>();
  /** The objects whose writes are out: at most `concurrency`. */
  private readonly writingKeys = new Set<string>();
  /** Writes done, for the tests and the metrics. */
  writes = 0;

  constructor(private readonly options: StatusWriterOptions) {
    this.retryDelay = options.retryMs ?? 1_000;
    if (options.lease !== undefined) {
      this.lease = new StatusLease({
        config: options.config,
        lease: options.lease,
        identity: options.identity,
        ...(options.leaseDurationSeconds === undefined ? {} : { durationSeconds: options.leaseDurationSeconds }),
        ...(options.leaseRenewMs === undefined ? {} : { renewMs: options.leaseRenewMs }),
        ...(options.now === undefined ? {} : { now: options.now }),
        changed: (leader) => {
          if (leader) this.enqueueAll();
        },
        attempted: (failure) =>
          this.trouble("lease", failure === undefined ? undefined : { level: "warning", place: { kind: "other", what: `Lease ${options.lease!.namespace}/${options.lease!.name}` }, code: "lease_failed", reason: `no status is written: ${failure}` }),
      });
    }
  }

  get writing(): boolean {
    return this.lease === undefined || this.lease.leader;
  }

  start(): void {
    this.lease?.start();
  }

  /** The statuses wanted now, for every object bosun writes the status of; an object left out is no longer written. */
  report(statuses: readonly WantedStatus[]): void {
    const before = this.wanted;
    const wanted = new Map<string, WantedStatus>();
    // Only what changed is looked at again: comparing every status at each change of one object of thousands took a third of a second.
    const changed: string[] = [];
    for (const each of statuses) {
      const key = keyOf(each);
      wanted.set(key, each);
      const last = before.get(key);
      if (last === undefined || last.object !== each.object || !each.kind.sameFindings(last.findings, each.findings)) changed.push(key);
    }
    this.wanted = wanted;
    this.enqueue(changed);
  }

  /** Resolves once no write is queued or in flight (for tests, and a clean stop). */
  idle(): Promise<void> {
    if (this.writingKeys.size === 0 && (this.queue.size === 0 || !this.writing)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.queue.clear();
    await this.idle();
    await this.lease?.stop();
  }

  /** Every object of the last report: when this replica becomes the writer, and after a failed write. */
  private enqueueAll(): void {
    this.enqueue(this.wanted.keys());
  }

  private enqueue(keys: Iterable<string>): void {
    for (const key of keys) {
      const { kind, object, findings } = this.wanted.get(key)!;
      if (statusDiffers(object, kind.status(object, findings, new Date(this.now())))) this.queue.add(key);
      else this.trouble(key, undefined);
    }
    this.pump();
  }

  private pump(): void {
    const concurrency = this.options.concurrency ?? 4;
    while (!this.closed && this.writing && this.writingKeys.size < concurrency) {
      const key = this.nextKey();
      if (key === undefined) break;
      this.queue.delete(key);
      const wanted = this.wanted.get(key);
      if (wanted === undefined) continue;
      this.writingKeys.add(key);
      void this.write(key, wanted).finally(() => {
        this.writingKeys.delete(key);
        this.pump();
        this.settleIdle();
      });
    }
    this.settleIdle();
  }

  /**
   * The first queued object whose write is not out: one write per object at a time, so a key
   * queued again while its write is out waits for it. Taken keys leave the queue, so this looks at
   * no more than `concurrency` keys before it finds one.
   */
  private nextKey(): string | undefined {
    for (const key of this.queue) if (!this.writingKeys.has(key)) return key;
    return undefined;
  }

  private settleIdle(): void {
    if (this.writingKeys.size > 0 || (this.queue.size > 0 && this.writing && !this.closed)) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async write(key: string, wanted: WantedStatus): Promise<void> {
    const { resource } = wanted.kind;
    let object = wanted.object;
    const attempts = this.options.conflictAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      const status = wanted.kind.status(object, wanted.findings, new Date(this.now()));
      if (!statusDiffers(object, status)) return this.trouble(key, undefined);
      const { namespace, name } = object.metadata;
      const path = objectPath(resource, namespace, name);
      try {
        const metadata = { name, ...(resource.clusterScoped ? {} : { namespace }), resourceVersion: serverMetadata(object)["resourceVersion"] };
        const body = { apiVersion: resource.apiVersion, kind: resource.kind, metadata, status };
        const written = await apiRequest(this.options.config, { method: "PUT", path: `${path}/status`, body, timeoutMs: this.timeoutMs() });
        this.writes++;
        this.trouble(key, undefined);
        // The object as written is the one to compare the next findings with, until the watch brings it.
        if (this.wanted.get(key) === wanted) this.wanted.set(key, { ...wanted, object: kubeObject(resource.kind, resource.apiVersion, written as JsonObject) });
        this.retryDelay = this.options.retryMs ?? 1_000;
        return;
      } catch (error) {
        // Gone since: nothing to write to.
        if (error instanceof ApiError && error.statusCode === 404) return this.trouble(key, undefined);
        if (error instanceof ApiError && error.statusCode === 409 && attempt < attempts) {
          const fresh = await this.reread(resource, path).catch(() => undefined);
          if (fresh === undefined) return;
          object = fresh;
          continue;
        }
        this.failedWrite(key, object, error);
        return;
      }
    }
  }

  private async reread(resource: ApiResource, path: string): Promise<KubeObject | undefined> {
    try {
      return kubeObject(resource.kind, resource.apiVersion, (await apiRequest(this.options.config, { method: "GET", path, timeoutMs: this.timeoutMs() })) as JsonObject);
    } catch (error) {
      if (error instanceof ApiError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  private trouble(key: string, problem: Problem | undefined): void {
    if (problem === undefined ? !this.troubles.delete(key) : this.troubles.get(key)?.reason === problem.reason) return;
    if (problem !== undefined) this.troubles.set(key, problem);
    this.options.problems([...this.troubles.values()]);
  }

  private failedWrite(key: string, object: KubeObject, error: unknown): void {
    const reason = `status not written: ${error instanceof Error ? error.message : String(error)}`;
    this.trouble(key, { level: "warning", place: { kind: "object", objectKind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name, fieldPath: "status" }, code: "status_write_failed", reason });
    if (this.closed || this.retryTimer !== undefined) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.enqueueAll();
    }, this.retryDelay);
    this.retryDelay = Math.min(60_000, this.retryDelay * 2);
  }

  private timeoutMs(): number {
    return this.options.requestTimeoutMs ?? 10_000;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
