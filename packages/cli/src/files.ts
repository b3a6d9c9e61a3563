import { access, constants, readFile } from "node:fs/promises";
import { eskipFileName, expandPaths } from "@bosun/cluster";
import { EskipParseError, parseDocument, type ParsedDocument } from "@bosun/eskip";
import { ExitCode, type CommandIo } from "./command.js";
import { InputError, unreadableFile } from "./input-error.js";

/** The eskip files named on a command line; a directory stands for its `*.eskip` files. */
export function expandEskipPaths(paths: readonly string[]): Promise<string[]> {
  return expandPaths(paths, eskipFileName);
}

/** Nothing, for a file that can be read; an InputError saying why, for one that cannot. */
export async function ensureReadable(file: string): Promise<void> {
  await access(file, constants.R_OK).catch((error: unknown) => {
    throw unreadableFile(file, error);
  });
}

/** The text of a file named on the command line; one that does not read is an InputError. */
export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw unreadableFile(file, error);
  }
}

/**
 * The files of a run over many that do not read. Each is one line on stderr, the rest of the
 * run goes on, and the run ends with status 2: what the operator named is not all there.
 */
export class UnreadableFiles {
  private count = 0;

  constructor(
    private readonly command: string,
    private readonly io: CommandIo,
  ) {}

  /** The file's text, or undefined once the line that says why it does not read is out. */
  async read(file: string): Promise<string | undefined> {
    try {
      return await readText(file);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.count++;
      this.io.stderr(`bosun ${this.command}: ${error.message}\n`);
      return undefined;
    }
  }

  /** Whether any file did not read. */
  get any(): boolean {
    return this.count > 0;
  }

  /** The run's exit status: `code`, unless a file did not read. */
  exitCode(code: ExitCode): ExitCode {
    return this.count > 0 ? ExitCode.usageError : code;
  }
}

/**
 * A routes file, parsed; undefined after `report` was given the reason it is not eskip (`detailed`
 * gives the error with its source line and caret). A file that does not read is an InputError.
 */
export async function readRoutesFile(
  file: string,
  report: (line: string) => void,
  detailed = false,
): Promise<ParsedDocument | undefined> {
  const text = await readText(file);
  try {
    return parseDocument(text, { source: file });
  } catch (error) {
    if (!(error instanceof EskipParseError)) throw error;
    report(`${detailed ? error.message : error.summary}\n`);
    return undefined;
  }
}
