import { readFileSync } from "node:fs";
import { checkCommand } from "./commands/check.js";
import { compileCommand } from "./commands/compile.js";
import { statusCommand } from "./commands/status.js";
import { validateCommand } from "./commands/validate.js";
import { convertCommand } from "./commands/convert.js";
import { explainCommand } from "./commands/explain.js";
import { fmtCommand } from "./commands/fmt.js";
import { serveCommand } from "./commands/serve.js";
import { routesrvCommand } from "./commands/routesrv.js";
import { ExitCode, UsageError, type Command, type CommandIo } from "./command.js";
import { InputError, systemErrorText } from "./input-error.js";

const commands: readonly Command[] = [serveCommand, routesrvCommand, checkCommand, fmtCommand, explainCommand, compileCommand, validateCommand, statusCommand, convertCommand];

function overview(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Usage: bosun COMMAND [OPTIONS] [ARGS...]

bosun is a Skipper-style HTTP routing engine.

Commands:
${lines.join("\n")}

Run "bosun COMMAND --help" for a command's options, "bosun --version" for the version.
Exit status: 0 ok, 1 problems found, 2 usage error or input that cannot be used (a file that
does not read, an address in use), 70 internal error.
`;
}

/** The version of the bosun package, from its package.json (one level above src/ and dist/). */
function bosunVersion(): string {
  return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

const wantsHelp = (args: readonly string[]) => args.includes("--help") || args.includes("-h");

/** Runs the bosun command line and returns its exit code; all output goes through `io`. */
export async function main(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    (name === undefined ? io.stderr : io.stdout)(overview());
    return name === undefined ? ExitCode.usageError : ExitCode.ok;
  }
  if (name === "--version" || name === "-version") {
    io.stdout(`bosun ${bosunVersion()}\n`);
    return ExitCode.ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`bosun: unknown command "${name}"\nRun "bosun --help" for the commands.\n`);
    return ExitCode.usageError;
  }
  if (wantsHelp(args)) {
    io.stdout(command.help);
    return ExitCode.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    return failed(name, error, io);
  }
}

/**
 * How a command that threw ends. A mistake in the call or input that cannot be used is one line
 * and status 2; anything else is a bug in bosun, reported with its stack and status 70.
 */
function failed(name: string, error: unknown, io: CommandIo): ExitCode {
  // node:util parseArgs reports unknown options and missing values with ERR_PARSE_ARGS_* codes.
  const code = (error as { code?: string }).code ?? "";
  if (error instanceof UsageError || code.startsWith("ERR_PARSE_ARGS")) {
    io.stderr(`bosun ${name}: ${usageMessage(error as Error)}\nRun "bosun ${name} --help" for its options.\n`);
    return ExitCode.usageError;
  }
  if (error instanceof InputError) {
    io.stderr(`bosun ${name}: ${error.message}\n`);
    return ExitCode.usageError;
  }
  const systemError = systemErrorText(error);
  if (systemError !== undefined) {
    const path = (error as NodeJS.ErrnoException).path;
    io.stderr(`bosun ${name}: ${path === undefined ? "" : `${path}: `}${systemError}\n`);
    return ExitCode.usageError;
  }
  io.stderr(`bosun ${name}: internal error, please report it:\n${(error as Error).stack ?? String(error)}\n`);
  return ExitCode.internalError;
}

/** parseArgs words an unknown option at length, with advice about positionals that seldom applies. */
function usageMessage(error: Error): string {
  const unknown = /^Unknown option '([^']+)'/.exec(error.message);
  return unknown ? `unknown option ${unknown[1]}` : error.message;
}
