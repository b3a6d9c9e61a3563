import { parse } from "@bosun/eskip";
import { describe, expect, it } from "vitest";
import { skipperConformance } from "../support/shared.ts";
import { discoverCases } from "./cases.ts";
import { routeDifferences } from "./compare-routes.ts";
import { compareWithKnownGaps, parseKnownGaps, readKnownGaps } from "./known-gaps.ts";
import { runCase, summaryLines } from "./run-case.ts";

/**
 * Skipper's RouteGroup and Ingress fixtures, run against `compileCluster`. Not one test per case:
 * while the compiler is incomplete that would keep CI red. Instead the failing cases must be
 * exactly those of KNOWN-GAPS.md, so a regression fails, and so does a fix the list does not
 * record yet. `corepack pnpm conformance` shows the reasons.
 */

/** The README's "Layout and counts": a guard against a discovery that silently finds less. */
const casesPerSet: Readonly<Record<string, number>> = {
  "routegroups/convert": 40,
  "routegroups/traffic": 14,
  "routegroups/backends": 3,
  "routegroups/loadbalancer-algorithm": 3,
  "routegroups/external-name": 7,
  "routegroups/annotation-predicates": 4,
  "routegroups/tls": 8,
  "ingressV1/ingress-data": 62,
  "ingressV1/traffic": 10,
  "ingressV1/named-ports": 10,
  "ingressV1/external-name": 5,
  "ingressV1/annotation-predicates": 4,
  "ingressV1/annotation-backends": 4,
  "ingressV1/service-ports": 4,
};

const corpusDir = skipperConformance("Skipper's RouteGroup and Ingress conformance cases");

describe.skipIf(corpusDir === undefined)("Skipper conformance (RouteGroups and Ingresses)", async () => {
  const cases = corpusDir === undefined ? [] : await discoverCases(corpusDir);

  it("finds every case of the corpus", () => {
    const counts: Record<string, number> = {};
    for (const fixture of cases) counts[fixture.set] = (counts[fixture.set] ?? 0) + 1;
    expect(counts).toEqual(casesPerSet);
  });

  it("fails exactly the cases listed in KNOWN-GAPS.md", () => {
    const results = cases.map(runCase);
    console.log(summaryLines(results).join("\n"));
    const gaps = readKnownGaps();
    expect(gaps.problems).toEqual([]);
    const differences = compareWithKnownGaps(results, gaps);
    const regressions = differences.unexpectedFailures.map((result) => `${result.name}:\n${result.reasons.join("\n")}`);
    expect(regressions, "failing cases not in KNOWN-GAPS.md").toEqual([]);
    expect(differences.nowPassing, "passing cases still in KNOWN-GAPS.md: remove them").toEqual([]);
    expect(differences.unknown, "KNOWN-GAPS.md names cases that do not exist").toEqual([]);
  });
});

describe("the conformance runner's own rules", () => {
  const differences = (expected: string, actual: string) => routeDifferences(parse(expected), parse(actual));

  it("compares routes by id and canonical form, ignoring endpoint order and zones", () => {
    expect(differences('a: Foo() && Path("/") -> <roundRobin, "http://x?zone=1", "http://y">', 'a: Path("/") && Foo() -> <roundRobin, "http://y", "http://x">')).toEqual([]);
  });

  it("reports missing, unexpected, repeated and differing routes", () => {
    expect(differences("a: * -> <shunt>; b: * -> <shunt>", "a: * -> <loopback>; c: * -> <shunt>; c: * -> <shunt>")).toEqual([
      'actual route id "c" appears 2 times',
      "missing 1 route: b",
      "unexpected 1 route: c",
      "route a differs:\n  expected: * -> <shunt>\n  actual:   * -> <loopback>",
    ]);
    expect(differences('a: * -> <"http://x">', 'a: * -> <roundRobin, "http://x">')).toHaveLength(1);
  });

  it("reads KNOWN-GAPS.md entries and reports malformed or repeated ones", () => {
    const gaps = parseKnownGaps("# Gaps\n\n- routegroups/convert/a: why: because\n- routegroups/convert/a: again\n- bad entry\n");
    expect([...gaps.entries]).toEqual([["routegroups/convert/a", "again"]]);
    expect(gaps.problems).toEqual(["line 4: routegroups/convert/a is listed twice", 'line 5: not "- <case>: <reason>": - bad entry']);
  });
});
