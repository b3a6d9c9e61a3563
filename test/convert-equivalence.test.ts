import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeProblem, parse } from "@bosun/eskip";
import {
  clusterStateFrom,
  compileCluster,
  compileOptionsFromYaml,
  emptyClusterState,
  ingressToRouteGroup,
  manifestsYaml,
  objectsFromYaml,
  validateObjects,
  type ClusterState,
  type CompileOptions,
  type KubeObject,
  type Schema,
} from "@bosun/kube";
import { parse as parseYaml } from "yaml";
import { discoverCases } from "./conformance/cases.ts";
import { behaviourDifferences, type Difference } from "./convert-equivalence/behaviour.ts";
import { expectedDifferences } from "./convert-equivalence/expected-differences.ts";
import { filesBelow, repoRoot, skipperConformance } from "./support/shared.ts";

/**
 * `bosun convert ingress` keeps the routing: for each Ingress case of Skipper's corpus and each
 * Ingress example, the cluster state is compiled as it is, and again with every Ingress replaced
 * by its RouteGroup (printed as YAML and read back, as a user would apply it). The two route
 * tables must do the same per host (behaviour.ts), except where expected-differences.ts says
 * why they cannot.
 */

interface Fixture {
  readonly name: string;
  readonly yaml: string;
  readonly options: CompileOptions;
}

interface Outcome {
  readonly name: string;
  readonly routeGroups: readonly KubeObject[];
  readonly differences: readonly Difference[];
  /** `ingress/<name>: <field path>: <reason>` for each problem the converter reported. */
  readonly converter: readonly string[];
}

// Without the corpus the examples still run.
const corpusDir = skipperConformance("Ingress to RouteGroup conversion of Skipper's Ingress cases");

async function fixtures(): Promise<Fixture[]> {
  const corpus = corpusDir === undefined ? [] : await discoverCases(corpusDir);
  const cases = corpus.filter((fixture) => fixture.set.startsWith("ingressV1/"));
  const examples = filesBelow(join(repoRoot, "examples/ingress"), ".yaml");
  return [
    ...cases.map((fixture) => ({ name: fixture.name, yaml: fixture.yaml, options: { ...compileOptionsFromYaml(fixture.kube ?? "").options, defaultFilters: fixture.defaultFilters } })),
    ...examples.map((file) => ({ name: file.slice(repoRoot.length + 1), yaml: readFileSync(file, "utf8"), options: compileOptionsFromYaml("").options })),
  ];
}

/** The state with each Ingress replaced by its RouteGroup, and what the converter reported. */
function converted(state: ClusterState, options: CompileOptions): { state: ClusterState; routeGroups: KubeObject[]; converter: string[] } {
  const routeGroups: KubeObject[] = [];
  const converter: string[] = [];
  for (const ingress of state.ingresses) {
    const conversion = ingressToRouteGroup(ingress, state, { externalNamePreserveHost: options.externalNamePreserveHost });
    converter.push(...conversion.problems.map((problem) => `ingress/${ingress.metadata.name}: ${problem.fieldPath}: ${problem.reason}`));
    if (conversion.routeGroup === undefined) continue;
    const readBack = objectsFromYaml(manifestsYaml([conversion.routeGroup]));
    converter.push(...readBack.problems.map((problem) => `the printed RouteGroup does not read back: ${problem}`));
    routeGroups.push(...readBack.objects);
  }
  return { state: { ...state, ingresses: [], routeGroups: [...state.routeGroups, ...routeGroups] }, routeGroups, converter };
}

function outcome(fixture: Fixture): Outcome {
  const state = clusterStateFrom(objectsFromYaml(fixture.yaml).objects);
  const original = compileCluster(state, fixture.options);
  const conversion = converted(state, fixture.options);
  const replaced = compileCluster(conversion.state, fixture.options);
  const differences = behaviourDifferences(original.routes, replaced.routes);
  return { name: fixture.name, routeGroups: conversion.routeGroups, differences, converter: conversion.converter };
}

function kindsOf(result: Outcome): string[] {
  const kinds = new Set<string>(result.differences.map((difference) => difference.kind));
  if (result.converter.length > 0) kinds.add("converter");
  return [...kinds].sort();
}

function expectedKinds(name: string): string[] {
  return [...new Set(expectedDifferences.filter((entry) => entry.cases.includes(name)).map((entry) => entry.kind))].sort();
}

function explain(result: Outcome): string {
  const lines = [...result.converter.map((line) => `converter: ${line}`), ...result.differences.map((d) => `${d.kind}: ${d.side} for ${d.host}: ${d.printed}`)];
  return `${result.name}\n  ${lines.join("\n  ")}`;
}

describe("Ingress to RouteGroup conversion keeps the routing", async () => {
  const all = await fixtures();
  const results = all.map(outcome);

  it.skipIf(corpusDir === undefined)("runs every Ingress case of the corpus and every Ingress example", () => {
    // conformance README, "Layout and counts": 99 ingressV1 cases; examples/ingress has 4.
    expect(all.length).toBe(103);
    expect(expectedDifferences.flatMap((entry) => entry.cases).filter((name) => !all.some((fixture) => fixture.name === name))).toEqual([]);
    expect(results.reduce((count, result) => count + result.routeGroups.length, 0)).toBeGreaterThan(100);
  });

  it("makes RouteGroups that the CRD's schema and Skipper's validation admit", () => {
    const crd = parseYaml(readFileSync(join(repoRoot, "crds/routegroups.zalando.org.yaml"), "utf8")) as { spec: { versions: Array<{ schema: { openAPIV3Schema: Schema } }> } };
    const schema = crd.spec.versions[0]!.schema.openAPIV3Schema;
    const violations = results.flatMap((result) =>
      validateObjects({ ...emptyClusterState, routeGroups: result.routeGroups }, schema).problems.map((problem) => `${result.name}: ${describeProblem(problem)}`),
    );
    expect(violations).toEqual([]);
  });

  it.each(results.map((result) => [result.name, result] as const))("%s: differs only as listed", (_name, result) => {
    expect(kindsOf(result), explain(result)).toEqual(expectedKinds(result.name));
  });

  it("reports how many cases route exactly alike", () => {
    const alike = results.filter((result) => result.differences.length === 0);
    const inherent = new Set(["catch-all", "default-backend", "redirect", "east-west", "never-matches", "host-weight"]);
    const structural = results.filter((result) => result.differences.length > 0 && result.differences.every((d) => inherent.has(d.kind)));
    console.log(
      [
        `Ingress -> RouteGroup equivalence over ${results.length} cases:`,
        `  ${alike.length} route exactly alike (${alike.filter((result) => result.converter.length > 0).length} of them with a converter caveat or problem)`,
        `  ${structural.length} differ only where RouteGroups and Ingresses differ by design (catch-alls, default backend, redirects, east-west, Traffic(0), Host weight)`,
        `  ${results.length - alike.length - structural.length} differ in behaviour, for the reasons in expected-differences.ts`,
      ].join("\n"),
    );
    expect(alike.length + structural.length).toBeGreaterThan(0);
  });
});

describe("the behaviour comparison", () => {
  const kinds = (ingress: string, routeGroup: string) => behaviourDifferences(parse(ingress), parse(routeGroup)).map((d) => `${d.kind} ${d.side} ${d.host}`);
  const a = 'Host("^(a[.]org[.]?(:[0-9]+)?)$")';
  const b = 'Host("^(b[.]org[.]?(:[0-9]+)?)$")';
  const ab = 'Host("^(a[.]org[.]?(:[0-9]+)?|b[.]org[.]?(:[0-9]+)?)$")';

  it("reads one Host regexp of several hosts as a route per host, ids aside", () => {
    expect(kinds(`i1: ${a} && Path("/x") -> "http://s"; i2: ${b} && Path("/x") -> "http://s";`, `r: Path("/x") && ${ab} -> "http://s";`)).toEqual([]);
  });

  it("takes the common hosts of several Host regexps, and tells the extra regexp apart", () => {
    expect(kinds(`i: ${a} -> "http://s";`, `r: ${ab} && ${a} -> "http://s";`)).toEqual(["host-weight missing a.org"]);
  });

  it("finds differing filters, backends and predicates, both ways", () => {
    expect(kinds(`i: ${a} -> setPath("/") -> "http://s";`, `r: ${a} -> "http://s";`)).toEqual(["behaviour missing a.org", "behaviour extra a.org"]);
    expect(kinds(`i: ${a} && Traffic(0.5) -> "http://s";`, `r: ${a} && Traffic(0.25) -> "http://s";`)).toHaveLength(2);
  });

  it("names the differences Ingresses and RouteGroups have by design", () => {
    expect(kinds(`kube___catchall__a_org____: ${a} -> <shunt>;`, "")).toEqual(["catch-all missing a.org"]);
    expect(kinds("", `r: ${a} && Traffic(0) -> "http://s";`)).toEqual(["never-matches extra "]);
    expect(kinds("", `kube_rg__ns__n__all__0_0_https_redirect: ${a} -> <shunt>;`)).toEqual(["redirect extra a.org"]);
  });
});
