import type { CompileOptions } from "@bosun/kube";
import { watchedKinds } from "./watched-kinds.js";

/** One RBAC rule's worth of access: a resource of an API group, and the verbs used on it. */
export interface ApiAccess {
  /** "" for the core group. */
  readonly apiGroup: string;
  /** The plural, or `plural/subresource`. */
  readonly resource: string;
  readonly verbs: readonly string[];
  /** Cluster-wide (the objects routed), or in the namespace of the status lease only. */
  readonly scope: "cluster" | "lease-namespace";
}

export interface AccessNeeds {
  readonly compileOptions: CompileOptions;
  /** Whether RouteGroup status is written back (under a Lease). */
  readonly writesStatus: boolean;
}

/**
 * Every request the Kubernetes source and the status writer make, as RBAC would grant it: the
 * watched kinds are listed and watched; with status written, a RouteGroup is read again after a
 * conflict, its status replaced, and the writers' Lease read, created and renewed. deploy/'s RBAC
 * is held to this list by a test, so the two cannot drift apart.
 */
export function apiAccess(needs: AccessNeeds): ApiAccess[] {
  const reads = watchedKinds(needs.compileOptions).map(({ apiVersion, plural }): ApiAccess => ({
    apiGroup: apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "",
    resource: plural,
    verbs: needs.writesStatus && plural === "routegroups" ? ["get", "list", "watch"] : ["list", "watch"],
    scope: "cluster",
  }));
  if (!needs.writesStatus) return reads;
  return [
    ...reads,
    { apiGroup: "zalando.org", resource: "routegroups/status", verbs: ["update"], scope: "cluster" },
    { apiGroup: "coordination.k8s.io", resource: "leases", verbs: ["get", "create", "update"], scope: "lease-namespace" },
  ];
}
