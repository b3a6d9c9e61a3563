import type { JsonObject } from "../cluster-state.js";
import { objectPlace, objectProblem, type ObjectProblem } from "../problem.js";
import type { ParentAttachment } from "./attachment.js";
import type { UnresolvedRef } from "./backends.js";
import { gatewayKey } from "./gateways.js";
import type { HttpRoute } from "./http-routes.js";
import { condition, conditionsJson, type Condition, type ObjectStatus } from "./status.js";

/**
 * What the compiler found of one HTTPRoute, and its status per parent (gateway-api.md §2.12),
 * with the same findings as problems at their fields.
 */

/** A rule that cannot be served as written (an UnsupportedValue): dropped, the others kept (§2.12). */
export interface DroppedRule {
  readonly fieldPath: string;
  readonly reason: string;
}

export interface RouteFindings {
  readonly unresolved: Map<string, UnresolvedRef>;
  readonly dropped: Map<number, DroppedRule>;
}

/** `spec.rules[0].matches[1].path.type: unsupported …` to its field and reason. */
export function droppedRule(text: string): DroppedRule {
  const colon = text.indexOf(": ");
  return { fieldPath: text.slice(0, colon), reason: text.slice(colon + 2) };
}

const acceptedMessages: Readonly<Record<string, string>> = {
  NoMatchingParent: "no listener of the Gateway has the parentRef's sectionName and port",
  NotAllowedByListeners: "no listener of the Gateway allows routes of this kind from this namespace",
  NoMatchingListenerHostname: "no listener's hostname intersects the route's hostnames",
};

/** Accepted and ResolvedRefs per parent (§2.12), and the same findings as problems. */
export function routeStatus(route: HttpRoute, attached: readonly ParentAttachment[], own: RouteFindings, controllerName: string, problems: ObjectProblem[]): ObjectStatus {
  const object = route.object;
  const allDropped = own.dropped.size >= route.rules.length;
  for (const { fieldPath, reason } of own.dropped.values()) problems.push(objectProblem("error", objectPlace(object, fieldPath), "invalid_object", `UnsupportedValue: ${reason}`));
  const droppedText = [...own.dropped.values()].map(({ fieldPath, reason }) => `${fieldPath}: ${reason}`).join("; ");
  route.rules.forEach((rule, index) => {
    if (own.dropped.has(index)) return;
    for (const field of rule.ignoredFields) {
      problems.push(objectProblem("warning", objectPlace(object, `${rule.fieldPath}.${field}`), "invalid_object", `${field} is not supported by bosun: the rule is served without it`));
    }
  });
  for (const ref of own.unresolved.values()) problems.push(objectProblem("error", objectPlace(object, ref.fieldPath), "invalid_object", `${ref.reason}: ${ref.message}`));
  const parents: JsonObject[] = attached.map((attachment) => {
    const conditions: Condition[] = [];
    if (attachment.notAccepted !== undefined) {
      conditions.push(condition("Accepted", false, attachment.notAccepted, acceptedMessages[attachment.notAccepted]!));
      problems.push(objectProblem("error", objectPlace(object, attachment.parentRef.fieldPath), "invalid_object", `${attachment.notAccepted}: ${acceptedMessages[attachment.notAccepted]} (Gateway ${gatewayKey(attachment.gateway)})`));
    } else if (allDropped) conditions.push(condition("Accepted", false, "UnsupportedValue", droppedText));
    else conditions.push(condition("Accepted", true, "Accepted", ""));
    const firstUnresolved = own.unresolved.values().next().value as UnresolvedRef | undefined;
    conditions.push(firstUnresolved ? condition("ResolvedRefs", false, firstUnresolved.reason, `${firstUnresolved.fieldPath}: ${firstUnresolved.message}`) : condition("ResolvedRefs", true, "ResolvedRefs", ""));
    if (own.dropped.size > 0 && !allDropped) conditions.push(condition("PartiallyInvalid", true, "UnsupportedValue", `Dropped Rule: ${droppedText}`));
    return { parentRef: attachment.parentRef.written, controllerName, conditions: conditionsJson(object, conditions) };
  });
  return { object, status: { parents } };
}
