import { KubernetesSource, kubeConfigFor, StatusWriter, type LeaseName } from "@bosun/cluster";
import type { Problem } from "@bosun/eskip";
import { defaultCompileOptions } from "@bosun/kube";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RecordingSink } from "../../packages/cluster/test/recording-sink.ts";
import { endpoints, gateway, gatewayClass, httpRoute, routeGroup, service } from "../k8s-api/objects.ts";
import { gatewayApiKinds } from "../k8s-api/resources.ts";
import { TestApiServer } from "../k8s-api/server.ts";

let api: TestApiServer;
const running: Array<{ close(): Promise<void> }> = [];
beforeEach(async () => {
  api = await TestApiServer.start({ bookmarkMs: 100 });
  api.installCrd("RouteGroup");
});
afterEach(async () => {
  for (const each of running.splice(0).reverse()) await each.close();
  api.beforeStatusWrite = undefined;
  await api.stop();
});

const lease: LeaseName = { namespace: "bosun", name: "bosun-status" };

interface Follower {
  readonly writer: StatusWriter;
  readonly sink: RecordingSink;
  readonly problems: Problem[][];
}

async function follow(identity = "replica-a", withLease: LeaseName | undefined = lease): Promise<Follower> {
  const config = kubeConfigFor({ from: "url", url: api.url });
  const problems: Problem[][] = [];
  const writer = new StatusWriter({
    config,
    identity,
    ...(withLease ? { lease: withLease } : {}),
    leaseDurationSeconds: 1,
    leaseRenewMs: 100,
    retryMs: 50,
    problems: (current) => problems.push([...current]),
  });
  const source = new KubernetesSource({ config, compileOptions: defaultCompileOptions, quietMs: 20, maxDelayMs: 200, status: writer, timing: { backoffBaseMs: 20, backoffMaxMs: 100, missingRetryMs: 100, requestTimeoutMs: 2_000 } });
  running.push(source);
  const sink = new RecordingSink();
  await source.start(sink);
  return { writer, sink, problems };
}

type Status = { observedGeneration?: number; conditions?: Array<Record<string, unknown>>; problems?: Array<Record<string, unknown>>; loadBalancer?: unknown };

const statusOf = (name: string, namespace = "shop") => (api.store.get(api.typeOf("RouteGroup"), namespace, name) as { status?: Status }).status;
/** Status writes, to every object or to those whose path has `/PLURAL/NAME/` (RouteGroups by their name alone). */
const statusWrites = (name?: string, plural = "routegroups") => api.requests.filter((request) => request.method === "PUT" && request.path.endsWith("/status") && (name === undefined || request.path.includes(`/${plural}/${name}/`))).length;

async function eventually<T>(read: () => T, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 250; i++) {
    const value = read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`not reached: ${what}; last: ${JSON.stringify(read())}`);
}

function seed(): void {
  api.apply(service("shop", "cart", 9001));
  api.apply(endpoints("shop", "cart", 9001));
  api.apply(routeGroup("shop", "cart", "/cart", "cart"));
  // A default backend that names no backend: Skipper's validation rejects the whole RouteGroup.
  const broken = routeGroup("shop", "broken", "/broken", "cart");
  (broken["spec"] as { defaultBackends: unknown[] }).defaultBackends = [{ backendName: "nowhere" }];
  api.apply(broken);
}

/**
 * Before bosun's first status write to the object, another controller writes `status`
 * into it, so that bosun's resourceVersion is stale: whether that happened.
 */
function interfereOnce(kind: string, name: string, status: Record<string, unknown>): () => boolean {
  let interfered = false;
  api.beforeStatusWrite = (written, namespace, writtenName) => {
    if (interfered || written !== kind || writtenName !== name) return;
    interfered = true;
    api.store.patch(api.typeOf(kind), namespace, name, { status }, true);
  };
  return () => interfered;
}

const accepted = (status: Status | undefined) => status?.conditions?.find((condition) => condition["type"] === "Accepted");

describe("RouteGroup status written back through the status subresource", () => {
  it("says whether each RouteGroup was accepted, with its problems' field paths and the generation judged", async () => {
    seed();
    await follow();
    const good = await eventually(() => statusOf("cart"), (status) => accepted(status) !== undefined, "cart's status");
    expect(good).toMatchObject({ observedGeneration: 1, problems: [] });
    expect(accepted(good)).toMatchObject({ status: "True", reason: "Accepted", message: "1 route served", observedGeneration: 1 });
    expect(accepted(good)!["lastTransitionTime"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const bad = await eventually(() => statusOf("broken"), (status) => accepted(status) !== undefined, "broken's status");
    expect(accepted(bad)).toMatchObject({ status: "False", reason: "Invalid" });
    expect(accepted(bad)!["message"]).toMatch(/^0 routes served; spec\.defaultBackends\[0\]/);
    expect(bad!.problems).toEqual([expect.objectContaining({ level: "error", field: expect.stringMatching(/^spec\.defaultBackends\[0\]/), code: expect.any(String), reason: expect.stringContaining("nowhere") })]);
  });

  it("writes only when the status changes; a spec change is judged anew at its generation", async () => {
    seed();
    const { sink } = await follow();
    expect(sink.snapshots).toHaveLength(1);
    await eventually(() => statusWrites(), (count) => count === 2, "two status writes");
    // bosun's own status writes come back through the watch, and change no route: no snapshot.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.snapshots).toHaveLength(1);
    // Another object changes: a new snapshot, the same findings, nothing written.
    api.apply(service("shop", "other", 9003));
    await eventually(() => sink.snapshots.length, (count) => count > 1, "a snapshot for the new Service");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(statusWrites()).toBe(2);
    expect(sink.snapshots).toHaveLength(2);
    // The broken one is mended: generation 2, accepted, its transition time moved.
    const before = accepted(statusOf("broken"))!["lastTransitionTime"];
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    api.apply(routeGroup("shop", "broken", "/broken", "cart"));
    const mended = await eventually(() => statusOf("broken"), (status) => status?.observedGeneration === 2, "broken judged at generation 2");
    expect(accepted(mended)).toMatchObject({ status: "True", reason: "Accepted", observedGeneration: 2 });
    expect(accepted(mended)!["lastTransitionTime"]).not.toBe(before);
    expect(statusWrites("cart")).toBe(1);
  });

  it("keeps what another controller wrote, and after a conflict reads the object again and writes on it", async () => {
    seed();
    // A load balancer controller writes its address.
    const interfered = interfereOnce("RouteGroup", "cart", { loadBalancer: { routegroup: [{ hostname: "lb.example.org" }] } });
    await follow();
    const status = await eventually(() => statusOf("cart"), (each) => accepted(each) !== undefined, "cart's status after the conflict");
    expect(interfered()).toBe(true);
    expect(status!.loadBalancer).toEqual({ routegroup: [{ hostname: "lb.example.org" }] });
    expect(accepted(status)).toMatchObject({ status: "True" });
    expect(statusWrites("cart")).toBe(2);
    expect(api.requests.some((request) => request.method === "GET" && request.path === "/apis/zalando.org/v1/namespaces/shop/routegroups/cart")).toBe(true);
  });

  it("lets one replica write at a time, under a Lease; when it stops, another takes over", async () => {
    seed();
    const first = await follow("replica-a");
    await eventually(() => first.writer.writing, Boolean, "replica-a holds the Lease");
    const second = await follow("replica-b");
    await eventually(() => statusWrites(), (count) => count === 2, "both RouteGroups written");
    const leaseObject = () => api.store.get(api.typeOf("Lease"), "bosun", "bosun-status") as unknown as { spec: { holderIdentity: string; leaseTransitions: number } };
    expect(leaseObject().spec.holderIdentity).toBe("replica-a");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.writer.writing).toBe(false);
    expect(second.writer.writes).toBe(0);
    // replica-a goes (it gives the Lease up); replica-b takes it and writes what has changed since.
    await running.shift()!.close();
    await eventually(() => second.writer.writing, Boolean, "replica-b holds the Lease");
    expect(leaseObject().spec).toMatchObject({ holderIdentity: "replica-b", leaseTransitions: 1 });
    api.apply(routeGroup("shop", "broken", "/broken", "cart"));
    await eventually(() => accepted(statusOf("broken"))?.["status"], (status) => status === "True", "broken accepted, written by replica-b");
    expect(second.writer.writes).toBe(1);
    expect(first.writer.writes).toBe(2);
  });

  it("takes over a Lease whose holder stopped renewing without giving it up", async () => {
    seed();
    const staleRenewal = new Date(Date.now() - 3_600_000).toISOString().replace("Z", "000Z");
    api.apply({ apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { namespace: "bosun", name: "bosun-status" }, spec: { holderIdentity: "crashed-replica", leaseDurationSeconds: 1, renewTime: staleRenewal, leaseTransitions: 4 } });
    const follower = await follow("replica-a");
    expect(follower.writer.writing).toBe(false);
    // Judged by this replica's clock: a whole lease duration without a change to the record.
    await eventually(() => follower.writer.writing, Boolean, "the Lease taken over");
    await eventually(() => statusWrites(), (count) => count === 2, "both written");
  });

  it("reports writes the API refuses as problems, and retries them", async () => {
    seed();
    let refusals = 3;
    api.beforeStatusWrite = () => {
      if (refusals-- > 0) throw new Error("etcd is having a bad day");
    };
    const follower = await follow("replica-a", undefined);
    await eventually(() => statusWrites(), (count) => count >= 5, "writes retried");
    await eventually(() => accepted(statusOf("cart")) !== undefined && accepted(statusOf("broken")) !== undefined, Boolean, "both written in the end");
    const seen = follower.problems.flat();
    expect(seen.some((problem) => problem.code === "status_write_failed" && problem.place.kind === "object" && problem.reason.includes("500"))).toBe(true);
    // The server stores a status before its answer reaches the writer: the problem goes once that has come.
    await eventually(() => follower.problems.at(-1), (last) => last?.length === 0, "the write problems gone");
  });
});

type Condition = { type: string; status: string; reason: string; message: string; observedGeneration?: number; lastTransitionTime?: string };
type ParentStatus = { parentRef: Record<string, unknown>; controllerName: string; conditions: Condition[] };

const bosunController = defaultCompileOptions.gatewayControllerName;
const routeParents = (name: string) => ((api.store.get(api.typeOf("HTTPRoute"), "shop", name) as { status?: { parents?: ParentStatus[] } }).status?.parents ?? []);
const bosunParent = (name: string) => routeParents(name).find((parent) => parent.controllerName === bosunController);
const conditionOf = (conditions: readonly Condition[] | undefined, type: string) => conditions?.find((condition) => condition.type === type);

/** Another controller's judgement of the route, on a Gateway of its own. */
const otherParent: ParentStatus = {
  parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", name: "other-gw" },
  controllerName: "example.com/other-controller",
  conditions: [{ type: "Accepted", status: "True", reason: "Accepted", message: "", observedGeneration: 1, lastTransitionTime: "2024-01-01T00:00:00Z" }],
};

/** The Gateway API installed, bosun's GatewayClass and Gateway shop/gw, and the HTTPRoute web on it, to a Service that does not exist. */
function seedGateway(): void {
  for (const kind of gatewayApiKinds) api.installCrd(kind);
  api.apply(service("shop", "cart", 9001));
  api.apply(endpoints("shop", "cart", 9001));
  api.apply(gatewayClass("bosun", bosunController));
  api.apply(gateway("shop", "gw", "bosun", 8080));
  api.apply(httpRoute("shop", "web", "gw", "/app", "missing"));
}

describe("Gateway API status written back through the status subresource", () => {
  it("writes bosun's parent of an HTTPRoute beside another controller's, the Gateway's listeners and the GatewayClass; a fix is judged anew at its generation", async () => {
    seedGateway();
    api.store.patch(api.typeOf("HTTPRoute"), "shop", "web", { status: { parents: [otherParent] } }, true);
    await follow();
    const first = await eventually(() => bosunParent("web"), (parent) => parent !== undefined, "bosun's parent of the HTTPRoute");
    expect(first).toMatchObject({ parentRef: { name: "gw" }, controllerName: bosunController });
    expect(conditionOf(first!.conditions, "Accepted")).toMatchObject({ status: "True", reason: "Accepted", observedGeneration: 1 });
    expect(conditionOf(first!.conditions, "ResolvedRefs")).toMatchObject({ status: "False", reason: "BackendNotFound", observedGeneration: 1 });
    expect(conditionOf(first!.conditions, "ResolvedRefs")!.message).toContain("missing");
    for (const condition of first!.conditions) expect(condition.lastTransitionTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(routeParents("web")).toEqual([otherParent, first]);
    type GatewayStatus = { conditions?: Condition[]; listeners?: Array<{ name: string; attachedRoutes: number; conditions: Condition[] }> };
    const gatewayStatus = await eventually(() => (api.store.get(api.typeOf("Gateway"), "shop", "gw") as { status?: GatewayStatus }).status, (status) => status?.listeners !== undefined, "the Gateway's status");
    expect(gatewayStatus!.listeners).toMatchObject([{ name: "http", attachedRoutes: 1 }]);
    expect(conditionOf(gatewayStatus!.listeners![0]!.conditions, "Programmed")).toMatchObject({ status: "True", lastTransitionTime: expect.any(String) });
    expect(conditionOf(gatewayStatus!.conditions, "Accepted")).toMatchObject({ status: "True", observedGeneration: 1, lastTransitionTime: expect.any(String) });
    const classStatus = await eventually(() => (api.store.get(api.typeOf("GatewayClass"), undefined, "bosun") as { status?: { conditions?: Condition[] } }).status, (status) => status !== undefined, "the GatewayClass's status");
    expect(conditionOf(classStatus!.conditions, "Accepted")).toMatchObject({ status: "True", reason: "Accepted" });
    expect(api.requests.some((request) => request.method === "PUT" && request.path === "/apis/gateway.networking.k8s.io/v1/gatewayclasses/bosun/status")).toBe(true);
    // The route mended, a second later: ResolvedRefs moves at generation 2, Accepted keeps its time.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    api.apply(httpRoute("shop", "web", "gw", "/app", "cart"));
    const mended = await eventually(() => bosunParent("web"), (parent) => conditionOf(parent?.conditions, "ResolvedRefs")?.status === "True", "ResolvedRefs True");
    expect(conditionOf(mended!.conditions, "ResolvedRefs")).toMatchObject({ reason: "ResolvedRefs", observedGeneration: 2 });
    expect(conditionOf(mended!.conditions, "ResolvedRefs")!.lastTransitionTime).not.toBe(conditionOf(first!.conditions, "ResolvedRefs")!.lastTransitionTime);
    expect(conditionOf(mended!.conditions, "Accepted")).toMatchObject({ observedGeneration: 2, lastTransitionTime: conditionOf(first!.conditions, "Accepted")!.lastTransitionTime });
    expect(routeParents("web")).toEqual([otherParent, mended]);
    // The Gateway's and the class's findings did not change: written once each.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([statusWrites("web", "httproutes"), statusWrites("gw", "gateways"), statusWrites("bosun", "gatewayclasses")]).toEqual([2, 1, 1]);
  });

  it("after a conflict reads the HTTPRoute again, and keeps the parent another controller wrote in between", async () => {
    seedGateway();
    const interfered = interfereOnce("HTTPRoute", "web", { parents: [otherParent] });
    await follow();
    await eventually(() => bosunParent("web"), (parent) => parent !== undefined, "bosun's parent after the conflict");
    expect(interfered()).toBe(true);
    expect(routeParents("web")).toEqual([otherParent, bosunParent("web")]);
    expect(statusWrites("web", "httproutes")).toBe(2);
    expect(api.requests.some((request) => request.method === "GET" && request.path === "/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/web")).toBe(true);
  });
});
