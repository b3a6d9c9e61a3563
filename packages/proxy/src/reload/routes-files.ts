import { watch, type FSWatcher } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { EskipParseError, parseDocument, type Route } from "@bosun/eskip";

/** One routes file as read: its text, or why it could not be read. */
export type FileRead = { readonly file: string; readonly text: string } | { readonly file: string; readonly error: string };

/** The routes of a set of files, or why the set cannot be used. */
export type RoutesLoad =
  | {
      readonly ok: true;
      readonly routes: Route[];
      readonly text: string;
      readonly routeProblems: readonly string[];
      /** Files with nothing but white space: a table without their routes is worth a warning. */
      readonly emptyFiles: readonly string[];
    }
  | { readonly ok: false; readonly problems: readonly string[] };

export async function readRoutesFiles(files: readonly string[]): Promise<FileRead[]> {
  return Promise.all(
    files.map(async (file) => {
      try {
        return { file, text: await readFile(file, "utf8") };
      } catch (error) {
        return { file, error: `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
      }
    }),
  );
}

/**
 * Parses what was read. A file that cannot be read or is not eskip fails the whole load, so the
 * last good table keeps serving; a route that breaks a post-parse rule (§1.3) is left out alone,
 * with its file:line:col.
 */
export function parseRoutesFiles(reads: readonly FileRead[]): RoutesLoad {
  const routes: Route[] = [];
  const problems: string[] = [];
  const routeProblems: string[] = [];
  const emptyFiles: string[] = [];
  let text = "";
  for (const read of reads) {
    if ("error" in read) {
      problems.push(read.error);
      continue;
    }
    text += `${read.file}\0${read.text}\0`;
    if (read.text.trim() === "") emptyFiles.push(read.file);
    try {
      const document = parseDocument(read.text, { source: read.file });
      routes.push(...document.routes);
      routeProblems.push(...document.errors.map((error) => error.summary));
    } catch (error) {
      if (!(error instanceof EskipParseError)) throw error;
      problems.push(error.summary);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, routes, text, routeProblems, emptyFiles };
}

export async function loadRoutesFiles(files: readonly string[]): Promise<RoutesLoad> {
  return parseRoutesFiles(await readRoutesFiles(files));
}

/**
 * Calls `changed` after any of the files changes. It watches their directories, because editors
 * and `kubectl cp` replace a file rather than write it, and waits until no event has come for
 * `quietMs`. Whether the content itself has settled is settled-read's question.
 */
export function watchFiles(files: readonly string[], changed: () => void, quietMs = 50): { close(): void } {
  const names = new Map<string, Set<string>>();
  for (const file of files.map((path) => resolve(path))) {
    const directory = dirname(file);
    if (!names.has(directory)) names.set(directory, new Set());
    names.get(directory)!.add(basename(file));
  }
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(changed, quietMs);
  };
  const watchers: FSWatcher[] = [...names].map(([directory, watched]) =>
    watch(directory, (_event, name) => {
      if (name === null || watched.has(name.toString())) schedule();
    }),
  );
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
