/**
 * The cluster state the compilers read: Kubernetes objects as the API server (or a manifests
 * file) gives them. Objects stay close to their JSON: the compilers validate what they use, so
 * that a malformed object becomes a Problem, never an exception.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Metadata {
  readonly namespace: string;
  readonly name: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

/** One object: its kind, metadata (namespace defaulted as the API server would) and whole body. */
export interface KubeObject {
  readonly kind: string;
  readonly apiVersion: string;
  readonly metadata: Metadata;
  /** The object as decoded, `spec`, `subsets`, `endpoints`, `data` and all. */
  readonly body: JsonObject;
}

/** The kinds a ClusterState holds, each with the apiVersion the API server serves it as. */
export const clusterStateKinds: ReadonlyMap<string, string> = new Map([
  ["RouteGroup", "zalando.org/v1"],
  ["Ingress", "networking.k8s.io/v1"],
  ["Service", "v1"],
  ["Endpoints", "v1"],
  ["EndpointSlice", "discovery.k8s.io/v1"],
  ["Secret", "v1"],
  ["Namespace", "v1"],
  ["GatewayClass", "gateway.networking.k8s.io/v1"],
  ["Gateway", "gateway.networking.k8s.io/v1"],
  ["HTTPRoute", "gateway.networking.k8s.io/v1"],
  ["ReferenceGrant", "gateway.networking.k8s.io/v1"],
]);

export interface ClusterState {
  readonly routeGroups: readonly KubeObject[];
  readonly ingresses: readonly KubeObject[];
  readonly services: readonly KubeObject[];
  readonly endpoints: readonly KubeObject[];
  readonly endpointSlices: readonly KubeObject[];
  readonly secrets: readonly KubeObject[];
  /** Their labels are what a Gateway listener's `allowedRoutes.namespaces.selector` selects. */
  readonly namespaces: readonly KubeObject[];
  readonly gatewayClasses: readonly KubeObject[];
  readonly gateways: readonly KubeObject[];
  readonly httpRoutes: readonly KubeObject[];
  readonly referenceGrants: readonly KubeObject[];
}

export const emptyClusterState: ClusterState = {
  routeGroups: [],
  ingresses: [],
  services: [],
  endpoints: [],
  endpointSlices: [],
  secrets: [],
  namespaces: [],
  gatewayClasses: [],
  gateways: [],
  httpRoutes: [],
  referenceGrants: [],
};
