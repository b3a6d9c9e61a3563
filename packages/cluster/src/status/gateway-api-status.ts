import type { Json, JsonObject, KubeObject, ObjectStatus } from "@bosun/kube";
import { gatewayClasses, gateways, httpRoutes } from "../kubernetes/api-resources.js";
import { conditionsJson, conditionsOf, withTransitionTimes } from "./conditions.js";
import type { StatusKind, WantedStatus } from "./status-kind.js";
import { asObject, canonicalJson, objectsOf } from "./status-json.js";

/** What the Gateway API compiler made of one object: its status, and the controller bosun is. */
export interface GatewayApiFindings {
  readonly status: JsonObject;
  /** Whose entries of an HTTPRoute's `status.parents` are bosun's. */
  readonly controllerName: string;
}

// The compiler builds each status with its keys in one order: plain JSON compares them.
const sameFindings = (a: GatewayApiFindings, b: GatewayApiFindings) => a.controllerName === b.controllerName && JSON.stringify(a.status) === JSON.stringify(b.status);

/** The conditions of one part of a status as found, each keeping the time of the one it had. */
function stamped(found: JsonObject, before: JsonObject | undefined, now: Date): JsonObject {
  return { ...found, conditions: conditionsJson(withTransitionTimes(conditionsOf(found), conditionsOf(before), now)) };
}

/**
 * A GatewayClass of bosun's controller, or a Gateway of such a class: the whole status is bosun's
 * (gateway-api.md §2.12), a Gateway's listeners matched to their last status by name.
 */
function ownedStatus(object: KubeObject, { status }: GatewayApiFindings, now: Date): JsonObject {
  const current = asObject(object.body["status"]);
  const whole = stamped(status, current, now);
  if (!Array.isArray(status["listeners"])) return whole;
  const before = objectsOf(current["listeners"]);
  return { ...whole, listeners: objectsOf(status["listeners"]).map((listener) => stamped(listener, before.find((each) => each["name"] === listener["name"]), now)) };
}

/** A parentRef as the API server keeps it, with the CRD's defaults: written with or without them, the same parent. */
const parentKey = (parentRef: Json | undefined) => canonicalJson({ group: "gateway.networking.k8s.io", kind: "Gateway", ...asObject(parentRef) });

/**
 * An HTTPRoute's `status.parents` is shared by the controllers of every Gateway it names, keyed by
 * parentRef and controllerName (§2.12): bosun's entries are replaced, each where it was, bosun's
 * for a parent it no longer serves dropped, and every other controller's kept as they are.
 */
function httpRouteStatus(object: KubeObject, { status, controllerName }: GatewayApiFindings, now: Date): JsonObject {
  const current = asObject(object.body["status"]);
  const before = objectsOf(current["parents"]);
  const ours = (entry: JsonObject) => entry["controllerName"] === controllerName;
  const previousOf = (entry: JsonObject) => before.find((each) => ours(each) && parentKey(each["parentRef"]) === parentKey(entry["parentRef"]));
  const unplaced = new Map(objectsOf(status["parents"]).map((entry) => [parentKey(entry["parentRef"]), stamped(entry, previousOf(entry), now)]));
  const parents = before.flatMap((entry) => {
    if (!ours(entry)) return [entry];
    const key = parentKey(entry["parentRef"]);
    const replacement = unplaced.get(key);
    unplaced.delete(key);
    return replacement === undefined ? [] : [replacement];
  });
  parents.push(...unplaced.values());
  // A route that no controller has judged keeps the status it has, not an empty list of parents.
  if (parents.length === 0 && current["parents"] === undefined) return current;
  return { ...current, parents };
}

const gatewayClassStatusKind: StatusKind<GatewayApiFindings> = { resource: gatewayClasses, status: ownedStatus, sameFindings };
const gatewayStatusKind: StatusKind<GatewayApiFindings> = { resource: gateways, status: ownedStatus, sameFindings };
const httpRouteStatusKind: StatusKind<GatewayApiFindings> = { resource: httpRoutes, status: httpRouteStatus, sameFindings };

const statusKindOf = new Map([gatewayClassStatusKind, gatewayStatusKind, httpRouteStatusKind].map((kind) => [kind.resource.kind, kind]));

export const gatewayApiStatusKinds: readonly StatusKind<GatewayApiFindings>[] = [...statusKindOf.values()];

/** The statuses the compiler made (every GatewayClass of bosun's controller, every Gateway of its classes, every HTTPRoute), to write. */
export function gatewayApiWanted(statuses: readonly ObjectStatus[], controllerName: string): WantedStatus<GatewayApiFindings>[] {
  return statuses.flatMap(({ object, status }) => {
    const kind = statusKindOf.get(object.kind);
    return kind === undefined ? [] : [{ kind, object, findings: { status, controllerName } }];
  });
}
