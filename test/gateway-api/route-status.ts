import { clusterStateFrom, compileGateways, defaultCompileOptions, objectsFromYaml } from "@bosun/kube";
import type { StatusExpectation } from "./conformance-case.ts";
import { controllerName, documentsYaml, type KubeDocument } from "./manifests.ts";

/**
 * The status conditions bosun computes for a case's objects (what `bosun status` prints), held to
 * the case's expectations: per HTTPRoute parent Accepted / ResolvedRefs with their reasons, per
 * listener `attachedRoutes`. HTTPRoutes the case does not name must be Accepted with every
 * reference resolved by each of their parents.
 */

interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason: string;
  readonly observedGeneration?: number;
}

interface ParentStatus {
  readonly parentRef: { readonly name: string; readonly namespace?: string };
  readonly controllerName: string;
  readonly conditions: readonly Condition[];
}

export interface ComputedStatus {
  /** `namespace/name` of each HTTPRoute to its parents' statuses. */
  readonly routes: ReadonlyMap<string, readonly ParentStatus[]>;
  /** `namespace/name` of each Gateway to its listeners' statuses. */
  readonly gateways: ReadonlyMap<string, readonly { name: string; attachedRoutes: number }[]>;
}

export function computedStatus(documents: readonly KubeDocument[]): ComputedStatus {
  const { objects } = objectsFromYaml(documentsYaml(documents), "conformance case");
  const { statuses } = compileGateways(clusterStateFrom(objects), { ...defaultCompileOptions, endpointSlices: true, gatewayControllerName: controllerName });
  const routes = new Map<string, ParentStatus[]>();
  const gateways = new Map<string, { name: string; attachedRoutes: number }[]>();
  for (const { object, status } of statuses) {
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    if (object.kind === "HTTPRoute") routes.set(key, (status["parents"] ?? []) as unknown as ParentStatus[]);
    if (object.kind === "Gateway") gateways.set(key, (status["listeners"] ?? []) as unknown as { name: string; attachedRoutes: number }[]);
  }
  return { routes, gateways };
}

export function statusReasons(documents: readonly KubeDocument[], expectations: readonly StatusExpectation[], routesOfTest: readonly KubeDocument[]): string[] {
  const computed = computedStatus(documents);
  const reasons: string[] = [];
  const named = new Set(expectations.flatMap((expectation) => ("route" in expectation ? [expectation.route] : [])));
  for (const route of routesOfTest) {
    const key = `${route.metadata.namespace}/${route.metadata.name}`;
    if (named.has(key)) continue;
    const parents = computed.routes.get(key) ?? [];
    if (parents.length === 0) reasons.push(`HTTPRoute ${key}: no parent status`);
    for (const parent of parents) reasons.push(...conditionReasons(key, parent, { Accepted: "True", ResolvedRefs: "True" }));
  }
  for (const expectation of expectations) {
    if ("route" in expectation) {
      const parents = computed.routes.get(expectation.route) ?? [];
      const parent = expectation.parent === undefined ? parents[0] : parents.find((candidate) => parentName(expectation.route, candidate) === expectation.parent);
      if (parent === undefined) reasons.push(`HTTPRoute ${expectation.route}: no status for parent ${expectation.parent ?? "(the first)"}`);
      else reasons.push(...conditionReasons(expectation.route, parent, expectation.conditions));
    } else {
      const listener = computed.gateways.get(expectation.gateway)?.find((candidate) => candidate.name === expectation.listener);
      if (listener?.attachedRoutes !== expectation.attachedRoutes) {
        reasons.push(`Gateway ${expectation.gateway} listener ${expectation.listener}: attachedRoutes ${listener?.attachedRoutes ?? "(no status)"}, expected ${expectation.attachedRoutes}`);
      }
    }
  }
  return reasons;
}

function parentName(route: string, parent: ParentStatus): string {
  return `${parent.parentRef.namespace ?? route.slice(0, route.indexOf("/"))}/${parent.parentRef.name}`;
}

function conditionReasons(route: string, parent: ParentStatus, wanted: Readonly<Record<string, string>>): string[] {
  const reasons: string[] = [];
  for (const [type, expected] of Object.entries(wanted)) {
    const found = parent.conditions.find((condition) => condition.type === type);
    const [status, reason] = expected.split(":");
    const actual = found === undefined ? "(none)" : `${found.status}:${found.reason}`;
    if (found === undefined || found.status !== status || (reason !== undefined && found.reason !== reason)) {
      reasons.push(`HTTPRoute ${route} on ${parentName(route, parent)}: ${type} ${actual}, expected ${expected}`);
    }
  }
  return reasons;
}

/** Every condition of every parent of an HTTPRoute, with its observedGeneration. */
export function routeConditions(documents: readonly KubeDocument[], route: string): readonly Condition[] {
  return (computedStatus(documents).routes.get(route) ?? []).flatMap((parent) => parent.conditions);
}
