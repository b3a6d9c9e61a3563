import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { EskipParseError, parseDocument } from "@bosun/eskip";
import { ExitCode, UsageError, type Command, type CommandIo } from "../command.js";
import { expandEskipPaths } from "../files.js";

export const checkCommand: Command = {
  name: "check",
  summary: "check eskip route files and report every problem",
  help: `Usage: bosun check FILE|DIR...

Parses each eskip file (a directory stands for the *.eskip files below it) and prints one
line per problem:

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
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    io.stdout(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 1;
  }
  try {
    const { errors } = parseDocument(text, { source: file });
    for (const error of errors) io.stdout(`${error.summary}\n`);
    return errors.length;
  } catch (error) {
    if (!(error instanceof EskipParseError)) throw error;
    io.stdout(`${error.summary}\n`);
    return 1;
  }
}
