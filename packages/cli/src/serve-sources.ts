import type { RouteSource } from "@bosun/eskip";
import { hostname } from "node:os";
import { pino } from "pino";
import { apiAccess, eskipFilesSource, expandPaths, kubeConfigFor, kubernetesSourceName, manifestsSource, OffThreadKubernetesSource, RoutesUrlSource, yamlFileName, type ApiAccess, type KubeConfigChoice, type LeaseName } from "@bosun/cluster";
import { problemEntry, ProblemLog } from "@bosun/proxy";
import { UsageError, type CommandIo } from "./command.js";
import { compileOptionFlags, compileOptionFlagsHelp, readCompileOptions } from "./compile-options.js";
import { ensureReadable, expandEskipPaths } from "./files.js";
import { InputError } from "./input-error.js";

/** The options of `serve` that choose its route sources. */
export const sourceOptions = {
  "routes-file": { type: "string", multiple: true },
  manifests: { type: "string", multiple: true },
  "routes-url": { type: "string", multiple: true },
  kubernetes: { type: "boolean", default: false },
  "kubernetes-in-cluster": { type: "boolean", default: false },
  kubeconfig: { type: "string" },
  "kubernetes-url": { type: "string" },
  "kubernetes-namespace": { type: "string" },
  ...compileOptionFlags,
  "status-writes": { type: "string", default: "on" },
  "status-lease": { type: "string" },
} as const;

export const sourceOptionsHelp = `  --routes-file FILE|DIR   eskip routes (repeatable; a directory means its *.eskip files)
  --manifests FILE|DIR     Kubernetes manifests (repeatable; a directory means its *.yaml and
                           *.yml files), served as a cluster of those objects would be
  --routes-url URL         follow a route server (bosun routesrv) at this URL (repeatable)
  --kubernetes             follow a cluster's API server, found as kubectl finds it: $KUBECONFIG,
                           ~/.kube/config, or the in-cluster service account
  --kubernetes-in-cluster  only the in-cluster service account (Skipper's flag of the name)
  --kubeconfig PATH        this kubeconfig's current context (implies --kubernetes)
  --kubernetes-url URL     a plain API URL such as \`kubectl proxy\` serves (implies --kubernetes)
  --kubernetes-namespace NS
                           one namespace only (default: all)
${compileOptionFlagsHelp}
  --status-writes on|off   with --kubernetes, write back each RouteGroup's status (Accepted,
                           its problems, observedGeneration) and that of bosun's
                           GatewayClasses, Gateways and HTTPRoutes (default on)
  --status-lease NAMESPACE/NAME
                           the coordination.k8s.io Lease that lets one replica write at a time
                           (default $POD_NAMESPACE/bosun-status, or default/bosun-status)`;

type SourceValues = {
  "routes-file"?: string[];
  "routes-url"?: string[];
  manifests?: string[];
  kubernetes?: boolean;
  "kubernetes-in-cluster"?: boolean;
  kubeconfig?: string;
  "kubernetes-url"?: string;
  "kubernetes-namespace"?: string;
  options?: string;
  "default-filters-dir"?: string;
  "gateway-controller-name"?: string;
  "endpoint-slices"?: boolean;
  "status-writes"?: string;
  "status-lease"?: string;
};

/**
 * The sources the command line names, in the order their routes win: files, route servers,
 * manifests, the API.
 * A file that is not there at start is a wrong command line; one that goes later is a reload
 * problem. Undefined once the compile options' problems are on stderr.
 */
export async function sourcesOf(values: SourceValues, positionals: readonly string[], io: CommandIo): Promise<RouteSource[] | undefined> {
  const routesPaths = [...(values["routes-file"] ?? []), ...positionals];
  const manifestPaths = values.manifests ?? [];
  const kubernetes = kubeConfigChoice(values);
  const routesUrls = values["routes-url"] ?? [];
  if (routesPaths.length === 0 && manifestPaths.length === 0 && kubernetes === undefined && routesUrls.length === 0) {
    throw new UsageError("needs --routes-file FILE, --manifests DIR, --kubernetes or --routes-url URL");
  }
  for (const url of routesUrls) if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`--routes-url must be an http:// or https:// URL, not "${url}"`);
  for (const file of [...(await expandEskipPaths(routesPaths)), ...(await expandPaths(manifestPaths, yamlFileName))]) await ensureReadable(file);
  const sources: RouteSource[] = [];
  if (routesPaths.length > 0) sources.push(eskipFilesSource(routesPaths));
  for (const url of routesUrls) sources.push(new RoutesUrlSource(url));
  if (manifestPaths.length === 0 && kubernetes === undefined) return sources;
  const compileOptions = await readCompileOptions(values, io);
  if (compileOptions === undefined) return undefined;
  if (manifestPaths.length > 0) sources.push(manifestsSource(manifestPaths, compileOptions));
  if (kubernetes !== undefined) {
    const namespace = values["kubernetes-namespace"];
    const name = kubernetesSourceName(loadedConfig(kubernetes), namespace);
    const status = writesStatus(values) ? { lease: statusLease(values), identity: `${process.env["POD_NAME"] || hostname()}/${process.pid}` } : undefined;
    const statusProblems = new ProblemLog(pino({ base: null }, { write: (line: string) => io.stderr(line) }));
    const options = { choice: kubernetes, compileOptions, ...(namespace ? { namespace } : {}), ...(status ? { status } : {}) };
    sources.push(new OffThreadKubernetesSource(name, options, (problems) => statusProblems.report(problems.map(problemEntry))));
  }
  return sources;
}

/** How to reach the API server, or undefined when no option asks for it. */
function kubeConfigChoice(values: SourceValues): KubeConfigChoice | "default" | undefined {
  const chosen = [values.kubeconfig !== undefined, values["kubernetes-url"] !== undefined, values["kubernetes-in-cluster"] === true].filter(Boolean).length;
  if (chosen > 1) throw new UsageError("give one of --kubeconfig, --kubernetes-url and --kubernetes-in-cluster");
  if (values.kubeconfig !== undefined) return { from: "kubeconfig", path: values.kubeconfig };
  if (values["kubernetes-url"] !== undefined) return { from: "url", url: values["kubernetes-url"] };
  if (values["kubernetes-in-cluster"]) return { from: "in-cluster" };
  return values.kubernetes ? "default" : undefined;
}

function loadedConfig(choice: KubeConfigChoice | "default") {
  try {
    return kubeConfigFor(choice);
  } catch (error) {
    // A kubeconfig that does not read or parse, a service account that is not mounted.
    throw new InputError(`cannot use the Kubernetes configuration: ${(error as Error).message}`);
  }
}

/**
 * What the Kubernetes API must grant a process started with these options: none without
 * --kubernetes. deploy/'s RBAC is tested against it.
 */
export async function apiAccessOf(values: SourceValues, io: CommandIo): Promise<ApiAccess[]> {
  if (kubeConfigChoice(values) === undefined) return [];
  const compileOptions = await readCompileOptions(values, io);
  if (compileOptions === undefined) throw new InputError("the compile options do not load");
  return apiAccess({ compileOptions, writesStatus: writesStatus(values) });
}

function writesStatus(values: SourceValues): boolean {
  const choice = values["status-writes"] ?? "on";
  if (choice !== "on" && choice !== "off") throw new UsageError(`--status-writes must be "on" or "off", not "${choice}"`);
  return choice === "on";
}

/** The Lease named by --status-lease, or the pod's namespace's bosun-status. */
function statusLease(values: SourceValues): LeaseName {
  const named = values["status-lease"];
  if (named === undefined) return { namespace: process.env["POD_NAMESPACE"] || "default", name: "bosun-status" };
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)$/.exec(named);
  if (match === null) throw new UsageError(`--status-lease must be NAMESPACE/NAME, not "${named}"`);
  return { namespace: match[1]!, name: match[3]! };
}
