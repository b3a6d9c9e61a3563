import { printRoute } from "@bosun/eskip";
import { KubernetesSource, kubeConfigFor } from "@bosun/cluster";
import { defaultCompileOptions, type CompileOptions } from "@bosun/kube";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RecordingSink } from "../../packages/cluster/test/recording-sink.ts";
import { endpoints, endpointSlice, gateway, gatewayClass, httpRoute, ingress, labelledNamespace, routeGroup, service } from "../k8s-api/objects.ts";
import { gatewayApiKinds } from "../k8s-api/resources.ts";
import { TestApiServer } from "../k8s-api/server.ts";

let api: TestApiServer;
let source: KubernetesSource | undefined;
beforeEach(async () => {
  api = await TestApiServer.start({ bookmarkMs: 100 });
  api.installCrd("RouteGroup");
});
afterEach(async () => {
  await source?.close();
  source = undefined;
  await api.stop();
});

const fast = { backoffBaseMs: 20, backoffMaxMs: 100, missingRetryMs: 100, requestTimeoutMs: 2_000 };

function follow(options: Partial<CompileOptions> = {}, namespace?: string): { source: KubernetesSource; sink: RecordingSink } {
  source = new KubernetesSource({
    config: kubeConfigFor({ from: "url", url: api.url }),
    compileOptions: { ...defaultCompileOptions, ...options },
    ...(namespace ? { namespace } : {}),
    quietMs: 20,
    maxDelayMs: 200,
    timing: fast,
  });
  return { source, sink: new RecordingSink() };
}

const printed = (sink: RecordingSink) => sink.last.routes.map((route) => printRoute(route));

/** Waits until the last snapshot's routes satisfy `done`, or fails after 5 s. */
async function until(sink: RecordingSink, done: (routes: string[]) => boolean): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (sink.snapshots.length > 0 && done(printed(sink))) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`not reached; last routes: ${sink.snapshots.length > 0 ? printed(sink).join(" | ") : "no snapshot"}`);
}

/** What a cluster without the Gateway API (every Skipper user's) says of it: news, not a warning. */
const gatewayApiMissing = gatewayApiKinds.map((kind) => ({ level: "info", code: "crd_missing", place: { kind: "other", what: expect.stringMatching(new RegExp(`^${kind} \\(`)) } }));

/** The Gateway API installed, bosun's GatewayClass, the Gateway shop/gw, and an HTTPRoute on it to shop/cart. */
function seedGateway(allowedRoutes?: Record<string, unknown>): void {
  for (const kind of gatewayApiKinds) api.installCrd(kind);
  api.apply(gatewayClass("bosun", defaultCompileOptions.gatewayControllerName));
  api.apply(gateway("shop", "gw", "bosun", 8080, allowedRoutes));
  api.apply(httpRoute("shop", "web", "gw", "/app", "cart"));
}

function seedShop(): void {
  api.apply(service("shop", "cart", 9001));
  api.apply(endpoints("shop", "cart", 9001));
  api.apply(routeGroup("shop", "cart", "/cart", "cart"));
}

describe("the Kubernetes source, against an API server over HTTP", () => {
  it("lists every kind, then delivers the compiled routes once all are synced, each placed at its object", async () => {
    seedShop();
    api.apply(ingress("shop", "account", "/account", "cart"));
    const { source, sink } = follow();
    await source.start(sink);
    expect(sink.snapshots).toHaveLength(1);
    expect(printed(sink).sort()).toEqual(['PathSubtree("/account") -> "http://127.0.0.1:9001"', 'PathSubtree("/cart") -> "http://127.0.0.1:9001"']);
    expect(sink.last.routes.find((route) => route.id.includes("rg__"))?.origin).toMatchObject({ kind: "object", objectKind: "RouteGroup", namespace: "shop", name: "cart" });
    expect(sink.last.inputs).toEqual({ total: 4, invalid: 0 });
    const paths = api.requests.filter((request) => request.query.get("watch") !== "true").map((request) => request.path);
    expect(paths).toEqual(expect.arrayContaining(["/apis/zalando.org/v1/routegroups", "/apis/networking.k8s.io/v1/ingresses", "/api/v1/services", "/api/v1/endpoints"]));
  });

  it("follows objects created, changed and deleted through watches", async () => {
    seedShop();
    const { source, sink } = follow();
    await source.start(sink);
    api.apply(service("shop", "docs", 9002));
    api.apply(endpoints("shop", "docs", 9002));
    api.apply(routeGroup("shop", "docs", "/docs", "docs"));
    await until(sink, (routes) => routes.includes('PathSubtree("/docs") -> "http://127.0.0.1:9002"'));
    api.apply(endpoints("shop", "docs", 9002, "127.0.0.3"));
    await until(sink, (routes) => routes.includes('PathSubtree("/docs") -> "http://127.0.0.3:9002"'));
    api.remove("RouteGroup", "shop", "docs");
    await until(sink, (routes) => routes.length === 1);
    expect(printed(sink)).toEqual(['PathSubtree("/cart") -> "http://127.0.0.1:9001"']);
  });

  it("reads big collections in pages, with limit and continue", async () => {
    for (let i = 0; i < 1_200; i++) api.apply(service("many", `s${i}`, 9000));
    seedShop();
    const { source, sink } = follow();
    await source.start(sink);
    const pages = api.requests.filter((request) => request.path === "/api/v1/services" && request.query.get("watch") === null);
    expect(pages.map((request) => request.query.get("limit"))).toEqual(["500", "500", "500"]);
    expect(pages.slice(1).every((request) => request.query.get("continue") !== null)).toBe(true);
    expect(sink.last.inputs.total).toBe(1_203);
  });

  it("watches from the list's resourceVersion, asks for bookmarks, and only the kinds the options read", async () => {
    seedShop();
    api.apply(endpointSlice("shop", "cart", 9001, "127.0.0.5"));
    const { source, sink } = follow({ endpointSlices: true });
    await source.start(sink);
    expect(printed(sink)).toEqual(['PathSubtree("/cart") -> "http://127.0.0.5:9001"']);
    // Each watch starts once its list is in: they may come a moment after the first snapshot.
    const watchRequests = () => api.requests.filter((request) => request.query.get("watch") === "true");
    for (let i = 0; i < 100 && watchRequests().length < 5; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const watches = watchRequests();
    // The Gateway API kinds, whose CRDs this cluster lacks, are looked for with lists, not watched.
    expect(watches.map((request) => request.path).sort()).toEqual(["/api/v1/namespaces", "/api/v1/services", "/apis/discovery.k8s.io/v1/endpointslices", "/apis/networking.k8s.io/v1/ingresses", "/apis/zalando.org/v1/routegroups"]);
    for (const watch of watches) {
      expect(watch.query.get("allowWatchBookmarks")).toBe("true");
      expect(Number(watch.query.get("resourceVersion"))).toBeGreaterThan(1000);
    }
  });

  it("lists only the namespace it is given", async () => {
    seedShop();
    api.apply(service("other", "x", 9009));
    api.apply(endpoints("other", "x", 9009));
    api.apply(routeGroup("other", "x", "/x", "x"));
    const { source, sink } = follow({}, "shop");
    await source.start(sink);
    expect(printed(sink)).toEqual(['PathSubtree("/cart") -> "http://127.0.0.1:9001"']);
    expect(api.requests.some((request) => request.path === "/apis/zalando.org/v1/namespaces/shop/routegroups")).toBe(true);
  });

  it("asks the API server for the objects the label selectors choose, RouteGroups among them, and follows only those", async () => {
    const labelled = <T extends { metadata: object }>(object: T, labels: Record<string, string>): T => ({ ...object, metadata: { ...object.metadata, labels } });
    api.apply(service("shop", "cart", 9001));
    api.apply(endpoints("shop", "cart", 9001));
    api.apply(labelled(routeGroup("shop", "chosen", "/chosen", "cart"), { team: "shop", tier: "1" }));
    api.apply(labelled(routeGroup("shop", "other-team", "/other-team", "cart"), { team: "other", tier: "1" }));
    api.apply(routeGroup("shop", "unlabelled", "/unlabelled", "cart"));
    api.apply(labelled(ingress("shop", "chosen-ingress", "/chosen-ingress", "cart"), { edge: "yes" }));
    api.apply(ingress("shop", "unlabelled-ingress", "/unlabelled-ingress", "cart"));
    const { source, sink } = follow({ routeGroupsLabelSelector: { team: "shop", tier: "1" }, ingressLabelSelector: { edge: "yes" } });
    await source.start(sink);
    expect(printed(sink).sort()).toEqual(['PathSubtree("/chosen") -> "http://127.0.0.1:9001"', 'PathSubtree("/chosen-ingress") -> "http://127.0.0.1:9001"']);
    const routeGroupLists = api.requests.filter((request) => request.path === "/apis/zalando.org/v1/routegroups");
    expect(routeGroupLists.length).toBeGreaterThan(0);
    for (const request of routeGroupLists) expect(request.query.get("labelSelector")).toBe("team=shop,tier=1");
    api.apply(labelled(routeGroup("shop", "joins", "/joins", "cart"), { team: "shop", tier: "1" }));
    api.apply(labelled(routeGroup("shop", "unchosen", "/unchosen", "cart"), { team: "shop" }));
    await until(sink, (routes) => routes.includes('PathSubtree("/joins") -> "http://127.0.0.1:9001"'));
    expect(printed(sink).some((route) => route.includes("/unchosen"))).toBe(false);
  });

  it("resumes a watch that was cut, and catches up on what changed meanwhile", async () => {
    seedShop();
    const { source, sink } = follow();
    await source.start(sink);
    api.cutWatches();
    api.apply(endpoints("shop", "cart", 9001, "127.0.0.7"));
    await until(sink, (routes) => routes.includes('PathSubtree("/cart") -> "http://127.0.0.7:9001"'));
  });

  it("lists anew after 410 Gone, when its resourceVersion was compacted away", async () => {
    seedShop();
    const { source, sink } = follow();
    await source.start(sink);
    const listsBefore = api.requests.filter((request) => request.path === "/api/v1/endpoints" && request.query.get("watch") === null).length;
    api.store.compact();
    api.cutWatches();
    api.apply(endpoints("shop", "cart", 9001, "127.0.0.8"));
    await until(sink, (routes) => routes.includes('PathSubtree("/cart") -> "http://127.0.0.8:9001"'));
    const listsAfter = api.requests.filter((request) => request.path === "/api/v1/endpoints" && request.query.get("watch") === null).length;
    expect(listsAfter).toBeGreaterThan(listsBefore);
  });

  it("starts unsynced while the API is down, reports the failure, and syncs once it is up", async () => {
    seedShop();
    await api.stop();
    const { source, sink } = follow();
    await source.start(sink);
    expect(sink.snapshots).toHaveLength(0);
    expect(sink.deliveries[0]).toMatchObject({ failed: [{ level: "error", code: "api_error" }] });
    await api.resume();
    await until(sink, (routes) => routes.length === 1);
  });

  it("keeps the objects last seen while the API is gone, and follows again when it is back", async () => {
    seedShop();
    const { source, sink } = follow();
    await source.start(sink);
    await api.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(printed(sink)).toEqual(['PathSubtree("/cart") -> "http://127.0.0.1:9001"']);
    expect(sink.deliveries.some((delivery) => "failed" in delivery)).toBe(true);
    await api.resume();
    api.apply(endpoints("shop", "cart", 9001, "127.0.0.4"));
    await until(sink, (routes) => routes.includes('PathSubtree("/cart") -> "http://127.0.0.4:9001"'));
  });

  it("works through a slow API", async () => {
    seedShop();
    api.latencyMs = 150;
    const { source, sink } = follow();
    await source.start(sink);
    expect(printed(sink)).toEqual(['PathSubtree("/cart") -> "http://127.0.0.1:9001"']);
  });

  it("leaves a malformed object out with a problem at its field, and serves every other", async () => {
    seedShop();
    api.apply({ apiVersion: "zalando.org/v1", kind: "RouteGroup", metadata: { namespace: "shop", name: "broken" }, spec: { backends: "not a list", routes: [{ path: "/b" }] } });
    const { source, sink } = follow();
    await source.start(sink);
    expect(printed(sink)).toEqual(['PathSubtree("/cart") -> "http://127.0.0.1:9001"']);
    expect(sink.last.problems).toMatchObject([...gatewayApiMissing, { level: "error", code: "invalid_object", place: { objectKind: "RouteGroup", namespace: "shop", name: "broken", fieldPath: "spec.backends" } }]);
    expect(sink.last.inputs.invalid).toBe(1);
  });

  it("serves the rest when the RouteGroup CRD is missing, says so once, and picks it up when installed", async () => {
    api.uninstallCrd("RouteGroup");
    api.apply(service("shop", "cart", 9001));
    api.apply(endpoints("shop", "cart", 9001));
    api.apply(ingress("shop", "account", "/account", "cart"));
    const { source, sink } = follow();
    await source.start(sink);
    expect(printed(sink)).toEqual(['PathSubtree("/account") -> "http://127.0.0.1:9001"']);
    expect(sink.last.problems).toMatchObject([{ level: "warning", code: "crd_missing", place: { what: expect.stringMatching(/^RouteGroup /) } }, ...gatewayApiMissing]);
    api.installCrd("RouteGroup");
    api.apply(routeGroup("shop", "cart", "/cart", "cart"));
    await until(sink, (routes) => routes.length === 2);
    expect(sink.last.problems).toMatchObject(gatewayApiMissing);
    expect(sink.deliveries.some((delivery) => "failed" in delivery)).toBe(false);
  });

  it("serves a Gateway's HTTPRoutes on its listener, and names the listener in the snapshot", async () => {
    seedShop();
    seedGateway();
    const { source, sink } = follow();
    await source.start(sink);
    const served = printed(sink).find((route) => route.includes('Listener("shop/gw", "http")'));
    expect(served).toContain("PathRegexp(/^\\/app(\\/|$)/)");
    expect(served).toContain('<roundRobin, "http://127.0.0.1:9001">');
    expect(sink.last.gatewayListeners).toEqual([{ key: "shop/gw/http", gateway: "shop/gw", port: 8080, protocol: "HTTP", hostname: undefined }]);
    expect(sink.last.problems).toEqual([]);
  });

  it("serves the rest while the Gateway API CRDs are missing, and picks them up when installed", async () => {
    seedShop();
    const { source, sink } = follow();
    await source.start(sink);
    expect(printed(sink)).toEqual(['PathSubtree("/cart") -> "http://127.0.0.1:9001"']);
    expect(sink.last.problems).toMatchObject(gatewayApiMissing);
    expect(sink.last.gatewayListeners).toEqual([]);
    seedGateway();
    await until(sink, (routes) => routes.some((route) => route.includes('Listener("shop/gw", "http")')));
    expect(sink.last.problems).toEqual([]);
    expect(sink.last.gatewayListeners).toMatchObject([{ key: "shop/gw/http" }]);
    expect(sink.deliveries.some((delivery) => "failed" in delivery)).toBe(false);
  });

  it("follows cluster-scoped kinds cluster-wide while it follows one namespace: GatewayClasses, and the Namespaces a listener selects by label", async () => {
    seedShop();
    api.apply(labelledNamespace("shop", { edge: "yes" }));
    seedGateway({ namespaces: { from: "Selector", selector: { matchLabels: { edge: "yes" } } } });
    const { source, sink } = follow({}, "shop");
    await source.start(sink);
    expect(printed(sink).filter((route) => route.includes('Listener("shop/gw", "http")'))).toHaveLength(1);
    expect(sink.last.problems).toEqual([]);
    const paths = new Set(api.requests.map((request) => request.path));
    for (const path of ["/apis/gateway.networking.k8s.io/v1/gatewayclasses", "/api/v1/namespaces", "/apis/gateway.networking.k8s.io/v1/namespaces/shop/gateways", "/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes"]) {
      expect(paths).toContain(path);
    }
  });

  it("makes one snapshot, or a few, of a burst of 1,000 changes", async () => {
    seedShop();
    const { source, sink } = follow();
    await source.start(sink);
    const before = sink.snapshots.length;
    for (let i = 0; i < 1_000; i++) api.apply(service("burst", `s${i}`, 9000));
    await until(sink, () => sink.last.inputs.total === 1_003);
    expect(sink.snapshots.length - before).toBeLessThanOrEqual(5);
  });
});
