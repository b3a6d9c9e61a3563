import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CaseResult } from "./run-case.ts";

/**
 * `KNOWN-GAPS.md`: the conformance cases expected to fail, one list line each,
 * `- routegroups/convert/foo: reason`. Any other line is prose and is kept as written.
 * The conformance test fails when the failing cases differ from this list in either direction.
 */

export const knownGapsFile = join(dirname(fileURLToPath(import.meta.url)), "KNOWN-GAPS.md");

const entryLine = /^- ([^\s:]+): (.*)$/;

export interface KnownGaps {
  /** Case name to reason, in file order. */
  readonly entries: Map<string, string>;
  /** Lines that are not entries (the title and prose before the list). */
  readonly prose: readonly string[];
  /** Malformed or repeated entries. */
  readonly problems: readonly string[];
}

export function parseKnownGaps(text: string): KnownGaps {
  const entries = new Map<string, string>();
  const prose: string[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const entry = entryLine.exec(line);
    if (entry === null) {
      if (line.startsWith("- ")) problems.push(`line ${index + 1}: not "- <case>: <reason>": ${line}`);
      else if (entries.size === 0) prose.push(line);
      return;
    }
    const [, name, reason] = entry as unknown as [string, string, string];
    if (entries.has(name)) problems.push(`line ${index + 1}: ${name} is listed twice`);
    entries.set(name, reason);
  });
  return { entries, prose, problems };
}

export function readKnownGaps(): KnownGaps {
  return parseKnownGaps(readFileSync(knownGapsFile, "utf8"));
}

export interface GapDifferences {
  /** Failing, but not listed: a regression (or a new case). */
  readonly unexpectedFailures: readonly CaseResult[];
  /** Listed, but passing: the list must be updated. */
  readonly nowPassing: readonly string[];
  /** Listed, but no such case. */
  readonly unknown: readonly string[];
}

export function compareWithKnownGaps(results: readonly CaseResult[], gaps: KnownGaps): GapDifferences {
  const names = new Set(results.map((result) => result.name));
  return {
    unexpectedFailures: results.filter((result) => !result.passed && !gaps.entries.has(result.name)),
    nowPassing: results.filter((result) => result.passed && gaps.entries.has(result.name)).map((result) => result.name),
    unknown: [...gaps.entries.keys()].filter((name) => !names.has(name)),
  };
}

const defaultProse = [
  "# Known conformance gaps",
  "",
  "The Skipper conformance cases (`test/conformance/`) that are expected to fail, one per line as",
  "`- <set>/<case>: <reason>`. `conformance.test.ts` fails when a case fails that is not listed here,",
  "and when a listed case passes or does not exist, so this list always says exactly what is missing.",
  "`corepack pnpm conformance` prints every failing case with its reasons;",
  "`corepack pnpm conformance --update-known-gaps` rewrites this list from a run, keeping the reasons",
  "of cases still failing.",
  "",
];

/** The list for a run: failing cases in run order, each with its old reason or `newReason`; the prose kept. */
export function renderKnownGaps(results: readonly CaseResult[], previous: KnownGaps | undefined, newReason: string): string {
  const prose = previous !== undefined && previous.prose.some((line) => line !== "") ? [...previous.prose] : defaultProse;
  while (prose.length > 0 && prose[prose.length - 1] === "") prose.pop();
  const entries = results
    .filter((result) => !result.passed)
    .map((result) => `- ${result.name}: ${previous?.entries.get(result.name) ?? newReason}`);
  return [...prose, "", ...entries, ""].join("\n");
}

export function writeKnownGaps(text: string): void {
  writeFileSync(knownGapsFile, text);
}
