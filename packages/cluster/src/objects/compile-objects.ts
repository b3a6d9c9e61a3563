import type { GatewayListenerSpec, HostCertificate, Problem, RouteSnapshot, Route } from "@bosun/eskip";
import { clusterStateFrom, compileCluster, unreadKindProblems, type CompileOptions, type KubeObject, type ObjectProblem, type ObjectStatus, type RouteGroupMemo } from "@bosun/kube";

export interface CompiledObjects {
  readonly routes: Route[];
  readonly problems: Problem[];
  readonly inputs: RouteSnapshot["inputs"];
  readonly gatewayListeners: GatewayListenerSpec[];
  /** The Ingresses' and RouteGroups' certificates, with `kubernetes-enable-tls`. */
  readonly certificates: HostCertificate[];
  /** The Gateway API objects' status, for the status writer. */
  readonly statuses: ObjectStatus[];
}

/** Objects to what a snapshot holds: the compilers' routes and problems, the Gateway listeners, the certificates, and how many objects were invalid. */
export function compileObjects(objects: readonly KubeObject[], options: CompileOptions, memo?: RouteGroupMemo): CompiledObjects {
  const compiled = compileCluster(clusterStateFrom(objects), options, memo);
  const problems: ObjectProblem[] = [...unreadKindProblems(objects), ...compiled.problems];
  const gatewayListeners = compiled.gatewayListeners.map(({ key, gateway, port, protocol, hostname, tls }) => ({ key, gateway, port, protocol, hostname, ...(tls && { tls }) }));
  return { routes: compiled.routes, problems, inputs: { total: objects.length, invalid: invalidObjects(problems) }, gatewayListeners, certificates: compiled.certificates, statuses: compiled.statuses };
}

function invalidObjects(problems: readonly ObjectProblem[]): number {
  const invalid = new Set(problems.filter((problem) => problem.level === "error").map(({ place }) => `${place.objectKind}/${place.namespace}/${place.name}`));
  return invalid.size;
}
