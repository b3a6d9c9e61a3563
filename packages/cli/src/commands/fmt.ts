import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { EskipParseError, formatDocument } from "@bosun/eskip";
import { ExitCode, UsageError, type Command, type CommandIo } from "../command.js";
import { expandEskipPaths, UnreadableFiles } from "../files.js";

export const fmtCommand: Command = {
  name: "fmt",
  summary: "print eskip route files in canonical form",
  help: `Usage: bosun fmt [--write | --check] FILE|DIR...

Prints each eskip file in the canonical form: Skipper's pretty layout, one blank line between
routes, comments kept. A directory stands for the *.eskip files below it.

Options:
  --write   rewrite the files in place instead of printing them
  --check   print nothing but the names of files that are not formatted; exit 1 if there are any
  --help    show this help

A file that does not parse is reported as file:line:col: message and left alone.
Exit status: 0 ok, 1 a file has a problem or (with --check) is not formatted, 2 usage error.
`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { write: { type: "boolean" }, check: { type: "boolean" } },
    });
    if (positionals.length === 0) throw new UsageError("fmt needs at least one FILE or DIR");
    if (values.write && values.check) throw new UsageError("--write and --check exclude each other");
    const mode = values.write ? "write" : values.check ? "check" : "print";
    const unreadable = new UnreadableFiles("fmt", io);
    let problems = 0;
    for (const file of await expandEskipPaths(positionals)) {
      const text = await unreadable.read(file);
      if (text !== undefined && !(await formatFile(file, text, mode, io))) problems++;
    }
    return unreadable.exitCode(problems > 0 ? ExitCode.problemsFound : ExitCode.ok);
  },
};

/** Returns false when the file has a problem, or is not formatted in check mode. */
async function formatFile(file: string, text: string, mode: "write" | "check" | "print", io: CommandIo): Promise<boolean> {
  let formatted: string;
  try {
    formatted = formatDocument(text, { source: file });
  } catch (error) {
    if (!(error instanceof EskipParseError)) throw error;
    io.stderr(`${error.summary}\n`);
    return false;
  }
  if (mode === "print") io.stdout(formatted);
  if (formatted === text) return true;
  if (mode === "check") {
    io.stdout(`${file}\n`);
    return false;
  }
  if (mode === "write") await writeFile(file, formatted);
  return true;
}
