import { parseArgs } from "node:util";
import { pino } from "pino";
import { describeProblem } from "@bosun/eskip";
import { RouteServer } from "@bosun/cluster";
import { problemEntry, ProblemLog, SourceSet } from "@bosun/proxy";
import { ExitCode, UsageError, type Command } from "../command.js";
import { listenAddress } from "../listen-address.js";
import { errorLogDestination, listening, stopSignals } from "../serving.js";
import { sourceOptions, sourceOptionsHelp, sourcesOf } from "../serve-sources.js";

export const routesrvOptions = {
  ...sourceOptions,
  address: { type: "string", default: "127.0.0.1:9990" },
} as const;

export const routesrvCommand: Command = {
  name: "routesrv",
  summary: "watch the sources once and serve their routes to a fleet of proxies",
  help: `Usage: bosun routesrv [--manifests DIR | --kubernetes ... | --routes-file FILE]... [--address HOST:PORT]

Follows its sources as bosun serve does (the same options choose them) and serves their merged
routes as eskip at http://HOST:PORT/routes, for proxies started with
\`bosun serve --routes-url http://HOST:PORT/routes\`: a fleet of proxies then costs the API server
one watcher. The answer carries an ETag (the routes' generation, the one the proxies show) and
X-Count (the number of routes); a request with If-None-Match of the current ETag gets 304, and
with ?wait=SECONDS it is held until the routes change or the time is up (a long poll). HEAD gives
the headers alone. /routes and /healthz answer 503 until every source has synced.

Options:
${sourceOptionsHelp}
  --address HOST:PORT      where to serve (default 127.0.0.1:9990)

Logs: problems and updates as JSON lines on stderr. Exit status: 0 after SIGTERM or SIGINT,
1 when the files do not load at start, 2 on a usage error or an address in use.
`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: routesrvOptions });
    if (values["routes-url"] !== undefined) throw new UsageError("routesrv does not follow another route server: give it --manifests, --kubernetes or --routes-file");
    const sources = await sourcesOf(values, positionals, io);
    if (sources === undefined) return ExitCode.problemsFound;
    const destination = errorLogDestination();
    const log = pino({ base: null }, destination);
    const server = new RouteServer();
    const set = new SourceSet(sources);
    const problems = new ProblemLog(log);
    let pending = false;
    const publish = () => {
      pending = false;
      if (set.unsynced.length > 0) return;
      const merged = set.merged();
      problems.report(merged.problems.map(problemEntry));
      server.publish(merged.routes);
      log.info({ routes: merged.routes.length }, "routes published");
    };
    const notLoaded = await set.start({
      snapshot() {
        if (!pending) setImmediate(publish);
        pending = true;
      },
      failed(source, failure) {
        log.error({ source: source.name, problems: failure.map(describeProblem) }, "routes not updated: the last good routes keep being served");
      },
    });
    if (notLoaded.length > 0) {
      io.stderr(`bosun routesrv: the routes do not load:\n${notLoaded.map(describeProblem).join("\n")}\n`);
      return ExitCode.problemsFound;
    }
    const address = listenAddress(values.address, "--address");
    const bound = await listening(() => server.listen(address.port, address.host), () => server.close());
    // Before the line that says it listens: a SIGTERM sent on reading it must find the handler.
    const stop = stopSignals();
    io.stderr(`bosun routesrv: serving routes on http://${bound.address}:${bound.port}/routes\n`);
    await stop.first;
    io.stderr("bosun routesrv: shutting down\n");
    await Promise.all([server.close(), set.close()]);
    stop.release();
    destination.flushSync();
    return ExitCode.ok;
  },
};
