import { parseArgs } from "node:util";
import { clusterStateFrom, ingressToRouteGroup, manifestsYaml, type JsonObject, type KubeObject } from "@bosun/kube";
import { ExitCode, UsageError, type Command, type CommandIo } from "../command.js";
import { UnreadableFiles } from "../files.js";
import { readManifests } from "../manifests.js";

export const convertCommand: Command = {
  name: "convert",
  summary: "convert Ingresses to the equivalent RouteGroups",
  help: `Usage: bosun convert ingress MANIFEST|DIR...

Reads Kubernetes manifests (multi-document YAML; a directory stands for the *.yaml and *.yml
files below it) and prints, for each Ingress in them, the RouteGroup that routes the same
requests the same way, as one multi-document YAML stream on stdout, ready for kubectl apply:

  - same name, namespace and labels; the annotations that become part of the spec are dropped
    (skipper-filter, skipper-predicate, skipper-routes, backend-weights, ratelimit,
    skipper-loadbalancer, skipper-ingress-path-mode, kubernetes.io/ingress.class, which becomes
    zalando.org/routegroup.class), the others are kept;
  - hosts from the rules; one service backend per service and port, named <service>-<port>;
    one route per path (path rules with the same path share one weighted route), Exact as
    path, Prefix as pathSubtree, ImplementationSpecific as the path mode says; a Host
    predicate per route when the hosts have different rules;
  - skipper-predicate and skipper-filter on every route; skipper-routes copied for every path.

Services in the manifests resolve named ports (a RouteGroup needs the port number) and
ExternalName services (a network backend with the Host header set). Each problem goes to
stderr as one line: an Ingress that cannot be converted is left out; for one that is
converted, the line says where Skipper will route its RouteGroup differently (an ExternalName
service, a named targetPort, a port the Service lacks, a service type other than ClusterIP).

  ingress/<namespace>/<name>: <field path>: <reason>

Exit status: 0 when every Ingress converted without a problem, 1 when any problem was
reported, 2 on a usage error or when a file does not read (the others are still converted).
`,
  async run(args, io) {
    const { positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true });
    const [kind, ...paths] = positionals;
    if (kind !== "ingress") throw new UsageError(kind === undefined ? "convert needs what to convert: ingress" : `cannot convert "${kind}", only ingress`);
    if (paths.length === 0) throw new UsageError("convert ingress needs at least one MANIFEST or DIR");
    const unreadable = new UnreadableFiles("convert", io);
    const { objects, problems } = await readManifests(paths, unreadable);
    for (const problem of problems) io.stderr(`${problem}\n`);
    const converted = convertIngresses(objects, io);
    return unreadable.exitCode(problems.length === 0 && converted ? ExitCode.ok : ExitCode.problemsFound);
  },
};

/** Prints the RouteGroups of the Ingresses that convert and the problems of those that do not; false when there were problems. */
function convertIngresses(objects: readonly KubeObject[], io: CommandIo): boolean {
  // One cluster state for all files: an Ingress may use a Service from another file.
  const state = clusterStateFrom(objects);
  const routeGroups: JsonObject[] = [];
  let problems = 0;
  for (const ingress of state.ingresses) {
    const conversion = ingressToRouteGroup(ingress, state);
    const { namespace, name } = ingress.metadata;
    for (const { fieldPath, reason } of conversion.problems) {
      io.stderr(`ingress/${namespace === "" ? "default" : namespace}/${name}: ${fieldPath === "" ? "" : `${fieldPath}: `}${reason}\n`);
    }
    problems += conversion.problems.length;
    if (conversion.routeGroup !== undefined) routeGroups.push(conversion.routeGroup);
  }
  if (routeGroups.length > 0) io.stdout(manifestsYaml(routeGroups));
  return problems === 0;
}
