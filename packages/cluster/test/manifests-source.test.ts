import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeProblem, printRoute } from "@bosun/eskip";
import { defaultCompileOptions } from "@bosun/kube";
import { afterEach, describe, expect, it } from "vitest";
import { manifestsSource, type FileSource } from "../src/index.js";
import { RecordingSink } from "./recording-sink.js";

let source: FileSource | undefined;
afterEach(async () => {
  await source?.close();
  source = undefined;
});

const service = (name: string, port: number) => `apiVersion: v1
kind: Service
metadata: {namespace: shop, name: ${name}}
spec:
  type: ClusterIP
  ports: [{port: 80, targetPort: ${port}}]
---
apiVersion: v1
kind: Endpoints
metadata: {namespace: shop, name: ${name}}
subsets: [{addresses: [{ip: 127.0.0.1}], ports: [{port: ${port}}]}]
`;

const routeGroup = (name: string, path: string, backend: string) => `apiVersion: zalando.org/v1
kind: RouteGroup
metadata: {namespace: shop, name: ${name}}
spec:
  backends: [{name: b, type: service, serviceName: ${backend}, servicePort: 80}]
  defaultBackends: [{backendName: b}]
  routes: [{path: ${path}}]
`;

function cluster(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "bosun-manifests-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("the manifests source", () => {
  it("compiles every file's objects as one cluster, each route placed at its object", async () => {
    const dir = cluster({ "services.yaml": service("v1", 9001), "routes.yml": routeGroup("shop", "/shop", "v1") });
    source = manifestsSource([dir], defaultCompileOptions, { watch: false });
    const sink = new RecordingSink();
    await source.start(sink);
    const { routes, problems, inputs } = sink.last;
    expect(routes.map((route) => printRoute(route))).toEqual(['Path("/shop") -> "http://127.0.0.1:9001"']);
    expect(routes[0]!.origin).toMatchObject({ kind: "object", objectKind: "RouteGroup", namespace: "shop", name: "shop" });
    expect(problems).toEqual([]);
    expect(inputs).toEqual({ total: 3, invalid: 0 });
  });

  it("serves only the RouteGroups the label selector chooses, as a list request with it would", async () => {
    const labelled = routeGroup("chosen", "/chosen", "v1").replace("name: chosen}", "name: chosen, labels: {team: shop}}");
    const dir = cluster({ "services.yaml": service("v1", 9001), "routes.yaml": `${labelled}---\n${routeGroup("other", "/other", "v1")}` });
    source = manifestsSource([dir], { ...defaultCompileOptions, routeGroupsLabelSelector: { team: "shop" } }, { watch: false });
    const sink = new RecordingSink();
    await source.start(sink);
    expect(sink.last.routes.map((route) => printRoute(route))).toEqual(['Path("/chosen") -> "http://127.0.0.1:9001"']);
  });

  it("leaves out an invalid object alone, with its kind, name and field path, and counts it", async () => {
    const broken = routeGroup("broken", "/broken", "v1").replace("routes: [{path: /broken}]", 'routes: [{path: /broken, filters: ["not a filter("]}]');
    const dir = cluster({ "a.yaml": `${service("v1", 9001)}---\n${routeGroup("good", "/good", "v1")}---\n${broken}` });
    source = manifestsSource([dir], defaultCompileOptions, { watch: false });
    const sink = new RecordingSink();
    await source.start(sink);
    expect(sink.last.routes.map((route) => route.id)).toEqual([expect.stringContaining("good")]);
    expect(sink.last.problems).toMatchObject([{ level: "error", code: "invalid_object", place: { kind: "object", objectKind: "RouteGroup", namespace: "shop", name: "broken", fieldPath: "spec.routes[0].filters[0]" } }]);
    expect(sink.last.inputs).toEqual({ total: 4, invalid: 1 });
  });

  it("skips a document that is not YAML, at its file:line:col, and serves the other documents", async () => {
    const dir = cluster({ "a.yaml": `${service("v1", 9001)}---\nkind: Service\nmetadata: {name: x}}\n---\n${routeGroup("good", "/good", "v1")}` });
    source = manifestsSource([dir], defaultCompileOptions, { watch: false });
    const sink = new RecordingSink();
    await source.start(sink);
    expect(sink.last.routes).toHaveLength(1);
    expect(sink.last.problems.map(describeProblem)).toEqual([`${join(dir, "a.yaml")}:14:20: Unexpected flow-map-end token in YAML stream: "}"`]);
  });

  it("names a Gateway API object of a kind it does not compile, rather than ignoring it", async () => {
    const dir = cluster({ "a.yaml": "apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata: {namespace: shop, name: web}\n" });
    source = manifestsSource([dir], defaultCompileOptions, { watch: false });
    const sink = new RecordingSink();
    await source.start(sink);
    expect(sink.last.problems).toMatchObject([{ level: "error", code: "unread_kind", place: { objectKind: "GRPCRoute", name: "web" } }]);
  });

  it("follows a file replaced by a rename, then written in place, then in a directory made later", async () => {
    const dir = cluster({ "services.yaml": service("v1", 9001), "routes.yaml": routeGroup("shop", "/shop", "v1") });
    source = manifestsSource([dir], defaultCompileOptions, { settle: { settleMs: 20 } });
    const sink = new RecordingSink();
    await source.start(sink);
    const served = () => sink.last.routes.map((route) => printRoute(route));
    // As an editor or `kubectl cp` saves: a new file renamed over the old one.
    writeFileSync(join(dir, "services.yaml.tmp"), service("v1", 9005));
    renameSync(join(dir, "services.yaml.tmp"), join(dir, "services.yaml"));
    await sink.until(2);
    expect(served()).toEqual(['Path("/shop") -> "http://127.0.0.1:9005"']);
    // Node 20's recursive watch on Linux loses a file once it is replaced: this write went unseen.
    writeFileSync(join(dir, "services.yaml"), service("v1", 9006));
    await sink.until(3);
    expect(served()).toEqual(['Path("/shop") -> "http://127.0.0.1:9006"']);
    mkdirSync(join(dir, "later"));
    writeFileSync(join(dir, "later", "more.yaml"), routeGroup("more", "/more", "v1"));
    await sink.until(4);
    expect(served()).toContain('Path("/more") -> "http://127.0.0.1:9006"');
  });

  it("follows a change to an object: the route moves to the new endpoint", async () => {
    const dir = cluster({ "services.yaml": service("v1", 9001), "routes.yaml": routeGroup("shop", "/shop", "v1") });
    source = manifestsSource([dir], defaultCompileOptions, { settle: { settleMs: 20 } });
    const sink = new RecordingSink();
    await source.start(sink);
    writeFileSync(join(dir, "services.yaml"), service("v1", 9005));
    await sink.until(2);
    expect(sink.last.routes.map((route) => printRoute(route))).toEqual(['Path("/shop") -> "http://127.0.0.1:9005"']);
  });
});
