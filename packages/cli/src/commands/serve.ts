import { parseArgs } from "node:util";
import { pino } from "pino";
import { parseDuration } from "@bosun/filters";
import { BosunProxy, engineNames, RoutesLoadError, type EngineName } from "@bosun/proxy";
import { ExitCode, UsageError, type Command } from "../command.js";
import { gatewayListenerBinding, listenAddress } from "../listen-address.js";
import { errorLogDestination, listening, stopSignals } from "../serving.js";
import { serveTranslations, withSkipperFlags } from "../skipper-flags.js";
import { sourceOptions, sourceOptionsHelp, sourcesOf } from "../serve-sources.js";

export const serveOptions = {
  ...sourceOptions,
  address: { type: "string", default: "127.0.0.1:9090" },
  "admin-address": { type: "string", default: "127.0.0.1:9911" },
  listener: { type: "string", multiple: true },
  "proxy-engine": { type: "string", default: "undici" },
  "preserve-host": { type: "boolean", default: false },
  "max-loopbacks": { type: "string", default: "9" },
  "forward-url": { type: "string" },
  "no-forwarded-headers": { type: "boolean", default: false },
  "shutdown-timeout": { type: "string", default: "10000" },
  "response-header-timeout-backend": { type: "string", default: "1m" },
  "access-log": { type: "string", default: "stdout" },
} as const;

/** The Skipper flags serve reads, wrapped to the help's width. */
const skipperFlagsHelp = [...serveTranslations.keys()]
  .map((name) => `-${name}`)
  .reduce<string[]>((lines, flag) => {
    const last = lines.at(-1);
    if (last !== undefined && last.length + flag.length + 2 <= 96) lines[lines.length - 1] = `${last}, ${flag}`;
    else lines.push(flag);
    return lines;
  }, [])
  .join(",\n");

export const serveCommand: Command = {
  name: "serve",
  summary: "serve eskip routes and Kubernetes manifests as an HTTP proxy, reloading on change",
  help: `Usage: bosun serve [--routes-file FILE|DIR]... [--manifests FILE|DIR]... [--kubernetes] [OPTIONS]

Serves routes as a reverse proxy, from any mix of sources merged into one table: eskip files,
Kubernetes manifests, and a cluster's API server, whose RouteGroups and Ingresses (with their
Services and Endpoints or EndpointSlices) are compiled as Skipper compiles them, and whose
Gateways and HTTPRoutes are served on the addresses --listener binds. Every file is
watched, and a directory is read anew on each change (a file added to it is served); the API
server is listed, then watched. A change builds a new route table and swaps it in. A source
that fails (a file that does not read or parse, an API server that does not answer) keeps its
last good routes serving, and the error is logged and counted; an invalid route or object is
left out alone. Where two sources have a route of the same id, the later source on the command
line wins (files, route servers, manifests, then the API). SIGTERM or SIGINT stops accepting and lets
requests in flight finish (up to --shutdown-timeout).

With --kubernetes, the status of each RouteGroup, and of bosun's GatewayClasses, Gateways and
HTTPRoutes, is written back (--status-writes, --status-lease).
The sources are read in worker threads and a new table is built in slices of about 5 ms, between
which requests are served on the table in service.

Options:
${sourceOptionsHelp}
  --address HOST:PORT      proxy listener (default 127.0.0.1:9090)
  --listener [NAMESPACE/GATEWAY:]PORT=HOST:LOCALPORT
                           serve the Gateway listeners of port PORT (of every Gateway, or of
                           that one) on HOST:LOCALPORT (repeatable); a request there is
                           routed by its listener's HTTPRoutes only (docs/gateway-api.md)
  --admin-address HOST:PORT
                           admin listener: /metrics, /healthz (503 until every listener is
                           bound and every source has synced), /routes, /debug/explain
                           (default 127.0.0.1:9911; "off" for none)
  --proxy-engine NAME      undici (default) or http-proxy-3
  --preserve-host          send the client's Host to backends (per route: preserveHost())
  --max-loopbacks N        loopbacks per request, default 9; negative disables loopback
  --forward-url URL        where <forward> routes go
  --no-forwarded-headers   do not add X-Forwarded-For, -Proto and -Host
  --shutdown-timeout MS    bound for requests in flight on shutdown (default 10000)
  --response-header-timeout-backend DURATION
                           how long a backend may take to send its response head, as a Go
                           duration (default 1m, as Skipper's flag of the name): then 504
  --access-log stdout|off  the JSON access log (default stdout)

Skipper's own flags work for what bosun has (single or double dash, "-flag value" or
"-flag=value", as Go reads them):
${skipperFlagsHelp}
(-support-listener is --admin-address, -access-log-disabled is --access-log off). Another of
Skipper's flags is named as one bosun does not support yet.

Logs: one JSON access-log line per request on stdout; errors and table updates on stderr.
Exit status: 0 after SIGTERM or SIGINT, 1 when the files do not load at start, 2 on a usage
error, a file that does not read, or an address that cannot be listened on.
`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: withSkipperFlags(args, serveOptions, serveTranslations), allowPositionals: true, strict: true, options: serveOptions });
    const sources = await sourcesOf(values, positionals, io);
    if (sources === undefined) return ExitCode.problemsFound;
    const engine = values["proxy-engine"] as EngineName;
    if (!engineNames.includes(engine)) throw new UsageError(`--proxy-engine must be one of ${engineNames.join(", ")}`);
    const accessLogTarget = values["access-log"];
    if (accessLogTarget !== "stdout" && accessLogTarget !== "off") throw new UsageError('--access-log must be "stdout" or "off"');
    // Lines are written in batches of 4 KB, and at least every 200 ms: one write call per
    // request cost bench:proxy about a tenth of its throughput.
    const accessLog = accessLogTarget === "off" ? undefined : pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 200 });
    const errorLog = errorLogDestination();
    let proxy: BosunProxy;
    try {
      proxy = await BosunProxy.create({
        sources,
        address: listenAddress(values.address, "--address"),
        gatewayListeners: (values.listener ?? []).map(gatewayListenerBinding),
        ...(values["admin-address"] === "off" ? {} : { adminAddress: listenAddress(values["admin-address"], "--admin-address") }),
        engine,
        preserveHost: values["preserve-host"],
        maxLoopbacks: integer(values["max-loopbacks"], "--max-loopbacks"),
        ...(values["forward-url"] === undefined ? {} : { forwardUrl: values["forward-url"] }),
        forwardedHeaders: !values["no-forwarded-headers"],
        shutdownTimeoutMs: integer(values["shutdown-timeout"], "--shutdown-timeout"),
        responseHeaderTimeoutMs: duration(values["response-header-timeout-backend"], "--response-header-timeout-backend"),
        accessLog,
        errorLog,
      });
    } catch (error) {
      if (!(error instanceof RoutesLoadError)) throw error;
      io.stderr(`bosun serve: the routes do not load:\n${error.message}\n`);
      return ExitCode.problemsFound;
    }
    const { proxy: address, gateways, admin } = await listening(() => proxy.listen(), () => proxy.close());
    // Before the line that says it listens: a SIGTERM sent on reading it must find the handler.
    const stop = stopSignals();
    const gatewayText = gateways.map((bound, i) => `, Gateway port ${values.listener![i]!.split("=")[0]} on http://${bound.address}:${bound.port}`).join("");
    io.stderr(`bosun serve: ${proxy.tables.current.size} routes on http://${address.address}:${address.port}${gatewayText}${admin ? `, admin on http://${admin.address}:${admin.port}` : ""}\n`);
    await stop.first;
    io.stderr("bosun serve: shutting down\n");
    await proxy.close();
    stop.release();
    accessLog?.flushSync();
    accessLog?.destroy();
    errorLog.flushSync();
    return ExitCode.ok;
  },
};

function duration(text: string, option: string): number {
  try {
    const ms = parseDuration(text);
    if (ms > 0) return ms;
  } catch {
    // Worded below, as every option's error is.
  }
  throw new UsageError(`${option} must be a positive Go duration such as 30s or 1m30s, not "${text}"`);
}

function integer(text: string, option: string): number {
  if (!/^-?\d+$/.test(text)) throw new UsageError(`${option} must be a whole number, not "${text}"`);
  return Number(text);
}
