import type { ObjectPlace, Route } from "@bosun/eskip";
import type { ClusterState, KubeObject } from "../cluster-state.js";
import { validateIngress } from "../ingress/validate.js";
import { routeGroupCallsToCheck } from "../routegroup/calls-to-check.js";
import { decodeSpec } from "../routegroup/decode.js";
import { validateRouteGroup } from "../routegroup/validate.js";
import { validateSchema, type Schema } from "../schema/structural-schema.js";
import { objectPlace, objectProblem, type ObjectProblem, type ObjectProblemCode } from "../problem.js";
import { error, type FieldProblem, type RouteToCheck } from "./field-problem.js";
import { unreadObjectProblem } from "./known-kinds.js";
import { compileGateways } from "../gateway/compile-gateway.js";
import { defaultCompileOptions, type CompileOptions } from "../options.js";

/** The eskip of an object, for the route check only the caller has (the predicate, filter and backend registries). */
export interface ObjectRouteToCheck extends RouteToCheck {
  /** The object, its field path "": a problem the check finds goes at the field of its part. */
  readonly object: ObjectPlace;
}

export interface ObjectsValidation {
  /** In bosun's one Problem shape, placed at the object and field. */
  readonly problems: readonly ObjectProblem[];
  readonly routesToCheck: readonly ObjectRouteToCheck[];
  /** The RouteGroups, Ingresses, Gateways and HTTPRoutes looked at. */
  readonly checked: number;
}

/**
 * Every problem of every object, none stopping the others, across all stages: RouteGroups
 * against the CRD's schema and by Skipper's validation (skipper-semantics §5.3), Ingresses as
 * validate-ingress says, Gateways and HTTPRoutes as the Gateway API compiler finds them (their
 * status conditions, as problems), and every object whose kind or apiVersion bosun does not read. The
 * eskip each holds is returned for the route check, whatever the other stages found.
 * `otherObjects` are those of the kinds a ClusterState has no place for.
 */
export function validateObjects(
  state: ClusterState,
  routeGroupSchema: Schema | undefined,
  otherObjects: readonly KubeObject[] = [],
  options: CompileOptions = defaultCompileOptions,
): ObjectsValidation {
  const problems: ObjectProblem[] = [];
  const routesToCheck: ObjectRouteToCheck[] = [];
  let checked = 0;
  const add = (object: KubeObject, found: readonly FieldProblem[], routes: readonly RouteToCheck[], code: ObjectProblemCode = "invalid_object") => {
    problems.push(...found.map((problem) => objectProblem(problem.severity, objectPlace(object, problem.fieldPath), code, problem.reason)));
    routesToCheck.push(...routes.map((route) => ({ ...route, object: objectPlace(object, "") })));
  };
  const objects = [...state.routeGroups, ...state.ingresses, ...state.services, ...state.endpoints, ...state.endpointSlices, ...state.secrets, ...otherObjects];
  for (const object of objects) {
    const unread = unreadObjectProblem(object);
    if (unread !== undefined) add(object, [unread], [], "unread_kind");
    else if (object.kind === "RouteGroup") {
      checked++;
      add(object, routeGroupProblems(object, routeGroupSchema), routeGroupRoutes(object));
    } else if (object.kind === "Ingress") {
      checked++;
      const ingress = validateIngress(object, state.services);
      add(object, ingress.problems, ingress.routesToCheck);
    }
  }
  const gateways = compileGateways(state, options);
  for (const problem of gateways.problems) problems.push(problem);
  for (const route of gateways.routes) routesToCheck.push(gatewayRouteToCheck(route));
  checked += state.gateways.length + state.httpRoutes.length;
  return { problems, routesToCheck, checked };
}

/** A Gateway route to check: its predicates are of its rule-match, its filters of the rule. */
function gatewayRouteToCheck(route: Route): ObjectRouteToCheck {
  const origin = route.origin as ObjectPlace;
  const ruleFilters = `${/^spec\.rules\[\d+\]/.exec(origin.fieldPath)?.[0] ?? "spec.rules"}.filters`;
  return {
    route,
    predicateFields: route.predicates.map(() => origin.fieldPath),
    filterFields: route.filters.map(() => ruleFilters),
    backendField: undefined,
    label: undefined,
    object: { ...origin, fieldPath: "" },
  };
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
