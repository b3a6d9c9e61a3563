/**
 * A problem with one Kubernetes object: which object, where in it, and why. Problems are data
 * (STYLE.md): an invalid object never stops the others. `message` is Skipper's log message, so
 * that the conformance fixtures' `.log` expectations can match it.
 */
export interface ObjectRef {
  /** As the object names it: RouteGroup, Ingress, Service, …, or a kind bosun does not read. */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export type ProblemLevel = "error" | "warning" | "info";

export interface Problem {
  readonly level: ProblemLevel;
  readonly object: ObjectRef;
  /** The field the problem is in, as a path: `spec.routes[2].predicates[0]`; "" for the whole object. */
  readonly fieldPath: string;
  /** The reason, for people. */
  readonly reason: string;
  /** Skipper's log message for the same problem. */
  readonly message: string;
}

/** Go's strconv.Quote for the ASCII the messages hold: what logrus prints for a value with spaces or quotes. */
function goQuote(text: string): string {
  return JSON.stringify(text);
}

function logfmtValue(text: string): string {
  return /^[^\s"=\\]+$/.test(text) ? text : goQuote(text);
}

/** The problem as one logrus text line: `level=error msg="…" kind=RouteGroup name=my-rg ns=default`. */
export function logfmt(problem: Problem): string {
  const { level, message, object } = problem;
  return `level=${level} msg=${goQuote(message)} kind=${object.kind} name=${logfmtValue(object.name)} ns=${logfmtValue(object.namespace)}`;
}
