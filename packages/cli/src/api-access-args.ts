import { parseArgs } from "node:util";
import type { ApiAccess } from "@bosun/cluster";
import type { CommandIo } from "./command.js";
import { UsageError } from "./command.js";
import { routesrvOptions } from "./commands/routesrv.js";
import { serveOptions } from "./commands/serve.js";
import { apiAccessOf } from "./serve-sources.js";
import { serveTranslations, withSkipperFlags } from "./skipper-flags.js";

/**
 * The Kubernetes API access `bosun serve …` or `bosun routesrv …` with these arguments needs, read
 * by the commands' own option parsers: what a Deployment's container args are held to.
 */
export async function apiAccessOfCommand(argv: readonly string[], io: CommandIo): Promise<ApiAccess[]> {
  const [name, ...args] = argv;
  if (name === "serve") {
    const { values } = parseArgs({ args: withSkipperFlags(args, serveOptions, serveTranslations), allowPositionals: true, strict: true, options: serveOptions });
    return apiAccessOf(values, io);
  }
  if (name === "routesrv") {
    const { values } = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: routesrvOptions });
    return apiAccessOf(values, io);
  }
  throw new UsageError(`only serve and routesrv use the Kubernetes API, not ${name ?? "no command"}`);
}
