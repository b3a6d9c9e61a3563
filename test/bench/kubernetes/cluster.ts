import { performance } from "node:perf_hooks";
import { endpoints, routeGroup, service } from "../../k8s-api/objects.ts";
import type { TestApiServer } from "../../k8s-api/server.ts";

/**
 * The cluster `bench:kubernetes` follows: N RouteGroups over a few namespaces, each with its own
 * Service and Endpoints, all endpoints on the benchmark's one backend.
 */

const namespaces = ["team-a", "team-b", "team-c", "team-d", "team-e", "team-f", "team-g", "team-h"];

/** One RouteGroup of the cluster; its Service and Endpoints have its name. */
export interface BenchGroup {
  readonly namespace: string;
  readonly name: string;
  /** Its route's PathSubtree, unique in the cluster. */
  readonly path: string;
}

/** Each of a RouteGroup, its Service and its Endpoints. */
export const objectsPerGroup = 3;

export function benchGroups(count: number): BenchGroup[] {
  return Array.from({ length: count }, (_, i) => {
    const namespace = namespaces[i % namespaces.length]!;
    return { namespace, name: `app-${i}`, path: `/${namespace}/app-${i}` };
  });
}

/** The RouteGroup as created, or after change `generation` (a header its responses carry). */
export function routeGroupOf(group: BenchGroup, generation?: number): ReturnType<typeof routeGroup> {
  const extra = generation === undefined ? {} : { filters: [`setResponseHeader("X-Gen", "${generation}")`] };
  return routeGroup(group.namespace, group.name, group.path, group.name, extra);
}

/** Creates every group's Service, Endpoints and RouteGroup; returns how long the store took. */
export function fill(api: TestApiServer, groups: readonly BenchGroup[], backendPort: number): number {
  const started = performance.now();
  for (const group of groups) {
    api.apply(service(group.namespace, group.name, backendPort));
    api.apply(endpoints(group.namespace, group.name, backendPort));
    api.apply(routeGroupOf(group));
  }
  return performance.now() - started;
}

/** The collections bosun lists at its first sync (packages/cluster/src/kubernetes/watched-kinds.ts). */
const listedPaths = ["/apis/zalando.org/v1/routegroups", "/apis/networking.k8s.io/v1/ingresses", "/api/v1/services", "/api/v1/endpoints"];

/** Items of one collection, fetched in pages of `limit` (0: one answer) as bosun's list-pages.ts does. */
async function listItems(api: TestApiServer, path: string, limit: number): Promise<number> {
  let items = 0;
  let token: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const query = new URLSearchParams(limit > 0 ? { limit: String(limit) } : {});
    if (token !== undefined) query.set("continue", token);
    const response = await fetch(`${api.url}${path}?${query}`, { signal: AbortSignal.timeout(60_000) });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { items: unknown[]; metadata: { continue?: string } };
    items += body.items.length;
    token = body.metadata.continue || undefined;
    if (token === undefined) return items;
  }
  throw new Error(`GET ${path}: no end to the pages`);
}

export interface ListTimes {
  /** Every collection of a first sync in pages of 500, one after another, as bosun pages them. */
  readonly syncListsMs: number;
  /** The RouteGroups alone, in pages of 500. */
  readonly routeGroupsPagedMs: number;
  /** The RouteGroups alone, in one answer. */
  readonly routeGroupsWholeMs: number;
}

/**
 * What the test API server's lists cost, timed from this process with fetch (so the client's JSON
 * parsing is in the figure, as it is in bosun's): how much of a first sync is the server's.
 */
export async function timeLists(api: TestApiServer, groups: number): Promise<ListTimes> {
  const timed = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  const syncListsMs = await timed(async () => {
    for (const path of listedPaths) await listItems(api, path, 500);
  });
  const routeGroupsPagedMs = await timed(async () => {
    const items = await listItems(api, listedPaths[0]!, 500);
    if (items !== groups) throw new Error(`the API server listed ${items} RouteGroups, not ${groups}`);
  });
  const routeGroupsWholeMs = await timed(() => listItems(api, listedPaths[0]!, 0));
  return { syncListsMs, routeGroupsPagedMs, routeGroupsWholeMs };
}

/** RouteGroups whose status bosun has written for their current generation. */
export function statusesWritten(api: TestApiServer): number {
  const type = api.typeOf("RouteGroup");
  let written = 0;
  for (const object of api.store.list(type)) {
    const status = object["status"] as { observedGeneration?: number } | undefined;
    if (status?.observedGeneration !== undefined && status.observedGeneration === object.metadata.generation) written++;
  }
  return written;
}
