import type { Json, JsonObject, KubeObject } from "../cluster-state.js";
import { arrayField, isObject, numberField, objectField, stringField } from "../json.js";
import { gatewayGroup } from "./gateways.js";

/**
 * HTTPRoutes as the compiler reads them, with the CRD's defaults applied (gateway-api.md §2,
 * §3.1 step 1): path PathPrefix `/`, match types Exact, backendRef kind Service and weight 1,
 * parentRef kind Gateway. What the route names stays as written: the compiler says what it
 * cannot use.
 */

export interface ParentRef {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly sectionName: string | undefined;
  readonly port: number | undefined;
  /** The parentRef as written, for status. */
  readonly written: JsonObject;
  readonly fieldPath: string;
}

export interface PathMatch {
  readonly type: string;
  readonly value: string;
}

export interface ValueMatch {
  readonly type: string;
  readonly name: string;
  readonly value: string;
}

export interface RouteMatch {
  readonly path: PathMatch;
  /** Duplicate names dropped (the first wins, §2.5): headers by name in any case, query params exactly. */
  readonly headers: readonly ValueMatch[];
  readonly queryParams: readonly ValueMatch[];
  readonly method: string | undefined;
  readonly fieldPath: string;
}

export interface BackendObjectRef {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly port: number | undefined;
}

export interface BackendRef extends BackendObjectRef {
  readonly weight: number;
  readonly filters: readonly RouteFilter[];
  readonly fieldPath: string;
}

/** One entry of `filters`, its type-specific part as written. */
export interface RouteFilter {
  readonly type: string;
  readonly config: JsonObject;
  readonly fieldPath: string;
}

export interface RouteRule {
  readonly matches: readonly RouteMatch[];
  readonly filters: readonly RouteFilter[];
  readonly backendRefs: readonly BackendRef[];
  readonly timeouts: { readonly request: string | undefined; readonly backendRequest: string | undefined };
  /** Fields of the experimental channel the rule sets that bosun does not serve (`retry`, `sessionPersistence`). */
  readonly ignoredFields: readonly string[];
  readonly fieldPath: string;
}

/** Experimental rule fields bosun leaves out: the rule is served without them, and a warning says so. */
const ignoredRuleFields = ["retry", "sessionPersistence"];

export interface HttpRoute {
  readonly object: KubeObject;
  readonly namespace: string;
  readonly name: string;
  readonly parentRefs: readonly ParentRef[];
  readonly hostnames: readonly string[];
  readonly rules: readonly RouteRule[];
  /** Milliseconds since the epoch; routes without one are the youngest. */
  readonly createdAt: number;
  readonly generation: number | undefined;
}

const objects = (values: Json[] | undefined): JsonObject[] => (values ?? []).filter(isObject);

function parentRefOf(value: JsonObject, index: number, namespace: string): ParentRef {
  return {
    group: stringField(value, "group") ?? gatewayGroup,
    kind: stringField(value, "kind") ?? "Gateway",
    namespace: stringField(value, "namespace") ?? namespace,
    name: stringField(value, "name") ?? "",
    sectionName: stringField(value, "sectionName") || undefined,
    port: numberField(value, "port"),
    written: value,
    fieldPath: `spec.parentRefs[${index}]`,
  };
}

function firstOfEachName(matches: readonly ValueMatch[], key: (name: string) => string): ValueMatch[] {
  const seen = new Set<string>();
  return matches.filter((match) => {
    const name = key(match.name);
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}

function valueMatches(values: Json[] | undefined): ValueMatch[] {
  return objects(values).map((value) => ({ type: stringField(value, "type") ?? "Exact", name: stringField(value, "name") ?? "", value: stringField(value, "value") ?? "" }));
}

function matchOf(value: JsonObject, fieldPath: string): RouteMatch {
  const path = objectField(value, "path");
  return {
    path: { type: stringField(path, "type") ?? "PathPrefix", value: stringField(path, "value") ?? "/" },
    headers: firstOfEachName(valueMatches(arrayField(value, "headers")), (name) => name.toLowerCase()),
    queryParams: firstOfEachName(valueMatches(arrayField(value, "queryParams")), (name) => name),
    method: stringField(value, "method"),
    fieldPath,
  };
}

/** The part of a filter named after its type: `requestHeaderModifier` for RequestHeaderModifier. */
function filtersOf(values: Json[] | undefined, fieldPath: string): RouteFilter[] {
  return objects(values).map((value, index) => {
    const type = stringField(value, "type") ?? "";
    const configName = type.charAt(0).toLowerCase() + type.slice(1);
    return { type, config: objectField(value, configName) ?? {}, fieldPath: `${fieldPath}[${index}]` };
  });
}

export function backendObjectRefOf(value: JsonObject | undefined, namespace: string): BackendObjectRef {
  return {
    group: stringField(value, "group") ?? "",
    kind: stringField(value, "kind") ?? "Service",
    namespace: stringField(value, "namespace") ?? namespace,
    name: stringField(value, "name") ?? "",
    port: numberField(value, "port"),
  };
}

function ruleOf(value: JsonObject, index: number, namespace: string): RouteRule {
  const fieldPath = `spec.rules[${index}]`;
  const matches = objects(arrayField(value, "matches"));
  const timeouts = objectField(value, "timeouts");
  return {
    // §2.4: a rule without matches has one, PathPrefix `/`.
    matches: matches.length === 0 ? [matchOf({}, `${fieldPath}`)] : matches.map((match, j) => matchOf(match, `${fieldPath}.matches[${j}]`)),
    filters: filtersOf(arrayField(value, "filters"), `${fieldPath}.filters`),
    backendRefs: objects(arrayField(value, "backendRefs")).map((ref, j) => ({
      ...backendObjectRefOf(ref, namespace),
      weight: numberField(ref, "weight") ?? 1,
      filters: filtersOf(arrayField(ref, "filters"), `${fieldPath}.backendRefs[${j}].filters`),
      fieldPath: `${fieldPath}.backendRefs[${j}]`,
    })),
    timeouts: { request: stringField(timeouts, "request"), backendRequest: stringField(timeouts, "backendRequest") },
    ignoredFields: ignoredRuleFields.filter((name) => objectField(value, name) !== undefined),
    fieldPath,
  };
}

export function httpRouteOf(object: KubeObject): HttpRoute {
  const spec = objectField(object.body, "spec");
  const namespace = object.metadata.namespace;
  const metadata = objectField(object.body, "metadata");
  const created = Date.parse(stringField(metadata, "creationTimestamp") ?? "");
  const rules = objects(arrayField(spec, "rules"));
  return {
    object,
    namespace,
    name: object.metadata.name,
    parentRefs: objects(arrayField(spec, "parentRefs")).map((ref, index) => parentRefOf(ref, index, namespace)),
    hostnames: (arrayField(spec, "hostnames") ?? []).filter((name): name is string => typeof name === "string").map((name) => name.toLowerCase()),
    // §2.4: omitted rules are one rule matching everything, with no backends.
    rules: rules.length === 0 ? [ruleOf({}, 0, namespace)] : rules.map((rule, index) => ruleOf(rule, index, namespace)),
    createdAt: Number.isNaN(created) ? Number.MAX_SAFE_INTEGER : created,
    generation: numberField(metadata, "generation"),
  };
}
