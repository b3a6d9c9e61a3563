import { effectiveHostnames } from "./hostnames.js";
import { gatewayGroup, selectorMatches, servesHttpRoutes, type Gateway, type Listener } from "./gateways.js";
import type { HttpRoute, ParentRef } from "./http-routes.js";

/**
 * Which listeners of a parent Gateway take an HTTPRoute (gateway-api.md §2.1, §2.3): those its
 * parentRef selects by sectionName and port that allow the route's kind and namespace and share
 * a hostname with it. Attachment across namespaces needs no ReferenceGrant: only `allowedRoutes`.
 */

export interface AttachedListener {
  readonly listener: Listener;
  /** The route's hostnames on this listener; undefined for any host. */
  readonly hostnames: readonly string[] | undefined;
}

export type NotAccepted = "NoMatchingParent" | "NotAllowedByListeners" | "NoMatchingListenerHostname";

export interface ParentAttachment {
  readonly parentRef: ParentRef;
  readonly gateway: Gateway;
  readonly listeners: readonly AttachedListener[];
  /** Why no listener took the route; undefined when one did. */
  readonly notAccepted: NotAccepted | undefined;
}

export interface AttachmentContext {
  /** Bosun's Gateways by `ns/name`. */
  readonly gateways: ReadonlyMap<string, Gateway>;
  readonly namespaceLabels: (namespace: string) => Readonly<Record<string, string>>;
  /** Listeners that are not served (Conflicted, or of a protocol without HTTPRoutes), by Gateway and listener name. */
  readonly unusable: (gateway: Gateway, listener: Listener) => boolean;
}

export const isGatewayParent = (ref: ParentRef): boolean => ref.group === gatewayGroup && ref.kind === "Gateway";

function kindAllowed(listener: Listener): boolean {
  if (listener.kinds === undefined) return servesHttpRoutes(listener.protocol);
  return listener.kinds.some((kind) => kind.group === gatewayGroup && kind.kind === "HTTPRoute");
}

function namespaceAllowed(listener: Listener, gateway: Gateway, route: HttpRoute, context: AttachmentContext): boolean {
  if (listener.from === "All") return true;
  if (listener.from === "Same") return route.namespace === gateway.namespace;
  if (listener.from === "Selector") return listener.selector !== undefined && selectorMatches(listener.selector, context.namespaceLabels(route.namespace));
  return false;
}

/** The route's attachment to each of its parentRefs that names one of bosun's Gateways. */
export function attach(route: HttpRoute, context: AttachmentContext): ParentAttachment[] {
  const attachments: ParentAttachment[] = [];
  for (const parentRef of route.parentRefs) {
    if (!isGatewayParent(parentRef)) continue;
    const gateway = context.gateways.get(`${parentRef.namespace}/${parentRef.name}`);
    if (gateway === undefined) continue;
    const selected = gateway.listeners.filter(
      (listener) => (parentRef.sectionName === undefined || listener.name === parentRef.sectionName) && (parentRef.port === undefined || listener.port === parentRef.port),
    );
    const allowed = selected.filter(
      (listener) => !context.unusable(gateway, listener) && servesHttpRoutes(listener.protocol) && kindAllowed(listener) && namespaceAllowed(listener, gateway, route, context),
    );
    const listeners: AttachedListener[] = [];
    for (const listener of allowed) {
      const hostnames = effectiveHostnames(listener.hostname, route.hostnames);
      if (hostnames === undefined || hostnames.length > 0) listeners.push({ listener, hostnames });
    }
    const notAccepted: NotAccepted | undefined =
      listeners.length > 0 ? undefined : selected.length === 0 ? "NoMatchingParent" : allowed.length === 0 ? "NotAllowedByListeners" : "NoMatchingListenerHostname";
    attachments.push({ parentRef, gateway, listeners, notAccepted });
  }
  return attachments;
}
