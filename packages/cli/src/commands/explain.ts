import { describeOrigin } from "@bosun/eskip";
import { parseArgs } from "node:util";
import { clusterStateFrom, compileCluster, logfmt } from "@bosun/kube";
import { GatewayListeners, ProxyTable, tableOptions } from "@bosun/proxy";
import { explain, type Explanation, type RequestInit } from "@bosun/routing";
import { ExitCode, UsageError, type Command, type CommandIo } from "../command.js";
import { compileOptionFlags, compileOptionFlagsHelp, readCompileOptions, type CompileOptionValues } from "../compile-options.js";
import { readRoutesFile, UnreadableFiles } from "../files.js";
import { readManifests } from "../manifests.js";

export const explainCommand: Command = {
  name: "explain",
  summary: "show which route a request takes, and why the others do not",
  help: `Usage: bosun explain [options] [ROUTES_FILE] [--manifests PATH]... 'METHOD URL'

Builds the route table from ROUTES_FILE (eskip) and the manifests (compiled as bosun compile
compiles them: RouteGroups, Ingresses, Gateways and HTTPRoutes), and routes one request through
it. Prints the winning route with where it came from (a file's line, or an object and its field:
an HTTPRoute's rule and match), and for every other route the first predicate that rejected the
request, or the route that came first.

  URL is absolute (http://host/path?query) or a path; a Host header overrides the URL's host.

Options:
  -H, --header 'Name: value'   a request header (repeatable)
  --cookie 'name=value'        a cookie (repeatable)
  --remote-address IP          the client address Source and ClientIP see (default 127.0.0.1)
  --listener NS/GATEWAY/NAME   the Gateway listener the request came on: only routes with
                               Listener("NS/GATEWAY", "NAME") serve it (default: none, the
                               proxy's own address, where only routes without Listener serve)
  --listener [NS/GATEWAY:]PORT the request came on that Gateway listener port, as bosun serve
                               --listener binds it: its listener is chosen by the Host, as the
                               proxy chooses it (needs --manifests with the Gateways)
  --manifests PATH             Kubernetes manifests, a file or a directory (repeatable)
${compileOptionFlagsHelp}
  --json                       print one JSON object; its "route" field is the winning route's
                               id, or null when no route matches
  --help                       show this help

Exit status: 0 a route matches, 1 no route matches or the file has problems, 2 usage error.
`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        header: { type: "string", short: "H", multiple: true },
        cookie: { type: "string", multiple: true },
        "remote-address": { type: "string" },
        listener: { type: "string" },
        manifests: { type: "string", multiple: true },
        ...compileOptionFlags,
        json: { type: "boolean" },
      },
    });
    const manifests = values.manifests ?? [];
    const file = positionals.length === 2 ? positionals[0] : undefined;
    const requestLine = positionals.at(-1);
    if (requestLine === undefined || positionals.length > 2 || (file === undefined && manifests.length === 0)) {
      throw new UsageError("explain takes a ROUTES_FILE or --manifests PATH, and a 'METHOD URL'");
    }
    const document = file === undefined ? { routes: [], errors: [] } : await readRoutesFile(file, io.stderr, true);
    if (document === undefined) return ExitCode.problemsFound;
    for (const error of document.errors) io.stderr(`${error.summary}\n`);
    const cluster = manifests.length === 0 ? { routes: [], gatewayListeners: [], problems: 0 } : await compiledManifests(manifests, values, io);
    if (cluster === undefined) return ExitCode.problemsFound;
    // The table serve would build: a route serve leaves out is listed as such, never chosen.
    const table = ProxyTable.build([...document.routes, ...cluster.routes], tableOptions());
    const request = new GatewayListeners(cluster.gatewayListeners).requestOn(requestInit(requestLine, values.header ?? [], values.cookie ?? [], values["remote-address"]), values.listener);
    const explanation = explain(table.routes, request, table.rejected);
    io.stdout(values.json ? `${JSON.stringify(explanation, null, 2)}\n` : renderText(explanation));
    const inputHasProblems = document.errors.length > 0 || table.rejected.length > 0 || cluster.problems > 0;
    return explanation.route === null || inputHasProblems ? ExitCode.problemsFound : ExitCode.ok;
  },
};

/** The manifests' routes and Gateway listeners, their problems on stderr as bosun compile prints them. */
async function compiledManifests(paths: readonly string[], values: CompileOptionValues, io: CommandIo) {
  const options = await readCompileOptions(values, io);
  if (options === undefined) return undefined;
  const unreadable = new UnreadableFiles("explain", io);
  const { objects, problems: readProblems } = await readManifests(paths, unreadable);
  for (const problem of readProblems) io.stderr(`${problem}\n`);
  const compiled = compileCluster(clusterStateFrom(objects), options);
  const errors = compiled.problems.filter((problem) => problem.level === "error");
  for (const problem of errors) io.stderr(`${logfmt(problem)}\n`);
  return { routes: compiled.routes, gatewayListeners: compiled.gatewayListeners, problems: readProblems.length + errors.length + (unreadable.any ? 1 : 0) };
}

function requestInit(line: string, headerLines: readonly string[], cookies: readonly string[], remoteAddress: string | undefined): RequestInit {
  const match = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(line);
  if (!match) throw new UsageError(`the request must be 'METHOD URL', not ${JSON.stringify(line)}`);
  const headers: Record<string, string[]> = {};
  for (const header of headerLines) {
    const colon = header.indexOf(":");
    if (colon <= 0) throw new UsageError(`a header must be 'Name: value', not ${JSON.stringify(header)}`);
    const name = header.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(header.slice(colon + 1).trim());
  }
  if (cookies.length > 0) (headers["cookie"] ??= []).push(cookies.join("; "));
  return { method: match[1]!, url: match[2]!, headers, ...(remoteAddress === undefined ? {} : { remoteAddress }) };
}

function place(origin: Explanation["candidates"][number]["origin"]): string {
  return origin ? ` (${describeOrigin(origin, "<input>")})` : "";
}

function renderText(explanation: Explanation): string {
  const { request } = explanation;
  const query = request.query === "" ? "" : `?${request.query}`;
  const on = request.listener === undefined ? "" : ` on listener ${request.listener}`;
  const lines = [`${request.method} ${request.host}${request.path}${query}${on}`];
  const chosen = explanation.candidates.find((candidate) => candidate.verdict === "chosen");
  if (chosen) {
    lines.push(`  → route ${chosen.id}${place(chosen.origin)}`);
    const params = Object.entries(explanation.params);
    if (params.length > 0) lines.push(`    params: ${params.map(([name, value]) => `${name}=${value}`).join(", ")}`);
  } else {
    lines.push("  → no route matches: the proxy answers 404");
  }
  if (explanation.note) lines.push(`  (${explanation.note})`);
  lines.push("", "Routes, in the order they are tried:");
  const width = explanation.candidates.reduce((widest, candidate) => Math.max(widest, candidate.id.length), 2);
  for (const candidate of explanation.candidates) {
    const why =
      candidate.verdict === "chosen"
        ? "chosen"
        : candidate.verdict === "outranked"
          ? `matches too, but ${chosen?.id} comes first`
          : `rejected by ${candidate.rejectedBy}`;
    const mark = candidate.verdict === "chosen" ? "✓" : candidate.verdict === "outranked" ? "·" : "✗";
    lines.push(`  ${mark} ${candidate.id.padEnd(width)}  weight ${candidate.weight}  ${why}`);
  }
  if (explanation.unusable.length > 0) {
    lines.push("", "Routes serve leaves out (never chosen):");
    for (const { id, reason } of explanation.unusable) lines.push(`  ${id}: ${reason}`);
  }
  return `${lines.join("\n")}\n`;
}
