import type { JsonObject } from "../cluster-state.js";
import { gatewayGroup, servesHttpRoutes, type Gateway, type Listener } from "./gateways.js";
import { condition, conditionsJson, type Condition } from "./status.js";

/**
 * Which listeners of a Gateway bosun serves, and their status (gateway-api.md §2.2, §2.12): a
 * listener of another protocol than HTTP or HTTPS is not accepted, and two that share port,
 * protocol and hostname are both Conflicted: the spec forbids picking a winner.
 */

const distinctKey = (listener: Listener) => `${listener.port}\0${listener.protocol}\0${listener.hostname ?? ""}`;

export interface ListenerFindings {
  readonly conflicted: boolean;
  readonly unsupportedProtocol: boolean;
  /** allowedRoutes.kinds that name something other than HTTPRoute. */
  readonly invalidKinds: boolean;
}

export function listenerFindings(gateway: Gateway): Map<Listener, ListenerFindings> {
  const counts = new Map<string, number>();
  for (const listener of gateway.listeners) counts.set(distinctKey(listener), (counts.get(distinctKey(listener)) ?? 0) + 1);
  return new Map(
    gateway.listeners.map((listener) => [
      listener,
      {
        conflicted: counts.get(distinctKey(listener))! > 1,
        unsupportedProtocol: !servesHttpRoutes(listener.protocol),
        invalidKinds: (listener.kinds ?? []).some((kind) => kind.group !== gatewayGroup || kind.kind !== "HTTPRoute"),
      },
    ]),
  );
}

export const isUsable = (findings: ListenerFindings): boolean => !findings.conflicted && !findings.unsupportedProtocol;

function listenerConditions(findings: ListenerFindings): Condition[] {
  const accepted = findings.unsupportedProtocol
    ? condition("Accepted", false, "UnsupportedProtocol", "bosun serves HTTPRoutes on HTTP and HTTPS listeners only")
    : condition("Accepted", true, "Accepted", "");
  const resolved = findings.invalidKinds ? condition("ResolvedRefs", false, "InvalidRouteKinds", "allowedRoutes.kinds names a kind other than HTTPRoute") : condition("ResolvedRefs", true, "ResolvedRefs", "");
  const conflicted = findings.conflicted
    ? condition("Conflicted", true, "HostnameConflict", "another listener has the same port, protocol and hostname")
    : condition("Conflicted", false, "NoConflicts", "");
  const programmed = isUsable(findings) ? condition("Programmed", true, "Programmed", "") : condition("Programmed", false, "Invalid", "the listener is not served");
  return [accepted, resolved, conflicted, programmed];
}

/** A Gateway's status: its own conditions and each listener's, with the routes attached to it. */
export function gatewayStatus(gateway: Gateway, findings: ReadonlyMap<Listener, ListenerFindings>, attachedRoutes: (listener: Listener) => number): JsonObject {
  const conditions = [condition("Accepted", true, "Accepted", ""), condition("Programmed", true, "Programmed", "")];
  return {
    conditions: conditionsJson(gateway.object, conditions),
    listeners: gateway.listeners.map((listener) => ({
      name: listener.name,
      supportedKinds: servesHttpRoutes(listener.protocol) ? [{ group: gatewayGroup, kind: "HTTPRoute" }] : [],
      attachedRoutes: attachedRoutes(listener),
      conditions: conditionsJson(gateway.object, listenerConditions(findings.get(listener)!)),
    })),
  };
}
