import { randomUUID } from "node:crypto";
import { apiVersionOf, type ResourceType } from "./resources.ts";

/** An object as the API server keeps it: JSON, with the metadata it manages filled in. */
export type StoredObject = { [key: string]: unknown; metadata: Metadata };
interface Metadata {
  [key: string]: unknown;
  name: string;
  namespace?: string;
  resourceVersion: string;
  generation?: number;
  labels?: Record<string, string>;
}

export interface StoreEvent {
  readonly type: "ADDED" | "MODIFIED" | "DELETED";
  readonly resource: ResourceType;
  readonly object: StoredObject;
  readonly resourceVersion: number;
}

/** A failure the API server answers with a `Status` object. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }

  get status(): unknown {
    return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: this.message, reason: this.reason, code: this.code };
  }
}

const clone = <T>(value: T): T => structuredClone(value);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/**
 * The objects of the test API server, one global resourceVersion as etcd's revision, and the
 * history of changes that watches replay from a resourceVersion until it is compacted.
 */
export class ObjectStore {
  private revision = 1000;
  private readonly objects = new Map<ResourceType, Map<string, StoredObject>>();
  private history: StoreEvent[] = [];
  /** A watch or continue token from before this revision gets 410 Gone. */
  compactedBefore = 0;
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  get resourceVersion(): number {
    return this.revision;
  }

  list(type: ResourceType, namespace?: string): StoredObject[] {
    const all = [...(this.objects.get(type)?.values() ?? [])];
    const inNamespace = namespace === undefined ? all : all.filter((object) => object.metadata.namespace === namespace);
    return inNamespace.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  }

  get(type: ResourceType, namespace: string | undefined, name: string): StoredObject {
    const found = this.objects.get(type)?.get(`${namespace ?? ""}/${name}`);
    if (found === undefined) throw new StatusError(404, "NotFound", `${type.plural} "${name}" not found`);
    return found;
  }

  create(type: ResourceType, namespace: string | undefined, body: unknown): StoredObject {
    if (!isObject(body) || !isObject(body["metadata"]) || typeof body["metadata"]["name"] !== "string" || body["metadata"]["name"] === "") {
      throw new StatusError(422, "Invalid", `${type.kind} is invalid: metadata.name: Required value`);
    }
    const objects = this.objectsOf(type);
    const metadata = body["metadata"];
    const key = `${type.namespaced ? (namespace ?? (metadata["namespace"] as string | undefined) ?? "default") : ""}/${metadata["name"] as string}`;
    if (objects.has(key)) throw new StatusError(409, "AlreadyExists", `${type.plural} "${metadata["name"] as string}" already exists`);
    const object = clone(body) as StoredObject;
    object["kind"] = type.kind;
    object["apiVersion"] = apiVersionOf(type);
    if (type.namespaced) object.metadata.namespace = key.slice(0, key.indexOf("/"));
    else delete object.metadata.namespace;
    Object.assign(object.metadata, { uid: randomUUID(), creationTimestamp: new Date().toISOString(), generation: 1 });
    return this.commit("ADDED", type, key, object);
  }

  /** PUT: the whole object, with its resourceVersion if it names one; for `status`, only the status. */
  replace(type: ResourceType, namespace: string | undefined, name: string, body: unknown, status: boolean): StoredObject {
    const current = this.get(type, namespace, name);
    if (!isObject(body) || !isObject(body["metadata"])) throw new StatusError(400, "BadRequest", "the body is not an object with metadata");
    const asked = body["metadata"]["resourceVersion"];
    if (asked !== undefined && asked !== current.metadata.resourceVersion) {
      throw new StatusError(409, "Conflict", `Operation cannot be fulfilled on ${type.plural} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    return this.update(type, current, body, status);
  }

  /** PATCH as a JSON merge patch (strategic merge and apply patches are read as merge patches here). */
  patch(type: ResourceType, namespace: string | undefined, name: string, patch: unknown, status: boolean): StoredObject {
    const current = this.get(type, namespace, name);
    const patched = mergePatch(current, patch);
    if (!isObject(patched) || !isObject(patched["metadata"])) throw new StatusError(422, "Invalid", "the patch removes metadata");
    return this.update(type, current, patched, status);
  }

  delete(type: ResourceType, namespace: string | undefined, name: string): StoredObject {
    const current = this.get(type, namespace, name);
    this.objectsOf(type).delete(keyOf(current));
    this.revision++;
    const object = clone(current);
    object.metadata.resourceVersion = String(this.revision);
    this.record({ type: "DELETED", resource: type, object, resourceVersion: this.revision });
    return object;
  }

  /** What happened to objects of the type after `resourceVersion`, or undefined when that is compacted away. */
  eventsSince(type: ResourceType, resourceVersion: number): StoreEvent[] | undefined {
    if (resourceVersion < this.compactedBefore) return undefined;
    return this.history.filter((event) => event.resource === type && event.resourceVersion > resourceVersion);
  }

  /** Forgets the history, as etcd's compaction does: older resourceVersions then get 410 Gone. */
  compact(): void {
    this.compactedBefore = this.revision + 1;
    this.history = [];
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(type: ResourceType, current: StoredObject, body: Record<string, unknown>, status: boolean): StoredObject {
    let next: StoredObject;
    if (status) {
      next = clone(current);
      next["status"] = clone(body["status"]);
    } else {
      next = clone(body) as StoredObject;
      // With a status subresource, writes to the object leave its status alone, and the reverse.
      if (type.statusSubresource) next["status"] = clone(current["status"]);
      next.metadata = { ...clone(next.metadata), name: current.metadata.name, uid: current.metadata["uid"], creationTimestamp: current.metadata["creationTimestamp"] };
      if (type.namespaced) next.metadata.namespace = current.metadata.namespace!;
      next["kind"] = type.kind;
      next["apiVersion"] = apiVersionOf(type);
      const specChanged = JSON.stringify(body["spec"]) !== JSON.stringify(current["spec"]);
      next.metadata.generation = (current.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    }
    return this.commit("MODIFIED", type, keyOf(current), next);
  }

  private commit(kind: StoreEvent["type"], type: ResourceType, key: string, object: StoredObject): StoredObject {
    this.revision++;
    object.metadata.resourceVersion = String(this.revision);
    this.objectsOf(type).set(key, object);
    this.record({ type: kind, resource: type, object: clone(object), resourceVersion: this.revision });
    return clone(object);
  }

  private record(event: StoreEvent): void {
    this.history.push(event);
    for (const listener of this.listeners) listener(event);
  }

  private objectsOf(type: ResourceType): Map<string, StoredObject> {
    let objects = this.objects.get(type);
    if (objects === undefined) this.objects.set(type, (objects = new Map()));
    return objects;
  }
}

function keyOf(object: StoredObject): string {
  return `${object.metadata.namespace ?? ""}/${object.metadata.name}`;
}
