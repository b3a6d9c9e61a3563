import type { ClusterState, KubeObject } from "../cluster-state.js";
import { validateIngress } from "../ingress/validate.js";
import { routeGroupCallsToCheck } from "../routegroup/calls-to-check.js";
import { decodeSpec } from "../routegroup/decode.js";
import { validateRouteGroup } from "../routegroup/validate.js";
import { validateSchema, type Schema } from "../schema/structural-schema.js";
import { error, type FieldProblem, type RouteToCheck } from "./field-problem.js";
import { unreadObjectProblem } from "./known-kinds.js";

/** The object a problem is in, as kubectl names it. */
export interface ObjectName {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** A problem `bosun validate` reports: the object, the field, the reason. */
export interface ObjectViolation extends ObjectName, FieldProblem {}

/** The eskip of an object, for the route check only the caller has (the predicate, filter and backend registries). */
export interface ObjectRouteToCheck extends RouteToCheck {
  readonly object: ObjectName;
}

export interface ObjectsValidation {
  readonly violations: readonly ObjectViolation[];
  readonly routesToCheck: readonly ObjectRouteToCheck[];
  /** The RouteGroups and Ingresses looked at. */
  readonly checked: number;
}

/**
 * Every problem of every object, none stopping the others, across all stages: RouteGroups
 * against the CRD's schema and by Skipper's validation (skipper-semantics §5.3), Ingresses as
 * validate-ingress says, and every object whose kind or apiVersion bosun does not read. The
 * eskip each holds is returned for the route check, whatever the other stages found.
 * `otherObjects` are those of the kinds a ClusterState has no place for.
 */
export function validateObjects(state: ClusterState, routeGroupSchema: Schema | undefined, otherObjects: readonly KubeObject[] = []): ObjectsValidation {
  const violations: ObjectViolation[] = [];
  const routesToCheck: ObjectRouteToCheck[] = [];
  let checked = 0;
  const add = (object: KubeObject, problems: readonly FieldProblem[], routes: readonly RouteToCheck[]) => {
    const name = objectName(object);
    violations.push(...problems.map((problem) => ({ ...name, ...problem })));
    routesToCheck.push(...routes.map((route) => ({ ...route, object: name })));
  };
  const objects = [...state.routeGroups, ...state.ingresses, ...state.services, ...state.endpoints, ...state.endpointSlices, ...state.secrets, ...otherObjects];
  for (const object of objects) {
    const unread = unreadObjectProblem(object);
    if (unread !== undefined) add(object, [unread], []);
    else if (object.kind === "RouteGroup") {
      checked++;
      add(object, routeGroupProblems(object, routeGroupSchema), routeGroupRoutes(object));
    } else if (object.kind === "Ingress") {
      checked++;
      const ingress = validateIngress(object, state.services);
      add(object, ingress.problems, ingress.routesToCheck);
    }
  }
  return { violations, routesToCheck, checked };
}

function routeGroupProblems(object: KubeObject, schema: Schema | undefined): FieldProblem[] {
  const schemaProblems = schema ? validateSchema(object.body, schema).map((violation) => error(violation.fieldPath, violation.reason)) : [];
  const validation = validateRouteGroup(object);
  // A field the schema rejects already (a duplicate host) is not reported again in Skipper's words.
  const rejectedFields = new Set(schemaProblems.map((problem) => problem.fieldPath));
  const skipperProblems = "failures" in validation ? validation.failures.filter((failure) => !rejectedFields.has(failure.fieldPath)) : [];
  return [...schemaProblems, ...skipperProblems.map((failure) => error(failure.fieldPath, failure.reason))];
}

function routeGroupRoutes(object: KubeObject): RouteToCheck[] {
  const spec = decodeSpec(object.body);
  return spec === undefined ? [] : routeGroupCallsToCheck(spec);
}

/** The object as `bosun validate` names it: an object without a namespace is in `default`. */
export function objectName(object: KubeObject): ObjectName {
  return { kind: object.kind, namespace: object.metadata.namespace === "" ? "default" : object.metadata.namespace, name: object.metadata.name };
}
