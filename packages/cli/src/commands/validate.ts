import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { clusterStateFrom, isInClusterState, objectName, validateObjects, type KubeObject, type ObjectName, type ObjectRouteToCheck, type ObjectViolation, type Schema } from "@bosun/kube";
import { RouteChecker, tableOptions } from "@bosun/proxy";
import type { RoutePart } from "@bosun/routing";
import { ExitCode, UsageError, type Command } from "../command.js";
import { UnreadableFiles } from "../files.js";
import { readManifests } from "../manifests.js";

/** The RouteGroup CRD of this repository: its schema is what the API server would check. */
const crdFile = new URL("../../../../crds/routegroups.zalando.org.yaml", import.meta.url);

export const validateCommand: Command = {
  name: "validate",
  summary: "validate RouteGroups and Ingresses: schema, Skipper's rules, predicates and filters",
  help: `Usage: bosun validate MANIFEST|DIR...

Checks every object of the manifests (a directory means its *.yaml and *.yml files) and
prints every problem of every object, one line each, as kubectl names objects:

  routegroup/default/my-rg: spec.routes[0].backends[0].backendName: backend "x" is not defined

RouteGroups are checked against the schema of crds/routegroups.zalando.org.yaml (as the API
server would, unknown fields included) and by Skipper's RouteGroup validation. Ingresses are
checked as the API server checks them (hosts, paths, pathType, backends, port names and
numbers), for their zalando.org annotations, and, when the manifests hold the Service a
backend names, for its port. Every predicate, filter and annotation route goes through the
check that \`bosun serve\` makes of a route (unknown names, arguments that do not fit, bad
regexps). An object of a kind or apiVersion bosun does not read is reported: an error for a
Gateway API kind or a known kind in another version, a warning for other kinds.

Exit status: 0 no errors (warnings allowed), 1 any error, 2 usage error or a file that does
not read (the other files are still validated).
`,
  async run(args, io) {
    const { positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true });
    if (positionals.length === 0) throw new UsageError("validate needs at least one MANIFEST");
    const unreadable = new UnreadableFiles("validate", io);
    const { objects, problems: readProblems } = await readManifests(positionals, unreadable);
    for (const problem of readProblems) io.stdout(`${problem}\n`);
    const state = clusterStateFrom(objects);
    const validation = validateObjects(state, await routeGroupSchema(), objects.filter((object) => !isInClusterState(object.kind)));
    const checker = new RouteChecker(tableOptions());
    const violations = inObjectOrder(objects, [...validation.violations, ...validation.routesToCheck.flatMap((toCheck) => routeViolations(checker, toCheck))]);
    for (const violation of violations) io.stdout(`${describe(violation)}\n`);
    const errors = readProblems.length + violations.filter((violation) => violation.severity === "error").length;
    const warnings = violations.length + readProblems.length - errors;
    io.stderr(`${summary(validation.checked, errors, warnings)}\n`);
    return unreadable.exitCode(errors > 0 ? ExitCode.problemsFound : ExitCode.ok);
  },
};

const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

function summary(checked: number, errors: number, warnings: number): string {
  const text = `${counted(checked, "object")} checked, ${counted(errors, "problem")}`;
  return warnings === 0 ? text : `${text}, ${counted(warnings, "warning")}`;
}

const objectKey = (object: ObjectName) => `${object.kind.toLowerCase()}/${object.namespace}/${object.name}`;

/** Each object's problems together, the objects in the order of the manifests. */
function inObjectOrder(objects: readonly KubeObject[], violations: readonly ObjectViolation[]): ObjectViolation[] {
  const order = new Map<string, number>();
  for (const object of objects) {
    const key = objectKey(objectName(object));
    if (!order.has(key)) order.set(key, order.size);
  }
  const rank = (violation: ObjectViolation) => order.get(objectKey(violation)) ?? order.size;
  return [...violations].sort((a, b) => rank(a) - rank(b));
}

function describe(violation: ObjectViolation): string {
  const object = objectKey(violation);
  const level = violation.severity === "warning" ? "warning: " : "";
  return violation.fieldPath === "" ? `${object}: ${level}${violation.reason}` : `${object}: ${violation.fieldPath}: ${level}${violation.reason}`;
}

async function routeGroupSchema(): Promise<Schema> {
  const crd = parseYaml(await readFile(crdFile, "utf8")) as { spec: { versions: Array<{ schema: { openAPIV3Schema: Schema } }> } };
  return crd.spec.versions[0]!.schema.openAPIV3Schema;
}

/** The route check `serve` makes, its problems placed at the fields the parts came from. */
function routeViolations(checker: RouteChecker, toCheck: ObjectRouteToCheck): ObjectViolation[] {
  const fieldOf = (part: RoutePart | undefined): string | undefined => {
    if (part === undefined) return toCheck.backendField;
    if (part.kind === "backend") return toCheck.backendField;
    return (part.kind === "predicate" ? toCheck.predicateFields : toCheck.filterFields)[part.index];
  };
  return checker.problemsOf(toCheck.route).flatMap((problem) => {
    const fieldPath = fieldOf(problem.part);
    if (fieldPath === undefined) return [];
    const reason = toCheck.label === undefined ? problem.reason : `${toCheck.label}: ${problem.reason}`;
    return [{ ...toCheck.object, fieldPath, reason, severity: "error" as const }];
  });
}
