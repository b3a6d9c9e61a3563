import type { ClusterState, KubeObject } from "./cluster-state.js";
import { readIngressAnnotations } from "./ingress/annotations.js";
import { objectField } from "./json.js";
import { validateRouteGroup } from "./routegroup/validate.js";
import type { RouteGroupSpec } from "./routegroup/spec.js";
import { validateSchema, type Schema } from "./schema/structural-schema.js";

/** A problem `bosun validate` reports: the object, the field, the reason. */
export interface ObjectViolation {
  readonly kind: "RouteGroup" | "Ingress";
  readonly namespace: string;
  readonly name: string;
  readonly fieldPath: string;
  readonly reason: string;
}

/** The valid RouteGroups, for the checks only the caller can make (predicate and filter registries). */
export interface ValidatedRouteGroup {
  readonly object: KubeObject;
  readonly spec: RouteGroupSpec;
}

/**
 * Schema and semantic validation of RouteGroups (the CRD's schema, then skipper-semantics §5.3)
 * and Ingresses (§5.13.1): every problem of every object, none of them stopping the others.
 */
export function validateObjects(state: ClusterState, routeGroupSchema: Schema | undefined): { violations: ObjectViolation[]; valid: ValidatedRouteGroup[] } {
  const violations: ObjectViolation[] = [];
  const valid: ValidatedRouteGroup[] = [];
  for (const object of state.routeGroups) {
    const at = (fieldPath: string, reason: string): ObjectViolation => ({ kind: "RouteGroup", namespace: namespaceOf(object), name: object.metadata.name, fieldPath, reason });
    const schemaViolations = routeGroupSchema ? validateSchema(object.body, routeGroupSchema) : [];
    violations.push(...schemaViolations.map((violation) => at(violation.fieldPath, violation.reason)));
    const validation = validateRouteGroup(object);
    if ("failures" in validation) violations.push(...validation.failures.map((failure) => at(failure.fieldPath, failure.reason)));
    else if (schemaViolations.length === 0) valid.push({ object, spec: validation.spec });
  }
  for (const object of state.ingresses) {
    const at = (fieldPath: string, reason: string): ObjectViolation => ({ kind: "Ingress", namespace: namespaceOf(object), name: object.metadata.name, fieldPath, reason });
    if (object.metadata.name === "" || objectField(object.body, "spec") === undefined) violations.push(at("", "invalid ingress item: missing Metadata or Spec"));
    const read = readIngressAnnotations(object.metadata.annotations);
    if ("errors" in read) violations.push(...read.errors.map((error) => at("metadata.annotations", error)));
  }
  return { violations, valid };
}

function namespaceOf(object: KubeObject): string {
  return object.metadata.namespace === "" ? "default" : object.metadata.namespace;
}
