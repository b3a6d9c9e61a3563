import { printRoute, type Route } from "@bosun/eskip";
import { bosunGateway } from "../../../../test/support/gateway-manifests.ts";
import { clusterStateFrom, compileGateways, defaultCompileOptions, objectsFromYaml, type GatewayCompilation } from "../../src/index.js";

/** A GatewayClass of bosun's, a Gateway `infra/gw` with the given listeners, and the Services the cases name. */
export function cluster(listeners?: string): string {
  return `${bosunGateway("infra", "gw", listeners)}${["v1", "v2", "v3"].map((name) => service("infra", name, `10.0.1.${name.slice(1)}`)).join("")}
${service("apps", "shop", "10.0.2.1")}`;
}

/** A Service on port 8080 to target port 3000, with one ready endpoint. */
export function service(namespace: string, name: string, ip: string): string {
  return `---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${namespace}}
spec: {ports: [{port: 8080, targetPort: 3000}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: ${name}, namespace: ${namespace}}
subsets: [{addresses: [{ip: ${ip}}], ports: [{port: 3000}]}]
`;
}

export function httpRoute(name: string, spec: string, namespace = "infra", metadata = ""): string {
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: ${namespace}${metadata}}
spec:
${spec
  .split("\n")
  .map((line) => `  ${line}`)
  .join("\n")}
`;
}

export function compile(yaml: string): GatewayCompilation {
  const read = objectsFromYaml(yaml);
  if (read.problems.length > 0) throw new Error(read.problems.map((problem) => problem.reason).join("\n"));
  return compileGateways(clusterStateFrom(read.objects), defaultCompileOptions);
}

export const printed = (routes: readonly Route[]): string[] => routes.map((route) => `${route.id}: ${printRoute(route)}`);

/** The route's call of that name, or undefined. */
export const callOf = (route: Route, name: string) => [...route.predicates, ...route.filters].find((call) => call.name === name);

/** The conditions of the route's first parent, by type. */
export function parentConditions(compilation: GatewayCompilation, name: string): Record<string, { status: string; reason: string; message: string }> {
  const status = compilation.statuses.find((entry) => entry.object.kind === "HTTPRoute" && entry.object.metadata.name === name)!.status;
  const parents = status["parents"] as { conditions: { type: string; status: string; reason: string; message: string }[] }[];
  return Object.fromEntries(parents[0]!.conditions.map((entry) => [entry.type, entry]));
}
