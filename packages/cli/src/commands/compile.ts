import { parseArgs } from "node:util";
import { printRoutes } from "@bosun/eskip";
import { clusterStateFrom, compileCluster, logfmt, unreadKindProblems } from "@bosun/kube";
import { ExitCode, UsageError, type Command } from "../command.js";
import { compileOptionFlags, compileOptionFlagsHelp, readCompileOptions } from "../compile-options.js";
import { UnreadableFiles } from "../files.js";
import { readManifests } from "../manifests.js";

export const compileCommand: Command = {
  name: "compile",
  summary: "compile RouteGroups, Ingresses and Gateway API HTTPRoutes to eskip routes",
  help: `Usage: bosun compile [--options FILE] [--default-filters-dir DIR] [--gateway-controller-name NAME] MANIFEST|DIR...

Reads Kubernetes manifests (RouteGroups, Ingresses, Services, Endpoints, EndpointSlices,
Secrets, Namespaces, and the Gateway API's GatewayClasses, Gateways, HTTPRoutes and
ReferenceGrants; a directory means its *.yaml and *.yml files) as one cluster state, and prints
the routes Skipper's Kubernetes data client would make from it, and bosun's Gateway API compiler
(docs/gateway-api.md), as eskip, on stdout. Each problem goes to stderr as one logfmt line with
Skipper's fields:

  level=error msg="..." kind=RouteGroup name=my-rg ns=default

An invalid object is left out alone; the others still compile. An object of another kind is
named on stderr too: an error for a Gateway API kind bosun does not compile (GRPCRoute,
TLSRoute, ...), info for others.

Options:
${compileOptionFlagsHelp}

Exit status: 0 no problem, 1 any error or warning, 2 usage error or a file that does not read
(the options file or --default-filters-dir stop the run; other manifests are still compiled).
`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: compileOptionFlags,
    });
    if (positionals.length === 0) throw new UsageError("compile needs at least one MANIFEST");
    const options = await readCompileOptions(values, io);
    if (options === undefined) return ExitCode.problemsFound;
    const unreadable = new UnreadableFiles("compile", io);
    const { objects, problems: readProblems } = await readManifests(positionals, unreadable);
    for (const problem of readProblems) io.stderr(`level=error msg=${JSON.stringify(problem)}\n`);
    const compiled = compileCluster(clusterStateFrom(objects), options);
    const { routes } = compiled;
    const problems = [...unreadKindProblems(objects), ...compiled.problems];
    for (const problem of problems) io.stderr(`${logfmt(problem)}\n`);
    if (routes.length > 0) io.stdout(`${printRoutes(routes, { pretty: true })}\n`);
    const failed = readProblems.length > 0 || problems.some((problem) => problem.level !== "info");
    return unreadable.exitCode(failed ? ExitCode.problemsFound : ExitCode.ok);
  },
};
