/**
 * The resource types the test API server serves, and its discovery documents. A type backed by a
 * CustomResourceDefinition answers 404 until the test installs it, as a cluster without the CRD
 * does.
 */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  /** Whether `…/status` is a subresource (writes to the main resource then leave status alone). */
  readonly statusSubresource: boolean;
  /** Served only while installed: a CustomResourceDefinition's type. */
  readonly custom: boolean;
  readonly shortNames?: readonly string[];
}

export const apiVersionOf = (type: ResourceType): string => (type.group === "" ? type.version : `${type.group}/${type.version}`);

const core = (kind: string, plural: string, shortNames: string[] = [], namespaced = true): ResourceType => ({
  group: "",
  version: "v1",
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  statusSubresource: kind === "Service",
  custom: false,
  shortNames,
});

/** The Gateway API's standard channel, as its CRDs install it. */
const gatewayApi = (kind: string, plural: string, namespaced: boolean, statusSubresource: boolean): ResourceType => ({
  group: "gateway.networking.k8s.io",
  version: "v1",
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  statusSubresource,
  custom: true,
});

export const resourceTypes: readonly ResourceType[] = [
  core("Service", "services", ["svc"]),
  core("Endpoints", "endpoints", ["ep"]),
  core("Secret", "secrets"),
  core("ConfigMap", "configmaps", ["cm"]),
  core("Namespace", "namespaces", ["ns"], false),
  { group: "networking.k8s.io", version: "v1", kind: "Ingress", plural: "ingresses", singular: "ingress", namespaced: true, statusSubresource: true, custom: false, shortNames: ["ing"] },
  { group: "discovery.k8s.io", version: "v1", kind: "EndpointSlice", plural: "endpointslices", singular: "endpointslice", namespaced: true, statusSubresource: false, custom: false },
  { group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", singular: "lease", namespaced: true, statusSubresource: false, custom: false },
  { group: "zalando.org", version: "v1", kind: "RouteGroup", plural: "routegroups", singular: "routegroup", namespaced: true, statusSubresource: true, custom: true, shortNames: ["rg", "rgs"] },
  gatewayApi("GatewayClass", "gatewayclasses", false, true),
  gatewayApi("Gateway", "gateways", true, true),
  gatewayApi("HTTPRoute", "httproutes", true, true),
  gatewayApi("ReferenceGrant", "referencegrants", true, false),
];

/** The kinds whose CRDs installing the Gateway API adds (`installCrd` each). */
export const gatewayApiKinds: readonly string[] = resourceTypes.filter((type) => type.group === "gateway.networking.k8s.io").map((type) => type.kind);

const verbs = ["create", "delete", "get", "list", "patch", "update", "watch"];

function resourceEntries(type: ResourceType): unknown[] {
  const main = { name: type.plural, singularName: type.singular, namespaced: type.namespaced, kind: type.kind, verbs, ...(type.shortNames ? { shortNames: type.shortNames } : {}) };
  const status = { name: `${type.plural}/status`, singularName: "", namespaced: type.namespaced, kind: type.kind, verbs: ["get", "patch", "update"] };
  return type.statusSubresource ? [main, status] : [main];
}

/** `GET /api/v1` or `GET /apis/GROUP/VERSION`: the types of that group version that are served. */
export function resourceList(served: readonly ResourceType[], groupVersion: string): unknown | undefined {
  const types = served.filter((type) => apiVersionOf(type) === groupVersion);
  if (types.length === 0) return undefined;
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion, resources: types.flatMap(resourceEntries) };
}

/** `GET /apis`: every group with a served type. */
export function groupList(served: readonly ResourceType[]): unknown {
  const groups = [...new Set(served.filter((type) => type.group !== "").map(apiVersionOf))].map((groupVersion) => {
    const [name, version] = groupVersion.split("/") as [string, string];
    const entry = { groupVersion, version };
    return { name, versions: [entry], preferredVersion: entry };
  });
  return { kind: "APIGroupList", apiVersion: "v1", groups };
}

export const coreVersions = { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1" }] };
