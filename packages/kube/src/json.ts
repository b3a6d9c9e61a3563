import type { Json, JsonObject } from "./cluster-state.js";

/**
 * Reading decoded objects the way Go's JSON decoder fills a struct: field names match
 * case-insensitively (one fixture writes `backendname`), and a value of the wrong type is
 * reported, not trusted.
 */

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The field of `object` named `name` in any case; an exact match wins. */
export function field(object: JsonObject | undefined, name: string): Json | undefined {
  if (object === undefined) return undefined;
  if (name in object) return object[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) if (key.toLowerCase() === lower) return object[key];
  return undefined;
}

export function stringField(object: JsonObject | undefined, name: string): string | undefined {
  const value = field(object, name);
  return typeof value === "string" ? value : undefined;
}

export function numberField(object: JsonObject | undefined, name: string): number | undefined {
  const value = field(object, name);
  return typeof value === "number" ? value : undefined;
}

export function arrayField(object: JsonObject | undefined, name: string): Json[] | undefined {
  const value = field(object, name);
  return Array.isArray(value) ? value : undefined;
}

export function objectField(object: JsonObject | undefined, name: string): JsonObject | undefined {
  const value = field(object, name);
  return isObject(value) ? value : undefined;
}

export function stringArray(values: Json[] | undefined): string[] {
  return (values ?? []).filter((value): value is string => typeof value === "string");
}
