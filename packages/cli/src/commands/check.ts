import { parseArgs } from "node:util";
import { describeProblem, filePlace, parseDocument, routePartOffsets, SourceText, type Problem, type RoutePartOffsets } from "@bosun/eskip";
import type { RoutePart } from "@bosun/routing";
import { ProxyTable, tableOptions } from "@bosun/proxy";
import { ExitCode, UsageError, type Command, type CommandIo } from "../command.js";
import { expandEskipPaths, UnreadableFiles } from "../files.js";

export const checkCommand: Command = {
  name: "check",
  summary: "check eskip route files and report every problem",
  help: `Usage: bosun check FILE|DIR...

Parses each eskip file (a directory stands for the *.eskip files below it), builds its route
table as bosun serve would, and prints one line per problem: syntax errors, routes that break
Skipper's rules, unknown predicates and filters, arguments that do not fit, backends that
cannot be used, repeated route ids.

  file:line:col: message

Exit status: 0 when every file is fine, 1 when any file has a problem, 2 on a usage error or
when a file does not read (the other files are still checked).
`,
  async run(args, io) {
    const { positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true });
    if (positionals.length === 0) throw new UsageError("check needs at least one FILE or DIR");
    const unreadable = new UnreadableFiles("check", io);
    let problems = 0;
    for (const file of await expandEskipPaths(positionals)) {
      const text = await unreadable.read(file);
      if (text !== undefined) problems += checkFile(file, text, io);
    }
    return unreadable.exitCode(problems > 0 ? ExitCode.problemsFound : ExitCode.ok);
  },
};

/** Prints the file's problems, each where it is, and returns how many there were. */
function checkFile(file: string, text: string, io: CommandIo): number {
  const document = parseDocument(text, { source: file, everyError: true });
  const lines = document.errors.map((error) => ({ offset: error.offset, text: error.summary }));
  const source = new SourceText(text);
  for (const { route, problems, problem: rejection } of ProxyTable.build(document.routes, tableOptions()).rejected) {
    const origin = route.origin?.kind === "eskip" ? route.origin : undefined;
    const parts = origin && routePartOffsets(text, origin);
    for (const { part, reason } of problems) {
      // Each problem of the route at its part, where the table's rejection names the route's start.
      const offset = (parts && part && offsetOf(parts, part)) ?? origin?.offset ?? 0;
      const { line, column } = source.position(offset);
      const problem: Problem = { level: rejection.level, code: rejection.code, place: filePlace(file, line, column), reason: `route "${route.id}": ${reason}` };
      lines.push({ offset, text: describeProblem(problem) });
    }
  }
  lines.sort((a, b) => a.offset - b.offset);
  for (const line of lines) io.stdout(`${line.text}\n`);
  return lines.length;
}

function offsetOf(parts: RoutePartOffsets, part: RoutePart): number | undefined {
  return part.kind === "backend" ? parts.backend : part.kind === "predicate" ? parts.predicates[part.index] : parts.filters[part.index];
}
