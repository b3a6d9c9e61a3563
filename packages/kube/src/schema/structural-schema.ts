import type { Json } from "../cluster-state.js";
import { isObject } from "../json.js";

/**
 * The part of OpenAPI v3 that a structural CRD schema uses (type, properties, required, items,
 * enum, pattern, lengths, bounds, list-type set), checked the way the API server does on create:
 * each violation with its field path. Unknown fields are reported as kubectl's strict field
 * validation does, where the API server would prune them.
 */
export interface Schema {
  readonly type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly enum?: readonly Json[];
  readonly pattern?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly "x-kubernetes-list-type"?: string;
  readonly "x-kubernetes-preserve-unknown-fields"?: boolean;
}

export interface SchemaViolation {
  readonly fieldPath: string;
  readonly reason: string;
}

const typeChecks: Readonly<Record<NonNullable<Schema["type"]>, (value: Json) => boolean>> = {
  object: (value) => isObject(value),
  array: (value) => Array.isArray(value),
  string: (value) => typeof value === "string",
  integer: (value) => typeof value === "number" && Number.isInteger(value),
  number: (value) => typeof value === "number",
  boolean: (value) => typeof value === "boolean",
};

const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

export function validateSchema(value: Json, schema: Schema, path = ""): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  const violation = (reason: string, at = path) => violations.push({ fieldPath: at, reason });
  if (value === null) return violations;
  if (schema.type && !typeChecks[schema.type](value)) {
    violation(`Invalid value: ${JSON.stringify(value)}: must be of type ${schema.type}`);
    return violations;
  }
  if (schema.enum && !schema.enum.includes(value)) violation(`Unsupported value: ${JSON.stringify(value)}: supported values: ${schema.enum.map((entry) => JSON.stringify(entry)).join(", ")}`);
  if (typeof value === "string") {
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) violation(`Invalid value: ${JSON.stringify(value)}: should match '${schema.pattern}'`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) violation(`Too long: may not be longer than ${schema.maxLength}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) violation(`Invalid value: ${JSON.stringify(value)}: should be at least ${schema.minLength} chars long`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) violation(`Invalid value: ${value}: should be greater than or equal to ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) violation(`Invalid value: ${value}: should be less than or equal to ${schema.maximum}`);
  }
  if (Array.isArray(value)) violations.push(...validateArray(value, schema, path));
  if (isObject(value)) violations.push(...validateObject(value, schema, path));
  return violations;
}

function validateArray(value: Json[], schema: Schema, path: string): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  if (schema.minItems !== undefined && value.length < schema.minItems) violations.push({ fieldPath: path, reason: `Invalid value: ${value.length}: should have at least ${schema.minItems} items` });
  if (schema.maxItems !== undefined && value.length > schema.maxItems) violations.push({ fieldPath: path, reason: `Too many: ${value.length}: must have at most ${schema.maxItems} items` });
  if (schema["x-kubernetes-list-type"] === "set") {
    value.forEach((entry, i) => {
      if (value.findIndex((other) => JSON.stringify(other) === JSON.stringify(entry)) < i) violations.push({ fieldPath: `${path}[${i}]`, reason: `Duplicate value: ${JSON.stringify(entry)}` });
    });
  }
  if (schema.items) value.forEach((entry, i) => violations.push(...validateSchema(entry, schema.items!, `${path}[${i}]`)));
  return violations;
}

function validateObject(value: Readonly<Record<string, Json>>, schema: Schema, path: string): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  for (const name of schema.required ?? []) {
    if (value[name] === undefined) violations.push({ fieldPath: join(path, name), reason: "Required value" });
  }
  if (schema.properties) {
    for (const [name, entry] of Object.entries(value)) {
      const property = schema.properties[name];
      if (property) violations.push(...validateSchema(entry, property, join(path, name)));
      else if (!schema["x-kubernetes-preserve-unknown-fields"]) violations.push({ fieldPath: join(path, name), reason: "unknown field" });
    }
  }
  return violations;
}
