import { parseArgs } from "node:util";
import { clusterStateFrom, compileGateways, manifestsYaml, type JsonObject, type ObjectStatus } from "@bosun/kube";
import { ExitCode, UsageError, type Command } from "../command.js";
import { compileOptionFlags, compileOptionFlagsHelp, readCompileOptions } from "../compile-options.js";
import { UnreadableFiles } from "../files.js";
import { readManifests } from "../manifests.js";

export const statusCommand: Command = {
  name: "status",
  summary: "print Gateway API objects with the status bosun computes for them",
  help: `Usage: bosun status [--gateway-controller-name NAME] [--options FILE] MANIFEST|DIR... | --manifests DIR...

Reads Kubernetes manifests as one cluster state (as bosun compile does) and prints, as YAML
documents, every GatewayClass of bosun's controller, every Gateway of such a class and every
HTTPRoute, each with the \`status\` bosun computes for it: what the Kubernetes source writes
through the status subresource. An HTTPRoute has one entry per parent Gateway of bosun's, with
the conditions Accepted (NotAllowedByListeners, NoMatchingListenerHostname, NoMatchingParent,
UnsupportedValue), ResolvedRefs (BackendNotFound, RefNotPermitted, InvalidKind) and, when some
rules were dropped, PartiallyInvalid; a Gateway has each listener's conditions and
attachedRoutes. Conditions carry the object's metadata.generation as observedGeneration.

Options:
  --manifests DIR          the same as naming DIR (repeatable), as bosun serve takes it
${compileOptionFlagsHelp}

Exit status: 0 every HTTPRoute accepted by each of its parents with every reference resolved,
1 otherwise, 2 usage error or a file that does not read.
`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { ...compileOptionFlags, manifests: { type: "string", multiple: true } } });
    const paths = [...(values.manifests ?? []), ...positionals];
    if (paths.length === 0) throw new UsageError("status needs at least one MANIFEST or --manifests DIR");
    const options = await readCompileOptions(values, io);
    if (options === undefined) return ExitCode.problemsFound;
    const unreadable = new UnreadableFiles("status", io);
    const { objects, problems } = await readManifests(paths, unreadable);
    for (const problem of problems) io.stderr(`${problem}\n`);
    const { statuses } = compileGateways(clusterStateFrom(objects), options);
    // In the order of the manifests, as a reader of them expects.
    const order = new Map(objects.map((object, index) => [object, index]));
    const inOrder = [...statuses].sort((a, b) => order.get(a.object)! - order.get(b.object)!);
    if (inOrder.length > 0) io.stdout(manifestsYaml(inOrder.map(withStatus)));
    const healthy = statuses.every((entry) => entry.object.kind !== "HTTPRoute" || allTrue(entry.status));
    return unreadable.exitCode(healthy && problems.length === 0 ? ExitCode.ok : ExitCode.problemsFound);
  },
};

/** The object as it was read, its status replaced by bosun's. */
function withStatus({ object, status }: ObjectStatus): JsonObject {
  return { ...object.body, status };
}

/** Whether each parent's Accepted and ResolvedRefs are True. */
function allTrue(status: JsonObject): boolean {
  const parents = (status["parents"] ?? []) as { conditions: { type: string; status: string }[] }[];
  return parents.every((parent) => parent.conditions.every((entry) => entry.type === "PartiallyInvalid" || entry.status === "True"));
}
