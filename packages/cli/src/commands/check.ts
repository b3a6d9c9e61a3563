import { parseArgs } from "node:util";
import { describeOrigin, type Route } from "@bosun/eskip";
import { ProxyTable, tableOptions } from "@bosun/proxy";
import { ExitCode, UsageError, type Command, type CommandIo } from "../command.js";
import { expandEskipPaths, readRoutesFile } from "../files.js";

export const checkCommand: Command = {
  name: "check",
  summary: "check eskip route files and report every problem",
  help: `Usage: bosun check FILE|DIR...

Parses each eskip file (a directory stands for the *.eskip files below it), builds its route
table as bosun serve would, and prints one line per problem: syntax errors, routes that break
Skipper's rules, unknown predicates and filters, arguments that do not fit, backends that
cannot be used, repeated route ids.

  file:line:col: message

Exit status: 0 when every file is fine, 1 when any file has a problem, 2 on a usage error.
`,
  async run(args, io) {
    const { positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true });
    if (positionals.length === 0) throw new UsageError("check needs at least one FILE or DIR");
    let problems = 0;
    for (const file of await expandEskipPaths(positionals)) problems += await checkFile(file, io);
    return problems > 0 ? ExitCode.problemsFound : ExitCode.ok;
  },
};

/** Prints the file's problems and returns how many there were. */
async function checkFile(file: string, io: CommandIo): Promise<number> {
  const document = await readRoutesFile(file, io.stdout);
  if (document === undefined) return 1;
  const lines = document.errors.map((error) => ({ offset: error.offset, text: error.summary }));
  for (const { route, reason } of ProxyTable.build(document.routes, tableOptions()).rejected) {
    lines.push({ offset: route.origin?.kind === "eskip" ? route.origin.offset : 0, text: `${place(file, route)}: route "${route.id}": ${reason}` });
  }
  lines.sort((a, b) => a.offset - b.offset);
  for (const line of lines) io.stdout(`${line.text}\n`);
  return lines.length;
}

function place(file: string, route: Route): string {
  return route.origin ? describeOrigin(route.origin, file) : file;
}
