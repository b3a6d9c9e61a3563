import type { JsonObject, KubeObject } from "@bosun/kube";
import type { Problem, Route } from "@bosun/eskip";
import { routeGroups } from "../kubernetes/api-resources.js";
import { conditionsJson, conditionsOf, withTransitionTimes } from "./conditions.js";
import type { StatusKind, WantedStatus } from "./status-kind.js";
import { asObject, serverMetadata } from "./status-json.js";

/** What bosun found in one RouteGroup: its problems and how many routes it serves. */
export interface RouteGroupFindings {
  readonly problems: readonly Problem[];
  readonly routes: number;
}

/** A problem as the status lists it: the field path within the object, without the object. */
export interface StatusProblem {
  readonly level: string;
  readonly field: string;
  readonly code: string;
  readonly reason: string;
}

/** An object's status stays well under etcd's object size with a few hundred problems; 20 say enough. */
export const maxStatusProblems = 20;

export const acceptedType = "Accepted";

/**
 * The status bosun wants the RouteGroup to have: the `Accepted` condition (True when no error was
 * found; False with reason Invalid when nothing of it is served, PartiallyInvalid when some routes
 * are), the problems with their field paths, and the generation they were found in. Everything
 * else in the status (another controller's loadBalancer, other conditions) is kept as it is, and
 * lastTransitionTime moves only when the condition's status does, so the same findings make the
 * same status and nothing is written.
 */
export function routeGroupStatus(object: KubeObject, findings: RouteGroupFindings, now: Date): JsonObject {
  const current = asObject(object.body["status"]);
  const generation = Number(serverMetadata(object)["generation"] ?? 0);
  const errors = findings.problems.filter((problem) => problem.level === "error");
  const accepted = errors.length === 0;
  const found = {
    type: acceptedType,
    status: accepted ? ("True" as const) : ("False" as const),
    reason: accepted ? "Accepted" : findings.routes > 0 ? "PartiallyInvalid" : "Invalid",
    message: acceptedMessage(findings, errors),
    observedGeneration: generation,
  };
  const [condition] = withTransitionTimes([found], conditionsOf(current), now, (before, after) => before.status === after.status);
  const problems = findings.problems.slice(0, maxStatusProblems).map(statusProblem);
  return {
    ...current,
    observedGeneration: generation,
    conditions: conditionsJson([...conditionsOf(current).filter((each) => each.type !== acceptedType), condition!]),
    problems: problems as unknown as JsonObject[],
  };
}

/** Whether two findings make the same status of the same object. */
export function sameFindings(a: RouteGroupFindings, b: RouteGroupFindings): boolean {
  if (a.routes !== b.routes || a.problems.length !== b.problems.length) return false;
  return a.problems.every((problem, i) => {
    const other = b.problems[i]!;
    // A RouteGroup compiled from the memo brings back the very problems it had.
    return problem === other || JSON.stringify(statusProblem(problem)) === JSON.stringify(statusProblem(other));
  });
}

function acceptedMessage(findings: RouteGroupFindings, errors: readonly Problem[]): string {
  const served = `${findings.routes} route${findings.routes === 1 ? "" : "s"} served`;
  if (errors.length === 0) {
    const warnings = findings.problems.length;
    return warnings === 0 ? served : `${served}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
  }
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length === 2 ? "" : "s"})` : "";
  const field = fieldOf(first);
  return `${served}; ${field === "" ? "" : `${field}: `}${first.reason}${more}`;
}

function statusProblem(problem: Problem): StatusProblem {
  return { level: problem.level, field: fieldOf(problem), code: problem.code, reason: problem.reason };
}

function fieldOf(problem: Problem): string {
  return problem.place.kind === "object" ? problem.place.fieldPath : "";
}

export const routeGroupStatusKind: StatusKind<RouteGroupFindings> = { resource: routeGroups, status: routeGroupStatus, sameFindings };

/**
 * What the compilers made of the RouteGroups served: their problems (by object) and routes.
 * RouteGroups not of the served class are not passed here; they are another controller's.
 */
export function routeGroupsWanted(objects: readonly KubeObject[], problems: readonly Problem[], routes: readonly Route[]): WantedStatus<RouteGroupFindings>[] {
  const problemsOf = groupBy(problems, (problem) => (problem.place.kind === "object" && problem.place.objectKind === "RouteGroup" ? `${problem.place.namespace}/${problem.place.name}` : undefined));
  const routeCounts = new Map<string, number>();
  for (const route of routes) {
    if (route.origin?.kind !== "object" || route.origin.objectKind !== "RouteGroup") continue;
    const key = `${route.origin.namespace}/${route.origin.name}`;
    routeCounts.set(key, (routeCounts.get(key) ?? 0) + 1);
  }
  return objects.map((object) => {
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    return { kind: routeGroupStatusKind, object, findings: { problems: problemsOf.get(key) ?? [], routes: routeCounts.get(key) ?? 0 } };
  });
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}
