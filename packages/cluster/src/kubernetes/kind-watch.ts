import type { Problem } from "@bosun/eskip";
import { kubeObject, type JsonObject, type KubeObject } from "@bosun/kube";
import { makeInformer, type Informer, type KubeConfig, type KubernetesListObject, type KubernetesObject, type ObjectCache } from "@kubernetes/client-node";
import { ApiError } from "./api-request.js";
import { collectionPath } from "./api-resources.js";
import { listAll } from "./list-pages.js";
import { selectorText, type WatchedKind } from "./watched-kinds.js";

export interface KindWatchTiming {
  /** Bound of one list request. */
  readonly requestTimeoutMs: number;
  /** Backoff after a failure: the first wait, doubled each failure up to the cap, with jitter. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** How often a kind whose CRD is not installed is looked for again. */
  readonly missingRetryMs: number;
  readonly random: () => number;
}

export interface KindWatchEvents {
  /** Objects were added, changed or deleted, or the kind was listed anew. */
  changed(): void;
  /** The kind is in trouble (the API does not answer, or refuses); the objects last seen stay. */
  failed(problem: Problem): void;
}

/**
 * One kind followed with @kubernetes/client-node's informer: listed (page by page), then watched
 * from the list's resourceVersion, with bookmarks; listed anew after 410 Gone (the informer's
 * own handling). The informer stops on any other error; this restarts it after a backoff with
 * jitter. A custom kind whose CRD is not installed (404) counts as synced and empty, and is
 * looked for again every `missingRetryMs`, so installing the CRD later needs no restart. A
 * cluster-scoped kind is followed cluster-wide, whatever namespace the source follows.
 */
export class KindWatch {
  private readonly informer: Informer<KubernetesObject> & ObjectCache<KubernetesObject>;
  /** The first list succeeded (or found the kind not installed). */
  synced = false;
  /** Whether the first attempt is over, either way. */
  attempted = false;
  /** Set while the kind's CRD is not installed. */
  missing: Problem | undefined;
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  private watchAgent: { destroy(): void } | undefined;
  /** Each object as the compilers see it, to tell a change of its routes from one of its status. */
  private readonly fingerprints = new Map<string, string>();
  /** The KubeObject made of each item the informer holds. */
  private readonly converted = new WeakMap<KubernetesObject, KubeObject>();

  constructor(
    config: KubeConfig,
    readonly watched: WatchedKind,
    namespace: string | undefined,
    private readonly timing: KindWatchTiming,
    private readonly events: KindWatchEvents,
  ) {
    const path = collectionPath(watched, namespace);
    const labelSelector = selectorText(watched.labelSelector);
    // A watch the server ends after a while is resumed from its resourceVersion; one that ends
    // never would hang on a connection that died without a word.
    const timeoutSeconds = 240 + Math.floor(timing.random() * 120);
    const list = async (): Promise<KubernetesListObject<KubernetesObject>> => {
      const listed = await listAll(config, path, labelSelector, timing.requestTimeoutMs);
      this.listed();
      return listed as unknown as KubernetesListObject<KubernetesObject>;
    };
    this.informer = makeInformer(this.trackingAgents(config), `${path}?allowWatchBookmarks=true&timeoutSeconds=${timeoutSeconds}`, list, labelSelector);
    const changed = () => {
      this.failures = 0;
      this.events.changed();
    };
    this.informer.on("add", (object) => {
      this.fingerprints.set(keyOf(object), fingerprint(object));
      changed();
    });
    this.informer.on("update", (object) => {
      // A status written back (bosun's own, or a load balancer's) changes no route.
      const print = fingerprint(object);
      const key = keyOf(object);
      if (this.fingerprints.get(key) === print) return;
      this.fingerprints.set(key, print);
      changed();
    });
    this.informer.on("delete", (object) => {
      this.fingerprints.delete(keyOf(object));
      changed();
    });
    this.informer.on("error", (error: unknown) => this.errored(error));
  }

  start(): void {
    this.stopped = false;
    void this.informer.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.informer.stop();
    this.watchAgent?.destroy();
  }

  /**
   * The configuration, with the HTTP agent of each watch kept. The informer can only abort a
   * watch whose response headers have come; one still waiting for them at stop would hold the
   * process open. Its agent, destroyed, ends it. A new watch starts only after the last ended,
   * so each agent gives way to the next.
   */
  private trackingAgents(config: KubeConfig): KubeConfig {
    const tracking = Object.create(config) as KubeConfig;
    tracking.applyToFetchOptions = async (options) => {
      const applied = await config.applyToFetchOptions(options);
      this.watchAgent?.destroy();
      this.watchAgent = applied.agent as { destroy(): void } | undefined;
      return applied;
    };
    return tracking;
  }

  /**
   * The objects as the informer holds them now, as the compilers read them; none while the CRD is
   * not installed. An object that did not change is the very KubeObject it was before (the
   * informer keeps its item until the item changes), so the status writer and the compilers can
   * tell unchanged objects by identity.
   */
  objects(): KubeObject[] {
    if (this.missing !== undefined) return [];
    return this.informer.list().map((raw) => {
      const known = this.converted.get(raw);
      if (known !== undefined) return known;
      const object = kubeObject(this.watched.kind, this.watched.apiVersion, raw as unknown as JsonObject);
      this.converted.set(raw, object);
      return object;
    });
  }

  private listed(): void {
    this.synced = true;
    this.attempted = true;
    this.failures = 0;
    this.missing = undefined;
    this.events.changed();
  }

  private errored(error: unknown): void {
    this.attempted = true;
    if (this.stopped) return;
    const status = error instanceof ApiError ? error.statusCode : (error as { statusCode?: number }).statusCode;
    if (this.watched.custom && status === 404) {
      const first = this.missing === undefined;
      this.missing = {
        level: this.watched.missingLevel,
        place: { kind: "other", what: `${this.watched.kind} (${this.watched.apiVersion} ${this.watched.plural})` },
        code: "crd_missing",
        reason: `its CustomResourceDefinition is not installed: no ${this.watched.kind} is served; looked for again every ${Math.round(this.timing.missingRetryMs / 1000)} s`,
      };
      this.synced = true;
      if (first) this.events.changed();
      return this.restartIn(this.timing.missingRetryMs);
    }
    this.failures++;
    const reason = error instanceof Error ? error.message : String(error);
    this.events.failed({ level: "error", place: { kind: "other", what: `${this.watched.kind} (${this.watched.apiVersion})` }, code: "api_error", reason });
    const backoff = Math.min(this.timing.backoffMaxMs, this.timing.backoffBaseMs * 2 ** (this.failures - 1));
    this.restartIn(backoff * (0.5 + this.timing.random() / 2));
  }

  private restartIn(ms: number): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      if (!this.stopped) void this.informer.start();
    }, ms);
  }
}

function keyOf(object: KubernetesObject): string {
  return `${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`;
}

/** The object without what the compilers never read: its status and the server's bookkeeping. */
function fingerprint(object: KubernetesObject): string {
  const { status: _status, metadata, ...rest } = object as KubernetesObject & { status?: unknown };
  const { resourceVersion: _version, managedFields: _fields, ...kept } = metadata ?? {};
  return JSON.stringify([kept, rest]);
}
