import type { ObjectOrigin, RouteOrigin } from "./ast.js";
import type { EskipParseError } from "./errors.js";

/**
 * The one shape of a problem in bosun (ARCHITECTURE.md, "Problems, not exceptions"): where, a
 * stable code, and why. Files, objects, compilers, the route table and every source report in
 * it, so `check`, `validate`, `serve` and the admin listener word a problem alike.
 */
export type ProblemLevel = "error" | "warning" | "info";

/** A place in a file: line and column count from 1; both 0 for a problem with the file as a whole. */
export interface FilePlace {
  readonly kind: "file";
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A Kubernetes object and the field in it (`spec.routes[2].predicates[0]`, "" for the whole object). */
export type ObjectPlace = ObjectOrigin;

/** A place that is neither: a URL a source reads, a command-line option. */
export interface OtherPlace {
  readonly kind: "other";
  readonly what: string;
}

export type ProblemPlace = FilePlace | ObjectPlace | OtherPlace;

export interface Problem {
  readonly level: ProblemLevel;
  readonly place: ProblemPlace;
  /** Stable across wordings, for metrics and scripts: `syntax`, `unreadable`, `invalid_route`, … */
  readonly code: string;
  /** For people, without the place. */
  readonly reason: string;
}

export function filePlace(file: string, line = 0, column = 0): FilePlace {
  return { kind: "file", file, line, column };
}

/** `file:line:col`, `file`, `RouteGroup/ns/name spec.routes[0]` or the other place as it is named. */
export function describePlace(place: ProblemPlace): string {
  switch (place.kind) {
    case "file":
      return place.line === 0 ? place.file : `${place.file}:${place.line}:${place.column}`;
    case "object": {
      const object = `${place.objectKind}/${place.namespace}/${place.name}`;
      return place.fieldPath === "" ? object : `${object} ${place.fieldPath}`;
    }
    case "other":
      return place.what;
  }
}

/** The problem in one line: `where: reason`. */
export function describeProblem(problem: Problem): string {
  return `${describePlace(problem.place)}: ${problem.reason}`;
}

/** A parse error as a problem of its file (or `<input>` for text without a name). */
export function parseProblem(error: EskipParseError): Problem {
  return {
    level: "error",
    place: filePlace(error.source ?? "<input>", error.line, error.column),
    code: error.code === "ESKIP_SYNTAX_ERROR" ? "syntax" : "invalid_route",
    reason: error.reason,
  };
}

/** Where a route was written, as a problem's place. */
export function originPlace(origin: RouteOrigin, fallbackFile = "<text>"): ProblemPlace {
  return origin.kind === "eskip" ? filePlace(origin.file ?? fallbackFile, origin.line, origin.column) : origin;
}
