import { compileRe2, describeProblem, parse, type Route } from "@bosun/eskip";
import { clusterStateFrom, compileCluster, compileOptionsFromYaml, logfmt, objectsFromYaml, type Compilation } from "@bosun/kube";
import type { ConformanceCase } from "./cases.ts";
import { routeDifferences } from "./compare-routes.ts";

/**
 * One fixture case, run as Skipper's harness runs it: the cluster state and options in, one
 * compilation, its routes compared with the `.eskip` file and its problems, printed as logrus
 * lines, matched by the `.log` file's regexps (conformance README).
 */

export interface CaseResult {
  readonly name: string;
  readonly set: string;
  readonly passed: boolean;
  /** Why the case failed, each reason a line or a few; empty when it passed. */
  readonly reasons: readonly string[];
}

function compile(fixture: ConformanceCase, reasons: string[]): Compilation | undefined {
  const manifests = objectsFromYaml(fixture.yaml, fixture.yamlFile);
  const options = compileOptionsFromYaml(fixture.kube ?? "");
  reasons.push(...manifests.problems.map((problem) => `cluster state: ${describeProblem(problem)}`));
  reasons.push(...options.problems.map((problem) => `options (.kube): ${problem}`));
  try {
    return compileCluster(clusterStateFrom(manifests.objects), { ...options.options, defaultFilters: fixture.defaultFilters });
  } catch (error) {
    // The compiler reports user mistakes as problems; an exception is a bug, reported without stopping the run.
    reasons.push(`compileCluster threw: ${(error as Error).stack ?? String(error)}`);
    return undefined;
  }
}

function expectedRoutes(fixture: ConformanceCase, reasons: string[]): Route[] | undefined {
  if (fixture.eskip === undefined) return undefined;
  try {
    return parse(fixture.eskip, { source: `${fixture.name}.eskip` });
  } catch (error) {
    reasons.push(`expected routes (.eskip) do not parse: ${(error as Error).message}`);
    return undefined;
  }
}

/** Each non-empty line of the `.log` file is an RE2 regexp that must match at least one logged line. */
function logDifferences(logText: string, logged: readonly string[]): string[] {
  const reasons: string[] = [];
  for (const line of logText.split(/\r?\n/)) {
    if (line === "") continue;
    let pattern: RegExp;
    try {
      pattern = compileRe2(line);
    } catch (error) {
      reasons.push(`log expectation ${JSON.stringify(line)} is not a regexp: ${(error as Error).message}`);
      continue;
    }
    if (!logged.some((loggedLine) => pattern.test(loggedLine))) reasons.push(`no log line matches ${line}`);
  }
  if (reasons.length > 0) reasons.push(`logged:${logged.length === 0 ? " nothing" : logged.map((line) => `\n  ${line}`).join("")}`);
  return reasons;
}

export function runCase(fixture: ConformanceCase): CaseResult {
  const reasons = fixture.unsupported.map((file) => `unsupported fixture file ${file}`);
  const compilation = compile(fixture, reasons);
  const expected = expectedRoutes(fixture, reasons);
  if (compilation !== undefined) {
    if (expected !== undefined) reasons.push(...routeDifferences(expected, compilation.routes));
    if (fixture.log !== undefined) reasons.push(...logDifferences(fixture.log, compilation.problems.map(logfmt)));
  }
  return { name: fixture.name, set: fixture.set, passed: reasons.length === 0, reasons };
}

/** `routegroups/convert: 12 passed, 28 failed` per set, in the order met, then the total. */
export function summaryLines(results: readonly CaseResult[]): string[] {
  const sets = new Map<string, { passed: number; failed: number }>();
  for (const result of results) {
    const counts = sets.get(result.set) ?? { passed: 0, failed: 0 };
    if (result.passed) counts.passed += 1;
    else counts.failed += 1;
    sets.set(result.set, counts);
  }
  const passed = results.filter((result) => result.passed).length;
  return [
    ...[...sets].map(([set, counts]) => `${set}: ${counts.passed} passed, ${counts.failed} failed`),
    `total: ${passed} passed, ${results.length - passed} failed (${results.length} cases)`,
  ];
}
