import type { ObjectPlace, Problem, ProblemLevel } from "@bosun/eskip";
import type { KubeObject } from "./cluster-state.js";

/**
 * A problem with one Kubernetes object: bosun's one Problem shape (eskip's problem.ts), placed
 * at the object and field, with Skipper's log message beside the reason, so that the
 * conformance fixtures' `.log` expectations can match it. An invalid object never stops the others.
 */
export interface ObjectProblem extends Problem {
  readonly place: ObjectPlace;
  /** Skipper's log message for the same problem. */
  readonly message: string;
}

/** Problem codes of the compilers: a stable name for each kind of finding. */
export type ObjectProblemCode = "invalid_object" | "duplicate_route" | "unread_kind" | "invalid_route";

/** The place of a field of the object; a namespace the object left out is the API server's `default`. */
export function objectPlace(object: KubeObject, fieldPath: string, kind = object.kind): ObjectPlace {
  const namespace = object.metadata.namespace === "" ? "default" : object.metadata.namespace;
  return { kind: "object", objectKind: kind, namespace, name: object.metadata.name, fieldPath };
}

export function objectProblem(level: ProblemLevel, place: ObjectPlace, code: ObjectProblemCode, message: string): ObjectProblem {
  return { level, place, code, reason: message, message };
}

/** Go's strconv.Quote for the ASCII the messages hold: what logrus prints for a value with spaces or quotes. */
function goQuote(text: string): string {
  return JSON.stringify(text);
}

function logfmtValue(text: string): string {
  return /^[^\s"=\\]+$/.test(text) ? text : goQuote(text);
}

/** The problem as one logrus text line: `level=error msg="…" kind=RouteGroup name=my-rg ns=default`. */
export function logfmt(problem: ObjectProblem): string {
  const { level, message, place } = problem;
  return `level=${level} msg=${goQuote(message)} kind=${place.objectKind} name=${logfmtValue(place.name)} ns=${logfmtValue(place.namespace)}`;
}
