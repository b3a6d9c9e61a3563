/** What every `bosun` command is: a name, its help text, and a function from arguments to an exit code. */

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const ExitCode = {
  ok: 0,
  problemsFound: 1,
  usageError: 2,
  /** A bug in bosun (EX_SOFTWARE of sysexits.h). */
  internalError: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  run(args: readonly string[], io: CommandIo): Promise<ExitCode>;
}

/** A mistake in how the command was called: one line and a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly code = "BOSUN_USAGE";
}
