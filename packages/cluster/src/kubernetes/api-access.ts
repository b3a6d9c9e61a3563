import type { CompileOptions } from "@bosun/kube";
import { gatewayApiStatusKinds } from "../status/gateway-api-status.js";
import { routeGroupStatusKind } from "../status/routegroup-status.js";
import { apiGroupOf } from "./api-resources.js";
import { watchedKinds } from "./watched-kinds.js";

/** One RBAC rule's worth of access: a resource of an API group, and the verbs used on it. */
export interface ApiAccess {
  /** "" for the core group. */
  readonly apiGroup: string;
  /** The plural, or `plural/subresource`. */
  readonly resource: string;
  readonly verbs: readonly string[];
  /** Cluster-wide (the objects routed), or in the namespace of the status Lease only. */
  readonly scope: "cluster" | "lease-namespace";
}

export interface AccessNeeds {
  readonly compileOptions: CompileOptions;
  /** Whether status is written back (under a Lease): RouteGroups', and the Gateway API objects'. */
  readonly writesStatus: boolean;
}

/** The kinds whose status the writer replaces. */
const statusWritten = [routeGroupStatusKind, ...gatewayApiStatusKinds].map((kind) => kind.resource);

/**
 * Every request the Kubernetes source and the status writer make, as RBAC would grant it: the
 * watched kinds are listed and watched; with status written, an object whose status is written
 * is read again after a conflict, its status replaced, and the writers' Lease read, created and
 * renewed. deploy/'s RBAC is held to this list by a test, so the two cannot drift apart.
 */
export function apiAccess(needs: AccessNeeds): ApiAccess[] {
  const reread = new Set(needs.writesStatus ? statusWritten.map((resource) => resource.kind) : []);
  const reads = watchedKinds(needs.compileOptions).map((watched): ApiAccess => ({
    apiGroup: apiGroupOf(watched),
    resource: watched.plural,
    verbs: reread.has(watched.kind) ? ["get", "list", "watch"] : ["list", "watch"],
    scope: "cluster",
  }));
  if (!needs.writesStatus) return reads;
  return [
    ...reads,
    ...statusWritten.map((resource): ApiAccess => ({ apiGroup: apiGroupOf(resource), resource: `${resource.plural}/status`, verbs: ["update"], scope: "cluster" })),
    { apiGroup: "coordination.k8s.io", resource: "leases", verbs: ["get", "create", "update"], scope: "lease-namespace" },
  ];
}
