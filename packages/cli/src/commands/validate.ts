import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { ArgsError, parseFilters, parsePredicates, printCall, type Call } from "@bosun/eskip";
import { defaultFilterRegistry } from "@bosun/filters";
import { clusterStateFrom, validateObjects, type ObjectViolation, type Schema, type ValidatedRouteGroup } from "@bosun/kube";
import { defaultPredicateRegistry } from "@bosun/routing";
import { ExitCode, UsageError, type Command } from "../command.js";
import { readManifests } from "../manifests.js";

/** The RouteGroup CRD of this repository: its schema is what the API server would check. */
const crdFile = new URL("../../../../crds/routegroups.zalando.org.yaml", import.meta.url);

export const validateCommand: Command = {
  name: "validate",
  summary: "validate RouteGroups and Ingresses: schema, Skipper's rules, predicates and filters",
  help: `Usage: bosun validate MANIFEST|DIR...

Checks every RouteGroup and Ingress of the manifests (a directory means its *.yaml and *.yml
files) and prints one line per problem, as kubectl names objects:

  routegroup/default/my-rg: spec.routes[0].backends[0].backendName: backend "x" is not defined

RouteGroups are checked against the schema of crds/routegroups.zalando.org.yaml (as the API
server would, unknown fields included), then by Skipper's RouteGroup validation, then each
predicate and filter against bosun's registries (unknown names, arguments that do not fit).
Ingresses are checked for their zalando.org annotations.

Exit status: 0 every object is valid, 1 any problem, 2 usage error.
`,
  async run(args, io) {
    const { positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true });
    if (positionals.length === 0) throw new UsageError("validate needs at least one MANIFEST");
    const { objects, problems } = await readManifests(positionals);
    for (const problem of problems) io.stdout(`${problem}\n`);
    const state = clusterStateFrom(objects);
    const { violations, valid } = validateObjects(state, await routeGroupSchema());
    const all = [...violations, ...valid.flatMap(registryViolations)];
    for (const violation of all) io.stdout(`${describe(violation)}\n`);
    const count = state.routeGroups.length + state.ingresses.length;
    io.stderr(`${count} object${count === 1 ? "" : "s"} checked, ${all.length + problems.length} problem${all.length + problems.length === 1 ? "" : "s"}\n`);
    return all.length + problems.length > 0 ? ExitCode.problemsFound : ExitCode.ok;
  },
};

function describe(violation: ObjectViolation): string {
  const object = `${violation.kind.toLowerCase()}/${violation.namespace}/${violation.name}`;
  return violation.fieldPath === "" ? `${object}: ${violation.reason}` : `${object}: ${violation.fieldPath}: ${violation.reason}`;
}

async function routeGroupSchema(): Promise<Schema> {
  const crd = parseYaml(await readFile(crdFile, "utf8")) as { spec: { versions: Array<{ schema: { openAPIV3Schema: Schema } }> } };
  return crd.spec.versions[0]!.schema.openAPIV3Schema;
}

const predicates = defaultPredicateRegistry();
const filters = defaultFilterRegistry();

/** Skipper's "advanced" validation: each predicate and filter exists and takes its arguments. */
function registryViolations({ object, spec }: ValidatedRouteGroup): ObjectViolation[] {
  const violations: ObjectViolation[] = [];
  const at = (fieldPath: string, reason: string): ObjectViolation => ({
    kind: "RouteGroup",
    namespace: object.metadata.namespace === "" ? "default" : object.metadata.namespace,
    name: object.metadata.name,
    fieldPath,
    reason,
  });
  (spec.routes ?? []).forEach((route, i) => {
    route?.predicates.forEach((item, j) => {
      const reason = callProblem(parsePredicates(item)[0], "predicate", (name) => predicates.get(name));
      if (reason) violations.push(at(`spec.routes[${i}].predicates[${j}]`, reason));
    });
    route?.filters.forEach((item, j) => {
      const reason = callProblem(parseFilters(item)[0], "filter", (name) => filters.get(name));
      if (reason) violations.push(at(`spec.routes[${i}].filters[${j}]`, reason));
    });
  });
  return violations;
}

function callProblem(call: Call | undefined, kind: string, specOf: (name: string) => { args(raw: Call["args"]): unknown } | undefined): string | undefined {
  if (call === undefined) return undefined;
  const spec = specOf(call.name);
  if (!spec) return `${kind} "${call.name}" not found`;
  try {
    spec.args(call.args);
    return undefined;
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    return `failed to create ${kind} ${printCall(call)}: ${error.message}`;
  }
}
