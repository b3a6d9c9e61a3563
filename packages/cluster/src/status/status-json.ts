import type { JsonObject, KubeObject } from "@bosun/kube";

/** Statuses as the API server keeps them: JSON whose key order it does not keep. */

export function asObject(value: unknown): JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

/** The entries of a list field that are objects; none when the field is not a list. */
export function objectsOf(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter((each): each is JsonObject => typeof each === "object" && each !== null && !Array.isArray(each)) : [];
}

/** The metadata the API server keeps (resourceVersion, generation), which the compilers do not read. */
export function serverMetadata(object: KubeObject): JsonObject {
  return asObject(object.body["metadata"]);
}

/** Whether writing `wanted` would change the status the object has. */
export function statusDiffers(object: KubeObject, wanted: JsonObject): boolean {
  return canonicalJson(object.body["status"] ?? {}) !== canonicalJson(wanted);
}

/** JSON with object keys sorted, so that two values the API server would store alike compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, each: unknown) =>
    typeof each === "object" && each !== null && !Array.isArray(each) ? Object.fromEntries(Object.entries(each).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : each,
  );
}
