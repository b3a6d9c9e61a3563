/**
 * The API resources bosun reads and writes, and where the API serves them: one description per
 * kind, which the watches, the status writer and the RBAC needs (api-access.ts) all take their
 * paths and groups from.
 */
export interface ApiResource {
  readonly kind: string;
  readonly apiVersion: string;
  readonly plural: string;
  /**
   * In no namespace (GatewayClass, Namespace): listed cluster-wide even where the source follows
   * one namespace, since the API serves no namespaced collection of it.
   */
  readonly clusterScoped: boolean;
}

const resource = (kind: string, apiVersion: string, plural: string, clusterScoped = false): ApiResource => ({ kind, apiVersion, plural, clusterScoped });

const gatewayApi = "gateway.networking.k8s.io/v1";

export const routeGroups = resource("RouteGroup", "zalando.org/v1", "routegroups");
export const ingresses = resource("Ingress", "networking.k8s.io/v1", "ingresses");
export const services = resource("Service", "v1", "services");
export const endpoints = resource("Endpoints", "v1", "endpoints");
export const endpointSlices = resource("EndpointSlice", "discovery.k8s.io/v1", "endpointslices");
export const secrets = resource("Secret", "v1", "secrets");
export const namespaces = resource("Namespace", "v1", "namespaces", true);
export const gatewayClasses = resource("GatewayClass", gatewayApi, "gatewayclasses", true);
export const gateways = resource("Gateway", gatewayApi, "gateways");
export const httpRoutes = resource("HTTPRoute", gatewayApi, "httproutes");
export const referenceGrants = resource("ReferenceGrant", gatewayApi, "referencegrants");

/** The API group: "" for the core group. */
export const apiGroupOf = (resource: ApiResource): string => (resource.apiVersion.includes("/") ? resource.apiVersion.slice(0, resource.apiVersion.indexOf("/")) : "");

/** The collection's path: cluster-wide, or in one namespace where the kind lives in namespaces. */
export function collectionPath(resource: ApiResource, namespace: string | undefined): string {
  const base = resource.apiVersion.includes("/") ? `/apis/${resource.apiVersion}` : `/api/${resource.apiVersion}`;
  return namespace === undefined || resource.clusterScoped ? `${base}/${resource.plural}` : `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}`;
}

/** One object's path; its namespace is not used for a cluster-scoped kind. */
export const objectPath = (resource: ApiResource, namespace: string, name: string): string => `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`;
