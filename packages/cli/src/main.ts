import { checkCommand } from "./commands/check.js";
import { compileCommand } from "./commands/compile.js";
import { validateCommand } from "./commands/validate.js";
import { convertCommand } from "./commands/convert.js";
import { explainCommand } from "./commands/explain.js";
import { fmtCommand } from "./commands/fmt.js";
import { serveCommand } from "./commands/serve.js";
import { ExitCode, UsageError, type Command, type CommandIo } from "./command.js";

const commands: readonly Command[] = [serveCommand, checkCommand, fmtCommand, explainCommand, compileCommand, validateCommand, convertCommand];

function overview(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Usage: bosun COMMAND [OPTIONS] [ARGS...]

bosun is a Skipper-style HTTP routing engine.

Commands:
${lines.join("\n")}

Run "bosun COMMAND --help" for a command's options.
Exit status: 0 ok, 1 problems found, 2 usage error.
`;
}

const wantsHelp = (args: readonly string[]) => args.includes("--help") || args.includes("-h");

/** Runs the bosun command line and returns its exit code; all output goes through `io`. */
export async function main(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    (name === undefined ? io.stderr : io.stdout)(overview());
    return name === undefined ? ExitCode.usageError : ExitCode.ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`bosun: unknown command "${name}"\n\n${overview()}`);
    return ExitCode.usageError;
  }
  if (wantsHelp(args)) {
    io.stdout(command.help);
    return ExitCode.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    // node:util parseArgs reports unknown options and missing values with ERR_PARSE_ARGS_* codes.
    const code = (error as { code?: string }).code ?? "";
    if (error instanceof UsageError || code.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`bosun ${name}: ${(error as Error).message}\n\n${command.help}`);
      return ExitCode.usageError;
    }
    throw error;
  }
}
