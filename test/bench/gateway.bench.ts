import { clusterStateFrom, compileCluster, defaultCompileOptions, objectsFromYaml, type KubeObject } from "@bosun/kube";
import { bosunGateway } from "../support/gateway-manifests.ts";
import { measure } from "./measure.ts";
import { formatTable } from "./table.ts";

/**
 * `corepack pnpm bench:gateway`: the compile time of a cluster of N HTTPRoutes on one shared
 * Gateway (each with two rules: a path split 80/20 over two Services and a header-matched rule
 * with a header filter), beside the baseline of the same cluster's routing as N RouteGroups
 * (a path split 80/20 and a header-matched route), which Skipper's compiler has done for years.
 *
 * Env: BENCH_SIZES (1000,5000).
 */

const sizes = (process.env["BENCH_SIZES"] ?? "1000,5000").split(",").map(Number);

function services(count: number): string {
  return Array.from({ length: count }, (_, i) => `---
apiVersion: v1
kind: Service
metadata: {namespace: team-${i % 20}, name: svc-${i}}
spec: {type: ClusterIP, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Endpoints
metadata: {namespace: team-${i % 20}, name: svc-${i}}
subsets: [{addresses: [{ip: 10.1.${Math.floor(i / 250)}.${i % 250}}], ports: [{port: 8080}]}]
`).join("");
}

function httpRoutes(count: number): string {
  const gateway = bosunGateway("infra", "shared");
  const routes = Array.from({ length: count }, (_, i) => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {namespace: team-${i % 20}, name: app-${i}, creationTimestamp: "2026-01-01T00:00:${String(i % 60).padStart(2, "0")}Z"}
spec:
  parentRefs: [{name: shared, namespace: infra}]
  hostnames: [app-${i}.example.org]
  rules:
  - matches: [{path: {type: PathPrefix, value: /api/v${i % 3}}}]
    backendRefs: [{name: svc-${i}, port: 80, weight: 80}, {name: svc-${(i + 20) % count}, port: 80, weight: 20}]
  - matches: [{path: {type: PathPrefix, value: /}, headers: [{name: x-canary, value: "on"}]}]
    filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: X-Variant, value: canary}]}}]
    backendRefs: [{name: svc-${(i + 20) % count}, port: 80}]
`).join("");
  return gateway + routes + services(count);
}

function routeGroups(count: number): string {
  const groups = Array.from({ length: count }, (_, i) => `---
apiVersion: zalando.org/v1
kind: RouteGroup
metadata: {namespace: team-${i % 20}, name: app-${i}}
spec:
  hosts: [app-${i}.example.org]
  backends:
  - {name: main, type: service, serviceName: svc-${i}, servicePort: 80}
  - {name: canary, type: service, serviceName: svc-${(i + 20) % count}, servicePort: 80}
  routes:
  - pathSubtree: /api/v${i % 3}
    backends: [{backendName: main, weight: 80}, {backendName: canary, weight: 20}]
  - pathSubtree: /
    predicates: ['Header("X-Canary", "on")']
    filters: ['setRequestHeader("X-Variant", "canary")']
    backends: [{backendName: canary}]
`).join("");
  return groups + services(count);
}

function objectsOf(yaml: string): KubeObject[] {
  const read = objectsFromYaml(yaml);
  if (read.problems.length > 0) throw new Error(read.problems.map((problem) => problem.reason).join("\n"));
  return read.objects;
}

const rows: string[][] = [];
for (const size of sizes) {
  for (const [kind, yaml] of [["HTTPRoutes", httpRoutes(size)], ["RouteGroups (baseline)", routeGroups(size)]] as const) {
    const state = clusterStateFrom(objectsOf(yaml));
    const compiled = compileCluster(state, defaultCompileOptions);
    if (compiled.problems.length > 0) throw new Error(`${kind}: ${compiled.problems[0]!.reason}`);
    const timing = measure(() => compileCluster(state, defaultCompileOptions), { warmups: 2, maxRuns: 15, maxTotalMs: 10_000 });
    rows.push([`${size} ${kind}`, String(compiled.routes.length), timing.medianMs.toFixed(1), (timing.medianMs / size * 1000).toFixed(1)]);
  }
}
console.log(formatTable(["cluster", "routes", "compile median ms", "µs per object"], rows));
