import type { Problem, RouteSnapshot, Route } from "@bosun/eskip";
import { clusterStateFrom, compileCluster, unreadKindProblems, type CompileOptions, type KubeObject, type ObjectProblem, type RouteGroupMemo } from "@bosun/kube";

/** Objects to what a snapshot holds: the compilers' routes and problems, and how many objects were invalid. */
export function compileObjects(objects: readonly KubeObject[], options: CompileOptions, memo?: RouteGroupMemo): { routes: Route[]; problems: Problem[]; inputs: RouteSnapshot["inputs"] } {
  const compiled = compileCluster(clusterStateFrom(objects), options, memo);
  const problems: ObjectProblem[] = [...unreadKindProblems(objects), ...compiled.problems];
  return { routes: compiled.routes, problems, inputs: { total: objects.length, invalid: invalidObjects(problems) } };
}

function invalidObjects(problems: readonly ObjectProblem[]): number {
  const invalid = new Set(problems.filter((problem) => problem.level === "error").map(({ place }) => `${place.objectKind}/${place.namespace}/${place.name}`));
  return invalid.size;
}
