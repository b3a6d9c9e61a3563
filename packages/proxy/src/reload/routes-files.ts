import { watch, type FSWatcher } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { EskipParseError, parseDocument, type Route } from "@bosun/eskip";

/** The routes of a set of files, or why the set cannot be used. */
export type RoutesLoad =
  | { readonly ok: true; readonly routes: Route[]; readonly text: string; readonly routeProblems: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Reads and parses eskip files. A file that cannot be read or is not eskip fails the whole load,
 * so the last good table keeps serving; a route that breaks a post-parse rule (§1.3) is left out
 * alone, with its file:line:col.
 */
export async function loadRoutesFiles(files: readonly string[]): Promise<RoutesLoad> {
  const routes: Route[] = [];
  const problems: string[] = [];
  const routeProblems: string[] = [];
  let text = "";
  for (const file of files) {
    let source: string;
    try {
      source = await readFile(file, "utf8");
    } catch (error) {
      problems.push(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      continue;
    }
    text += `${file}\0${source}\0`;
    try {
      const document = parseDocument(source, { source: file });
      routes.push(...document.routes);
      routeProblems.push(...document.errors.map((error) => error.summary));
    } catch (error) {
      if (!(error instanceof EskipParseError)) throw error;
      problems.push(error.summary);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, routes, text, routeProblems };
}

/**
 * Calls `changed` after any of the files changes. It watches their directories, because editors
 * and `kubectl cp` replace a file rather than write it, and waits for writes to settle.
 */
export function watchFiles(files: readonly string[], changed: () => void, settleMs = 50): { close(): void } {
  const names = new Map<string, Set<string>>();
  for (const file of files.map((path) => resolve(path))) {
    const directory = dirname(file);
    if (!names.has(directory)) names.set(directory, new Set());
    names.get(directory)!.add(basename(file));
  }
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(changed, settleMs);
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
