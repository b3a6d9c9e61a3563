import type { KubeObject } from "../cluster-state.js";

/**
 * Objects found by namespace and name, or EndpointSlices by their service, through an index
 * made once per list: a cluster of 10k RouteGroups, each looking up its Service and Endpoints in
 * lists of 10k, spent more than half its compile in linear scans. The first object of a name
 * wins, as a scan would find it.
 */
const byName = new WeakMap<readonly KubeObject[], Map<string, KubeObject>>();
const byService = new WeakMap<readonly KubeObject[], Map<string, KubeObject[]>>();

const key = (namespace: string, name: string) => `${namespace}/${name}`;

export function findNamed(objects: readonly KubeObject[], namespace: string, name: string): KubeObject | undefined {
  let index = byName.get(objects);
  if (index === undefined) {
    index = new Map();
    for (const object of objects) {
      const objectKey = key(object.metadata.namespace, object.metadata.name);
      if (!index.has(objectKey)) index.set(objectKey, object);
    }
    byName.set(objects, index);
  }
  return index.get(key(namespace, name));
}

/** The EndpointSlices labelled as the service's, in list order. */
export function slicesOfService(slices: readonly KubeObject[], namespace: string, service: string): KubeObject[] {
  let index = byService.get(slices);
  if (index === undefined) {
    index = new Map();
    for (const slice of slices) {
      const serviceName = slice.metadata.labels["kubernetes.io/service-name"];
      if (serviceName === undefined) continue;
      const sliceKey = key(slice.metadata.namespace, serviceName);
      const group = index.get(sliceKey);
      if (group === undefined) index.set(sliceKey, [slice]);
      else group.push(slice);
    }
    byService.set(slices, index);
  }
  return index.get(key(namespace, service)) ?? [];
}
