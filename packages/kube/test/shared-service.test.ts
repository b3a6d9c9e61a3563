import { printRoute } from "@bosun/eskip";
import { describe, expect, it } from "vitest";
import { clusterStateFrom, compileCluster, defaultCompileOptions, objectsFromYaml } from "../src/index.js";

const routeGroup = (name: string, path: string, annotations = "{}") => `---
apiVersion: zalando.org/v1
kind: RouteGroup
metadata: {namespace: shop, name: ${name}, annotations: ${annotations}}
spec:
  backends: [{name: b, type: service, serviceName: web, servicePort: 80}]
  defaultBackends: [{backendName: b}]
  routes: [{path: ${path}}]
`;

const service = `---
apiVersion: v1
kind: Service
metadata: {namespace: shop, name: web}
spec: {type: ClusterIP, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Endpoints
metadata: {namespace: shop, name: web}
subsets: [{addresses: [{ip: 10.0.0.1}, {ip: 10.0.0.2}], ports: [{port: 8080}]}]
`;

const compiled = (yaml: string) => compileCluster(clusterStateFrom(objectsFromYaml(yaml).objects), defaultCompileOptions).routes.map((route) => printRoute(route));

describe("two RouteGroups on one Service port", () => {
  it("keep their own backend protocol: one's h2c annotation never turns the other's endpoints into h2c (skipper-semantics §5.7)", () => {
    const h2c = routeGroup("grpc", "/grpc", '{"zalando.org/skipper-backend-protocol": h2c}');
    const plain = routeGroup("web", "/web");
    const expected = ['Path("/grpc") -> <roundRobin, "h2c://10.0.0.1:8080", "h2c://10.0.0.2:8080">', 'Path("/web") -> <roundRobin, "http://10.0.0.1:8080", "http://10.0.0.2:8080">'];
    // Either object first: the compilation's endpoint cache must not hand one's scheme to the other.
    expect(compiled(h2c + plain + service).sort()).toEqual(expected);
    expect(compiled(plain + h2c + service).sort()).toEqual(expected);
  });
});
