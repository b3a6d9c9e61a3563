import type { Json, JsonObject } from "../cluster-state.js";
import { arrayField, field, isObject, numberField, objectField, stringArray, stringField } from "../json.js";
import { backendTypes, lbAlgorithms, type BackendRef, type BackendSpec, type BackendType, type RouteGroupSpec, type RouteSpec, type TlsSpec } from "./spec.js";

/**
 * The spec of a RouteGroup read from its JSON as Go's decoder reads it into Skipper's structs:
 * field names in any case, absent fields as zero values. Text that does not name a backend type
 * or algorithm is kept as a decoding error of that backend, reported by validation (§5.2).
 */

export interface DecodedBackend extends BackendSpec {
  /** `unsupported backend type: x` or `unsupported algorithm`, found while decoding. */
  readonly decodeError: string | undefined;
}

export interface DecodedSpec extends RouteGroupSpec {
  readonly backends: readonly DecodedBackend[];
}

function decodeBackend(value: Json): DecodedBackend {
  const object: JsonObject = isObject(value) ? value : {};
  const typeText = stringField(object, "type") ?? "";
  const algorithm = stringField(object, "algorithm") ?? "";
  const type: BackendType = typeText === "" ? "service" : ((backendTypes as readonly string[]).includes(typeText) ? (typeText as BackendType) : "service");
  let decodeError: string | undefined;
  if (typeText !== "" && !(backendTypes as readonly string[]).includes(typeText)) decodeError = `unsupported backend type: ${typeText}`;
  else if (algorithm !== "" && !(lbAlgorithms as readonly string[]).includes(algorithm)) decodeError = "unsupported algorithm";
  return {
    name: stringField(object, "name") ?? "",
    type,
    address: stringField(object, "address") ?? "",
    algorithm,
    endpoints: stringArray(arrayField(object, "endpoints")),
    serviceName: stringField(object, "serviceName") ?? "",
    servicePort: numberField(object, "servicePort") ?? 0,
    decodeError,
  };
}

export function decodeBackendRefs(values: Json[] | undefined): BackendRef[] {
  return (values ?? []).map((value) => {
    const object = isObject(value) ? value : {};
    return { backendName: stringField(object, "backendName") ?? "", weight: numberField(object, "weight") ?? 0 };
  });
}

function decodeRoute(value: Json): RouteSpec | null {
  if (!isObject(value)) return null;
  return {
    path: stringField(value, "path") ?? "",
    pathSubtree: stringField(value, "pathSubtree") ?? "",
    pathRegexp: stringField(value, "pathRegexp") ?? "",
    methods: stringArray(arrayField(value, "methods")),
    predicates: stringArray(arrayField(value, "predicates")),
    filters: stringArray(arrayField(value, "filters")),
    backends: decodeBackendRefs(arrayField(value, "backends")),
  };
}

/** A `spec.tls` entry, of a RouteGroup or an Ingress (the two have the same shape). */
export function decodeTls(value: Json): TlsSpec {
  const object = isObject(value) ? value : {};
  return { hosts: stringArray(arrayField(object, "hosts")), secretName: stringField(object, "secretName") ?? "" };
}

/** The decoded spec, or undefined when the object has none. */
export function decodeSpec(body: JsonObject): DecodedSpec | undefined {
  const spec = objectField(body, "spec");
  if (spec === undefined) return undefined;
  const routes = field(spec, "routes");
  return {
    hosts: stringArray(arrayField(spec, "hosts")),
    backends: (arrayField(spec, "backends") ?? []).map(decodeBackend),
    defaultBackends: decodeBackendRefs(arrayField(spec, "defaultBackends")),
    routes: Array.isArray(routes) ? routes.map(decodeRoute) : undefined,
    tls: (arrayField(spec, "tls") ?? []).map(decodeTls),
  };
}
