import { clusterStateKinds, type KubeObject } from "../cluster-state.js";
import { objectPlace, objectProblem, type ObjectProblem } from "../problem.js";
import { error, warning, type FieldProblem } from "./field-problem.js";

const gatewayApiGroup = "gateway.networking.k8s.io/";

/** Older versions the API server still serves the same objects as, which the compilers read alike. */
const alsoServedAs: ReadonlyMap<string, readonly string[]> = new Map(
  ["GatewayClass", "Gateway", "HTTPRoute", "ReferenceGrant"].map((kind) => [kind, [`${gatewayApiGroup}v1beta1`]]),
);

/**
 * Why bosun reads nothing from the object, or undefined when it reads it. An object is never
 * counted silently as nothing: a kind bosun reads in another apiVersion, or a Gateway API kind
 * bosun does not compile (GRPCRoute, TLSRoute, …), is an error, since it was written to route
 * traffic; any other kind (a Deployment beside the Ingress) is a warning.
 */
export function unreadObjectProblem(object: KubeObject): FieldProblem | undefined {
  const { kind, apiVersion } = object;
  const version = clusterStateKinds.get(kind);
  if (version === apiVersion || alsoServedAs.get(kind)?.includes(apiVersion)) return undefined;
  if (version !== undefined) {
    return error("apiVersion", `${kind} is read as ${version}, not as ${JSON.stringify(apiVersion)}: the API server would not serve it so, and bosun ignores it`);
  }
  if (apiVersion.startsWith(gatewayApiGroup)) return error("kind", `${kind} is a Gateway API kind bosun does not compile (it compiles GatewayClass, Gateway, HTTPRoute and ReferenceGrant): it routes nothing`);
  return warning("kind", `${kind} (${apiVersion || "no apiVersion"}) is not a kind bosun reads: ignored`);
}

/**
 * For `bosun compile`: the objects of kinds the compilers do not read, as problems, so that none
 * is ignored without a word. A Gateway API object is an error (it was meant to route); another
 * kind is only info. The apiVersion is not held against a kind the compilers read here, as
 * Skipper's own fixtures write EndpointSlices as `v1` and Skipper reads them.
 */
export function unreadKindProblems(objects: readonly KubeObject[]): ObjectProblem[] {
  return objects.flatMap((object) => {
    if (clusterStateKinds.has(object.kind)) return [];
    const problem = unreadObjectProblem(object)!;
    const level = problem.severity === "error" ? "error" : "info";
    return [objectProblem(level, objectPlace(object, problem.fieldPath), "unread_kind", problem.reason)];
  });
}
