import type { CompileOptions } from "@bosun/kube";
import { endpoints, endpointSlices, gatewayClasses, gateways, httpRoutes, ingresses, namespaces, referenceGrants, routeGroups, secrets, services, type ApiResource } from "./api-resources.js";

/** A kind the source lists and watches, and where the API serves it. */
export interface WatchedKind extends ApiResource {
  /** Served only where its CustomResourceDefinition is installed: missing is not an error. */
  readonly custom: boolean;
  /** How a missing CRD is reported. */
  readonly missingLevel: "warning" | "info";
  /** Server-side label selector, as the compile options give it. */
  readonly labelSelector: Readonly<Record<string, string>>;
}

const watched = (resource: ApiResource, labelSelector: Readonly<Record<string, string>> = {}, missingLevel?: WatchedKind["missingLevel"]): WatchedKind => ({
  ...resource,
  custom: missingLevel !== undefined,
  missingLevel: missingLevel ?? "warning",
  labelSelector,
});

/**
 * The kinds the compilers read, with the options that choose among them: Endpoints or
 * EndpointSlices, Secrets only when TLS is checked. Namespaces are read for their labels, which a
 * Gateway listener's `allowedRoutes.namespaces.selector` selects (gateway-api.md §1).
 */
export function watchedKinds(options: CompileOptions): WatchedKind[] {
  return [
    watched(routeGroups, options.routeGroupsLabelSelector, "warning"),
    watched(ingresses, options.ingressLabelSelector),
    watched(services, options.servicesLabelSelector),
    options.endpointSlices ? watched(endpointSlices) : watched(endpoints, options.endpointsLabelSelector),
    ...(options.enableTls ? [watched(secrets)] : []),
    watched(namespaces),
    // The Gateway API is an install of its own, which a cluster routed by RouteGroups and Ingresses
    // (every Skipper user's) does without: its CRDs missing is news, not a warning.
    ...[gatewayClasses, gateways, httpRoutes, referenceGrants].map((resource) => watched(resource, {}, "info")),
  ];
}

export function selectorText(selector: Readonly<Record<string, string>>): string | undefined {
  const entries = Object.entries(selector);
  return entries.length === 0 ? undefined : entries.map(([key, value]) => `${key}=${value}`).join(",");
}
