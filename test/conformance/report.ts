import { skipperConformance } from "../support/shared.ts";
import { discoverCases } from "./cases.ts";
import { compareWithKnownGaps, readKnownGaps, renderKnownGaps, writeKnownGaps, type KnownGaps } from "./known-gaps.ts";
import { runCase, summaryLines, type CaseResult } from "./run-case.ts";

/**
 * `corepack pnpm conformance`: every failing case with its reasons, the summary, and how the run
 * differs from KNOWN-GAPS.md (exit code 1 when it does). `--update-known-gaps[=reason]` rewrites the list from this run;
 * newly failing cases get the reason given (default "not yet explained").
 */

function indent(text: string): string {
  return text.replace(/^/gm, "    ");
}

function printFailures(results: readonly CaseResult[]): void {
  for (const result of results.filter((one) => !one.passed)) {
    console.log(`FAIL ${result.name}`);
    for (const reason of result.reasons) console.log(indent(reason));
  }
}

function printGapDifferences(results: readonly CaseResult[], gaps: KnownGaps): void {
  const differences = compareWithKnownGaps(results, gaps);
  for (const problem of gaps.problems) console.log(`KNOWN-GAPS.md: ${problem}`);
  for (const result of differences.unexpectedFailures) console.log(`not in KNOWN-GAPS.md, but failing: ${result.name}`);
  for (const name of differences.nowPassing) console.log(`in KNOWN-GAPS.md, but passing: ${name}`);
  for (const name of differences.unknown) console.log(`in KNOWN-GAPS.md, but no such case: ${name}`);
  const differs = [gaps.problems, differences.unexpectedFailures, differences.nowPassing, differences.unknown].some((list) => list.length > 0);
  // The same verdict as conformance.test.ts, for scripts.
  if (differs) process.exitCode = 1;
}

function readGapsIfAny(): KnownGaps | undefined {
  try {
    return readKnownGaps();
  } catch {
    return undefined;
  }
}

const corpusDir = skipperConformance("every case of `corepack pnpm conformance`");
// Without the corpus there is no report to give; 2 tells this apart from a run that differs (1).
if (corpusDir === undefined) process.exit(2);
const update = process.argv.slice(2).find((arg) => arg.startsWith("--update-known-gaps"));
const results = (await discoverCases(corpusDir)).map(runCase);
printFailures(results);
console.log(summaryLines(results).join("\n"));
const gaps = readGapsIfAny();
if (update !== undefined) {
  const reason = update.includes("=") ? update.slice(update.indexOf("=") + 1) : "not yet explained";
  writeKnownGaps(renderKnownGaps(results, gaps, reason));
  console.log("KNOWN-GAPS.md rewritten");
} else if (gaps === undefined) {
  console.log("no KNOWN-GAPS.md: run with --update-known-gaps to write it");
} else {
  printGapDifferences(results, gaps);
}
