import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, printRoutes, routesEqual, type Route } from "@bosun/eskip";
import { clusterStateFrom, compileCluster, defaultCompileOptions, logfmt, objectsFromYaml } from "@bosun/kube";
import { filesBelow, repoRoot } from "../support/shared.ts";

/**
 * The RouteGroup and Ingress examples compile to the routes written beside them
 * (`<name>.expected.eskip`, worked out by hand from skipper-semantics §5), with no problem.
 */
const manifests = [...filesBelow(join(repoRoot, "examples/routegroups"), ".yaml"), ...filesBelow(join(repoRoot, "examples/ingress"), ".yaml")];

function byId(routes: readonly Route[]): Map<string, Route> {
  return new Map(routes.map((route) => [route.id, route]));
}

describe("the Kubernetes examples", () => {
  it("has the examples the issue asks for", () => {
    expect(manifests.map((file) => basename(file)).sort()).toEqual(
      ["ab-test.yaml", "ab-test.yaml", "gradual-switch.yaml", "gradual-switch.yaml", "https-redirect.yaml", "https-redirect.yaml", "options-shunt.yaml", "options-shunt.yaml"],
    );
  });

  it.each(manifests.map((file) => [file.slice(repoRoot.length + 1), file]))("%s compiles to its expected routes", (_name, file) => {
    const loaded = objectsFromYaml(readFileSync(file, "utf8"), file);
    expect(loaded.problems).toEqual([]);
    const { routes, problems } = compileCluster(clusterStateFrom(loaded.objects), defaultCompileOptions);
    expect(problems.map(logfmt)).toEqual([]);
    const expected = byId(parse(readFileSync(file.replace(/\.yaml$/, ".expected.eskip"), "utf8")));
    const actual = byId(routes);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, route] of expected) {
      const got = actual.get(id)!;
      expect(routesEqual(got, route), `${id}\nexpected ${printRoutes([route])}\nactual   ${printRoutes([got])}`).toBe(true);
    }
  });
});
