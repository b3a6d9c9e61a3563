import type { ClusterState, KubeObject } from "../cluster-state.js";
import { arrayField, isObject, objectField } from "../json.js";
import { slicesOfService } from "./named-objects.js";

/** The EndpointSlices of a service: labelled with its name, in its namespace. */
export function slicesOf(state: ClusterState, namespace: string, service: string): KubeObject[] {
  return [...slicesOfService(state.endpointSlices, namespace, service)];
}

/**
 * The addresses that take traffic, over all slices (skipper-semantics §5.7): each endpoint's first
 * address; `ready` missing or true counts as ready; an address terminating in any slice is out,
 * even when another slice lists it ready.
 */
export function servingAddresses(slices: readonly KubeObject[]): string[] {
  const ready = new Set<string>();
  const terminating = new Set<string>();
  for (const slice of slices) {
    for (const endpoint of (arrayField(slice.body, "endpoints") ?? []).filter(isObject)) {
      const address = (arrayField(endpoint, "addresses") ?? [])[0];
      if (typeof address !== "string") continue;
      const conditions = objectField(endpoint, "conditions");
      if (conditions?.["terminating"] === true) terminating.add(address);
      else if (conditions?.["ready"] !== false) ready.add(address);
    }
  }
  return [...ready].filter((address) => !terminating.has(address));
}
