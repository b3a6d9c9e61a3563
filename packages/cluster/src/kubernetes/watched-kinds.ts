import type { CompileOptions } from "@bosun/kube";

/** A kind the source lists and watches, and where the API serves it. */
export interface WatchedKind {
  readonly kind: string;
  readonly apiVersion: string;
  readonly plural: string;
  /** Served only where its CustomResourceDefinition is installed: missing is not an error. */
  readonly custom: boolean;
  /** Server-side label selector, as the compile options give it. */
  readonly labelSelector: Readonly<Record<string, string>>;
}

const kind = (kindName: string, apiVersion: string, plural: string, labelSelector: Readonly<Record<string, string>> = {}, custom = false): WatchedKind => ({
  kind: kindName,
  apiVersion,
  plural,
  custom,
  labelSelector,
});

/**
 * The kinds the compilers read, with the options that choose among them: Endpoints or
 * EndpointSlices, Secrets only when TLS is checked. The Gateway API kinds join this list when
 * their compiler exists; nothing else in the source changes for them.
 */
export function watchedKinds(options: CompileOptions): WatchedKind[] {
  return [
    kind("RouteGroup", "zalando.org/v1", "routegroups", options.routeGroupsLabelSelector, true),
    kind("Ingress", "networking.k8s.io/v1", "ingresses", options.ingressLabelSelector),
    kind("Service", "v1", "services", options.servicesLabelSelector),
    options.endpointSlices ? kind("EndpointSlice", "discovery.k8s.io/v1", "endpointslices") : kind("Endpoints", "v1", "endpoints", options.endpointsLabelSelector),
    ...(options.enableTls ? [kind("Secret", "v1", "secrets")] : []),
  ];
}

/** The collection's path: cluster-wide, or in one namespace. */
export function collectionPath(watched: WatchedKind, namespace: string | undefined): string {
  const base = watched.apiVersion.includes("/") ? `/apis/${watched.apiVersion}` : `/api/${watched.apiVersion}`;
  return namespace === undefined ? `${base}/${watched.plural}` : `${base}/namespaces/${encodeURIComponent(namespace)}/${watched.plural}`;
}

export function selectorText(selector: Readonly<Record<string, string>>): string | undefined {
  const entries = Object.entries(selector);
  return entries.length === 0 ? undefined : entries.map(([key, value]) => `${key}=${value}`).join(",");
}
