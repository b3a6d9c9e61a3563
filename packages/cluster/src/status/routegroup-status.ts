import type { JsonObject, KubeObject } from "@bosun/kube";
import type { Problem } from "@bosun/eskip";

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

/** metav1.Condition. */
export interface Condition {
  readonly type: string;
  readonly status: "True" | "False";
  readonly reason: string;
  readonly message: string;
  readonly observedGeneration: number;
  readonly lastTransitionTime: string;
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
  const reason = accepted ? "Accepted" : findings.routes > 0 ? "PartiallyInvalid" : "Invalid";
  const previous = conditionsOf(current).find((condition) => condition.type === acceptedType);
  const status = accepted ? "True" : "False";
  const condition: Condition = {
    type: acceptedType,
    status,
    reason,
    message: acceptedMessage(findings, errors),
    observedGeneration: generation,
    lastTransitionTime: previous?.status === status ? previous.lastTransitionTime : now.toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
  const problems = findings.problems.slice(0, maxStatusProblems).map(statusProblem);
  return {
    ...current,
    observedGeneration: generation,
    conditions: [...conditionsOf(current).filter((each) => each.type !== acceptedType), condition] as unknown as JsonObject[],
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

/** Whether writing `wanted` would change the status the object has. */
export function statusDiffers(object: KubeObject, wanted: JsonObject): boolean {
  return canonicalJson(object.body["status"] ?? {}) !== canonicalJson(wanted);
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

/** The metadata the API server keeps (resourceVersion, generation), which the compilers do not read. */
export function serverMetadata(object: KubeObject): JsonObject {
  return asObject(object.body["metadata"]);
}

function statusProblem(problem: Problem): StatusProblem {
  return { level: problem.level, field: fieldOf(problem), code: problem.code, reason: problem.reason };
}

function fieldOf(problem: Problem): string {
  return problem.place.kind === "object" ? problem.place.fieldPath : "";
}

function conditionsOf(status: JsonObject): Condition[] {
  const conditions = status["conditions"];
  return Array.isArray(conditions) ? (conditions.filter((each) => typeof each === "object" && each !== null) as unknown as Condition[]) : [];
}

function asObject(value: unknown): JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

/** JSON with object keys sorted: the API server does not keep the order a status was written in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, each: unknown) =>
    typeof each === "object" && each !== null && !Array.isArray(each) ? Object.fromEntries(Object.entries(each).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : each,
  );
}
