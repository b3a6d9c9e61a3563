import { describePlace, describeProblem, type Problem } from "@bosun/eskip";
import type { Logger } from "pino";

/** One line a ProblemLog may write; `key` tells whether it was written for the last report. */
export interface ProblemLogEntry {
  readonly key: string;
  readonly level: "error" | "warn" | "info";
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

/**
 * Problems as JSON log lines, each written when it first appears rather than on every update:
 * an invalid object in a cluster must not fill the log each time another object changes.
 */
export class ProblemLog {
  private logged: ReadonlySet<string> = new Set();

  constructor(private readonly log: Logger) {}

  report(entries: Iterable<ProblemLogEntry>): void {
    const now = new Set<string>();
    for (const entry of entries) {
      now.add(entry.key);
      if (!this.logged.has(entry.key)) this.log[entry.level](entry.fields, entry.message);
    }
    this.logged = now;
  }
}

/** A problem's line: where and what, and the file or object to search by. */
export function problemEntry(problem: Problem): ProblemLogEntry {
  const { place, code } = problem;
  const fields: Record<string, unknown> = { code, where: describePlace(place) };
  if (place.kind === "file") fields["file"] = place.file;
  if (place.kind === "object") Object.assign(fields, { kind: place.objectKind, namespace: place.namespace, name: place.name, field: place.fieldPath });
  const line = describeProblem(problem);
  const level = problem.level === "error" ? "error" : problem.level === "warning" ? "warn" : "info";
  return { key: line, level, fields, message: problem.code === "invalid_route" ? `route left out: ${line}` : line };
}
