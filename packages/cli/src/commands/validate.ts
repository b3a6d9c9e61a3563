import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import type { ObjectPlace } from "@bosun/eskip";
import { clusterStateFrom, defaultCompileOptions, isInClusterState, objectPlace, objectProblem, validateObjects, type KubeObject, type ObjectProblem, type ObjectRouteToCheck, type Schema } from "@bosun/kube";
import { RouteChecker, tableOptions } from "@bosun/proxy";
import type { RoutePart } from "@bosun/routing";
import { ExitCode, UsageError, type Command } from "../command.js";
import { compileOptionFlags } from "../compile-options.js";
import { UnreadableFiles } from "../files.js";
import { readManifests } from "../manifests.js";

/** The RouteGroup CRD of this repository: its schema is what the API server would check. */
const crdFile = new URL("../../../../crds/routegroups.zalando.org.yaml", import.meta.url);

export const validateCommand: Command = {
  name: "validate",
  summary: "validate RouteGroups, Ingresses and HTTPRoutes: schema, the rules, predicates and filters",
  help: `Usage: bosun validate [--gateway-controller-name NAME] MANIFEST|DIR...

Checks every object of the manifests (a directory means its *.yaml and *.yml files) and
prints every problem of every object, one line each, as kubectl names objects:

  routegroup/default/my-rg: spec.routes[0].backends[0].backendName: backend "x" is not defined

RouteGroups are checked against the schema of crds/routegroups.zalando.org.yaml (as the API
server would, unknown fields included) and by Skipper's RouteGroup validation. Ingresses are
checked as the API server checks them (hosts, paths, pathType, backends, port names and
numbers), for their zalando.org annotations, and, when the manifests hold the Service a
backend names, for its port. Every predicate, filter and annotation route goes through the
check that \`bosun serve\` makes of a route (unknown names, arguments that do not fit, bad
regexps). Gateways and HTTPRoutes are checked as the Gateway API compiler reads them: a parentRef
no listener accepts, a backendRef that does not resolve, a rule bosun cannot serve. An object of a
kind or apiVersion bosun does not read is reported: an error for a Gateway API kind bosun does not
compile (GRPCRoute, TLSRoute, …) or a known kind in another version, a warning for other kinds.

Options:
  --gateway-controller-name NAME
                           the GatewayClasses with this controllerName are bosun's
                           (default bosun.dev/gateway-controller)

Exit status: 0 no errors (warnings allowed), 1 any error, 2 usage error or a file that does
not read (the other files are still validated).
`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { "gateway-controller-name": compileOptionFlags["gateway-controller-name"] } });
    if (positionals.length === 0) throw new UsageError("validate needs at least one MANIFEST");
    const unreadable = new UnreadableFiles("validate", io);
    const { objects, problems: readProblems } = await readManifests(positionals, unreadable);
    for (const problem of readProblems) io.stdout(`${problem}\n`);
    const state = clusterStateFrom(objects);
    const controllerName = values["gateway-controller-name"];
    const options = controllerName === undefined ? defaultCompileOptions : { ...defaultCompileOptions, gatewayControllerName: controllerName };
    const validation = validateObjects(state, await routeGroupSchema(), objects.filter((object) => !isInClusterState(object.kind)), options);
    const checker = new RouteChecker(tableOptions());
    const problems = inObjectOrder(objects, [...validation.problems, ...validation.routesToCheck.flatMap((toCheck) => routeProblems(checker, toCheck))]);
    // A Gateway API rule-match makes a route per listener, hostname and backend: one problem of it is told once.
    const lines = [...new Set(problems.map(describe))];
    for (const line of lines) io.stdout(`${line}\n`);
    const errors = readProblems.length + new Set(problems.filter((problem) => problem.level === "error").map(describe)).size;
    const warnings = lines.length + readProblems.length - errors;
    io.stderr(`${summary(validation.checked, errors, warnings)}\n`);
    return unreadable.exitCode(errors > 0 ? ExitCode.problemsFound : ExitCode.ok);
  },
};

const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

function summary(checked: number, errors: number, warnings: number): string {
  const text = `${counted(checked, "object")} checked, ${counted(errors, "problem")}`;
  return warnings === 0 ? text : `${text}, ${counted(warnings, "warning")}`;
}

/** The object as kubectl names it: `routegroup/default/my-rg`. */
const objectKey = (place: ObjectPlace) => `${place.objectKind.toLowerCase()}/${place.namespace}/${place.name}`;

/** Each object's problems together, the objects in the order of the manifests. */
function inObjectOrder(objects: readonly KubeObject[], problems: readonly ObjectProblem[]): ObjectProblem[] {
  const order = new Map<string, number>();
  for (const object of objects) {
    const key = objectKey(objectPlace(object, ""));
    if (!order.has(key)) order.set(key, order.size);
  }
  const rank = (problem: ObjectProblem) => order.get(objectKey(problem.place)) ?? order.size;
  return [...problems].sort((a, b) => rank(a) - rank(b));
}

/** `routegroup/ns/name: field: reason`, the object named as kubectl names it. */
function describe({ place, level, reason }: ObjectProblem): string {
  const object = objectKey(place);
  const marked = level === "warning" ? `warning: ${reason}` : reason;
  return place.fieldPath === "" ? `${object}: ${marked}` : `${object}: ${place.fieldPath}: ${marked}`;
}

async function routeGroupSchema(): Promise<Schema> {
  const crd = parseYaml(await readFile(crdFile, "utf8")) as { spec: { versions: Array<{ schema: { openAPIV3Schema: Schema } }> } };
  return crd.spec.versions[0]!.schema.openAPIV3Schema;
}

/** The route check `serve` makes, its problems placed at the fields the parts came from. */
function routeProblems(checker: RouteChecker, toCheck: ObjectRouteToCheck): ObjectProblem[] {
  const fieldOf = (part: RoutePart | undefined): string | undefined => {
    if (part === undefined) return toCheck.backendField;
    if (part.kind === "backend") return toCheck.backendField;
    return (part.kind === "predicate" ? toCheck.predicateFields : toCheck.filterFields)[part.index];
  };
  return checker.problemsOf(toCheck.route).flatMap((problem) => {
    const fieldPath = fieldOf(problem.part);
    if (fieldPath === undefined) return [];
    const reason = toCheck.label === undefined ? problem.reason : `${toCheck.label}: ${problem.reason}`;
    return [objectProblem("error", { ...toCheck.object, fieldPath }, "invalid_route", reason)];
  });
}
