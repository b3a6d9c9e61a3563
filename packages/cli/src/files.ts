import { readdir, readFile, stat } from "node:fs/promises";
import { EskipParseError, parseDocument, type ParsedDocument } from "@bosun/eskip";
import { join } from "node:path";

/**
 * The files named on a command line: a file is taken as it is, a directory gives every file below
 * it whose name `wanted` accepts, in a stable order.
 */
export async function expandPaths(paths: readonly string[], wanted: (name: string) => boolean): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) files.push(...(await filesBelow(path, wanted)));
    else files.push(path);
  }
  return files;
}

async function filesBelow(directory: string, wanted: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && wanted(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The eskip files named on a command line; a directory stands for its `*.eskip` files. */
export function expandEskipPaths(paths: readonly string[]): Promise<string[]> {
  return expandPaths(paths, (name) => name.endsWith(".eskip"));
}

/** Why a file could not be read, for a message: the error code (`ENOENT`) where there is one. */
export function readError(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** The text of a file, or undefined after `report` was told why it cannot be read. */
export async function readText(file: string, report: (line: string) => void): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    report(`${file}: cannot read: ${readError(error)}\n`);
    return undefined;
  }
}

/**
 * A routes file, parsed; undefined after `report` was given the reason it could not be: the file
 * does not read, or is not eskip (`detailed` gives the error with its source line and caret).
 */
export async function readRoutesFile(
  file: string,
  report: (line: string) => void,
  detailed = false,
): Promise<ParsedDocument | undefined> {
  const text = await readText(file, report);
  if (text === undefined) return undefined;
  try {
    return parseDocument(text, { source: file });
  } catch (error) {
    if (!(error instanceof EskipParseError)) throw error;
    report(`${detailed ? error.message : error.summary}\n`);
    return undefined;
  }
}
