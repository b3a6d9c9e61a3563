import type { Json, JsonObject, KubeObject } from "../cluster-state.js";
import { arrayField, isObject, numberField, objectField, stringField } from "../json.js";

/**
 * Gateways and their listeners as the compiler reads them (gateway-api.md §1, §2.1–2.2), with
 * the CRD's defaults applied.
 */

export const gatewayGroup = "gateway.networking.k8s.io";

export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly { readonly key: string; readonly operator: string; readonly values: readonly string[] }[];
}

export interface RouteKind {
  readonly group: string;
  readonly kind: string;
}

export interface Listener {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostname: string | undefined;
  readonly from: "All" | "Same" | "Selector" | string;
  readonly selector: LabelSelector | undefined;
  /** undefined: the protocol's default kinds (HTTPRoute for HTTP and HTTPS). */
  readonly kinds: readonly RouteKind[] | undefined;
  /** `spec.listeners[i]`. */
  readonly fieldPath: string;
  readonly certificateRefs: readonly { readonly namespace: string; readonly name: string; readonly kind: string; readonly group: string }[];
}

export interface Gateway {
  readonly object: KubeObject;
  readonly namespace: string;
  readonly name: string;
  readonly className: string;
  readonly listeners: readonly Listener[];
}

/** `ns/name`: how routes, listeners' keys and messages name a Gateway. */
export const gatewayKey = (gateway: { readonly namespace: string; readonly name: string }): string => `${gateway.namespace}/${gateway.name}`;

/** The key of a listener the proxy's listener selection gives a request (routing's `Listener` predicate). */
export const listenerKey = (gateway: Gateway, listener: Listener): string => `${gatewayKey(gateway)}/${listener.name}`;

const objects = (values: Json[] | undefined): JsonObject[] => (values ?? []).filter(isObject);

function labelSelectorOf(value: JsonObject | undefined): LabelSelector | undefined {
  if (value === undefined) return undefined;
  const labels = objectField(value, "matchLabels") ?? {};
  const matchLabels: Record<string, string> = {};
  for (const [key, label] of Object.entries(labels)) if (typeof label === "string") matchLabels[key] = label;
  const matchExpressions = objects(arrayField(value, "matchExpressions")).map((expression) => ({
    key: stringField(expression, "key") ?? "",
    operator: stringField(expression, "operator") ?? "",
    values: (arrayField(expression, "values") ?? []).filter((entry): entry is string => typeof entry === "string"),
  }));
  return { matchLabels, matchExpressions };
}

/** Whether the labels satisfy a Kubernetes label selector; an unknown operator selects nothing. */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) if (labels[key] !== value) return false;
  return selector.matchExpressions.every(({ key, operator, values }) => {
    const value = labels[key];
    switch (operator) {
      case "In":
        return value !== undefined && values.includes(value);
      case "NotIn":
        return value === undefined || !values.includes(value);
      case "Exists":
        return value !== undefined;
      case "DoesNotExist":
        return value === undefined;
      default:
        return false;
    }
  });
}

function listenerOf(value: JsonObject, index: number, namespace: string): Listener {
  const allowed = objectField(objectField(value, "allowedRoutes"), "namespaces");
  const kinds = arrayField(objectField(value, "allowedRoutes"), "kinds");
  const tls = objectField(value, "tls");
  return {
    name: stringField(value, "name") ?? "",
    port: numberField(value, "port") ?? 0,
    protocol: stringField(value, "protocol") ?? "",
    hostname: stringField(value, "hostname") || undefined,
    from: stringField(allowed, "from") ?? "Same",
    selector: labelSelectorOf(objectField(allowed, "selector")),
    kinds: kinds === undefined ? undefined : objects(kinds).map((kind) => ({ group: stringField(kind, "group") ?? gatewayGroup, kind: stringField(kind, "kind") ?? "" })),
    fieldPath: `spec.listeners[${index}]`,
    certificateRefs: objects(arrayField(tls, "certificateRefs")).map((ref) => ({
      group: stringField(ref, "group") ?? "",
      kind: stringField(ref, "kind") ?? "Secret",
      namespace: stringField(ref, "namespace") ?? namespace,
      name: stringField(ref, "name") ?? "",
    })),
  };
}

export function gatewayOf(object: KubeObject): Gateway {
  const spec = objectField(object.body, "spec");
  const namespace = object.metadata.namespace;
  return {
    object,
    namespace,
    name: object.metadata.name,
    className: stringField(spec, "gatewayClassName") ?? "",
    listeners: objects(arrayField(spec, "listeners")).map((listener, index) => listenerOf(listener, index, namespace)),
  };
}

/** The names of the GatewayClasses whose controller is bosun's. */
export function classesOf(gatewayClasses: readonly KubeObject[], controllerName: string): Set<string> {
  const names = new Set<string>();
  for (const gatewayClass of gatewayClasses) {
    if (stringField(objectField(gatewayClass.body, "spec"), "controllerName") === controllerName) names.add(gatewayClass.metadata.name);
  }
  return names;
}

export const servesHttpRoutes = (protocol: string): boolean => protocol === "HTTP" || protocol === "HTTPS";
