import type { JsonObject } from "../cluster-state.js";
import { gatewayGroup, servesHttpRoutes, type Gateway, type Listener } from "./gateways.js";
import type { ListenerCertificates, UnresolvedCertificateRef } from "./listener-certificates.js";
import type { TlsCertificate } from "../tls-secret.js";
import { condition, conditionsJson, type Condition } from "./status.js";

/**
 * Which listeners of a Gateway bosun serves, and their status (gateway-api.md §2.2, §2.12): a
 * listener of another protocol than HTTP or HTTPS is not accepted, two that share port, protocol
 * and hostname are both Conflicted: the spec forbids picking a winner; and an HTTPS listener
 * whose certificates do not resolve is not served.
 */

const distinctKey = (listener: Listener) => `${listener.port}\0${listener.protocol}\0${listener.hostname ?? ""}`;

export interface ListenerFindings {
  readonly conflicted: boolean;
  readonly unsupportedProtocol: boolean;
  /** allowedRoutes.kinds that name something other than HTTPRoute. */
  readonly invalidKinds: boolean;
  /** An HTTPS listener's certificates; undefined for other protocols. */
  readonly certificates: ListenerCertificates | undefined;
}

export function listenerFindings(gateway: Gateway, certificatesOf: (listener: Listener) => ListenerCertificates): Map<Listener, ListenerFindings> {
  const counts = new Map<string, number>();
  for (const listener of gateway.listeners) counts.set(distinctKey(listener), (counts.get(distinctKey(listener)) ?? 0) + 1);
  return new Map(
    gateway.listeners.map((listener) => [
      listener,
      {
        conflicted: counts.get(distinctKey(listener))! > 1,
        unsupportedProtocol: !servesHttpRoutes(listener.protocol),
        invalidKinds: (listener.kinds ?? []).some((kind) => kind.group !== gatewayGroup || kind.kind !== "HTTPRoute"),
        certificates: listener.protocol === "HTTPS" ? certificatesOf(listener) : undefined,
      },
    ]),
  );
}

/** The certificateRefs of an HTTPS listener that do not resolve; none for a listener of another protocol. */
export const unresolvedCertificates = (findings: ListenerFindings): readonly UnresolvedCertificateRef[] =>
  findings.certificates !== undefined && "unresolved" in findings.certificates ? findings.certificates.unresolved : [];

/** The certificates an HTTPS listener is served with; undefined when they do not resolve, or for another protocol. */
export const servedCertificates = (findings: ListenerFindings): readonly TlsCertificate[] | undefined =>
  findings.certificates !== undefined && "tls" in findings.certificates ? findings.certificates.tls : undefined;

export const isUsable = (findings: ListenerFindings): boolean => !findings.conflicted && !findings.unsupportedProtocol && unresolvedCertificates(findings).length === 0;

function resolvedRefs(findings: ListenerFindings): Condition {
  const certificate = unresolvedCertificates(findings)[0];
  if (certificate !== undefined) return condition("ResolvedRefs", false, certificate.reason, `${certificate.fieldPath}: ${certificate.message}`);
  if (findings.invalidKinds) return condition("ResolvedRefs", false, "InvalidRouteKinds", "allowedRoutes.kinds names a kind other than HTTPRoute");
  return condition("ResolvedRefs", true, "ResolvedRefs", "");
}

function listenerConditions(findings: ListenerFindings): Condition[] {
  const accepted = findings.unsupportedProtocol
    ? condition("Accepted", false, "UnsupportedProtocol", "bosun serves HTTPRoutes on HTTP and HTTPS listeners only")
    : condition("Accepted", true, "Accepted", "");
  const resolved = resolvedRefs(findings);
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
