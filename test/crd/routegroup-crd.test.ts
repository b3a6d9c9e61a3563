import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { emptyClusterState, objectsFromYaml, validateObjects, validateSchema, type Schema } from "@bosun/kube";
import { filesBelow, repoRoot, skipperConformance } from "../support/shared.ts";

const crd = parseYaml(readFileSync(join(repoRoot, "crds/routegroups.zalando.org.yaml"), "utf8")) as {
  spec: { names: { shortNames: string[]; kind: string; plural: string }; versions: Array<{ name: string; subresources?: { status?: object }; schema: { openAPIV3Schema: Schema } }> };
};
const schema = crd.spec.versions[0]!.schema.openAPIV3Schema;

/** Every schema node below the root: a structural schema gives each one a type. */
function untypedNodes(node: Schema, path: string): string[] {
  const own = node.type === undefined ? [path] : [];
  const children = Object.entries(node.properties ?? {}).flatMap(([name, child]) => untypedNodes(child, `${path}.${name}`));
  return [...own, ...children, ...(node.items ? untypedNodes(node.items, `${path}[]`) : [])];
}

/**
 * RouteGroups of Skipper's fixtures that its own CRD rejects as well (the API server would refuse
 * or prune them), with the reason; every other fixture RouteGroup must pass the schema.
 */
const rejectedLikeSkipper: Readonly<Record<string, string>> = {
  "routegroups/convert/use-unique-methods.yaml": "lower-case methods: Skipper's CRD enum is upper-case; only its converter accepts them",
  "routegroups/convert/missing-service-1-of-2.yaml": "`backendname`: the API server prunes the unknown field, then backendName is missing",
  "routegroups/convert/use-unique-hosts.yaml": "a host listed twice: hosts is a set (x-kubernetes-list-type) in Skipper's CRD",
  "routegroups/tls/tls-no-secret.yaml": "a tls entry without secretName, which Skipper's CRD requires",
};

describe("crds/routegroups.zalando.org.yaml", () => {
  it("is a structural CRD for zalando.org/v1 RouteGroups with short names rg and rgs and a status subresource", () => {
    expect(crd.spec.names).toMatchObject({ kind: "RouteGroup", plural: "routegroups" });
    expect(crd.spec.names.shortNames).toEqual(["rg", "rgs"]);
    expect(crd.spec.versions[0]).toMatchObject({ name: "v1", subresources: { status: {} } });
    expect(untypedNodes(schema, "")).toEqual([]);
  });

  const corpusDir = skipperConformance("the CRD schema against Skipper's RouteGroup fixtures");
  const fixtures = corpusDir === undefined ? [] : filesBelow(join(corpusDir, "routegroups"), ".yaml").map((file) => [relative(corpusDir, file), file]);
  it.each(fixtures)("admits the RouteGroups of %s that Skipper admits", (name, file) => {
    const routeGroups = objectsFromYaml(readFileSync(file, "utf8")).objects.filter((object) => object.kind === "RouteGroup");
    const violations = routeGroups.flatMap((object) => validateSchema(object.body, schema).map((violation) => `${object.metadata.name}: ${violation.fieldPath}: ${violation.reason}`));
    if (name in rejectedLikeSkipper) expect(violations).not.toEqual([]);
    else expect(violations).toEqual([]);
  });

  it("admits the examples", () => {
    for (const file of filesBelow(join(repoRoot, "examples/routegroups"), ".yaml")) {
      const state = { ...emptyClusterState, routeGroups: objectsFromYaml(readFileSync(file, "utf8")).objects.filter((object) => object.kind === "RouteGroup") };
      expect(validateObjects(state, schema).problems).toEqual([]);
    }
  });
});
