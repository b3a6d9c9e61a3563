import { watch, type FSWatcher } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import type { WantedName } from "./expand-paths.js";

/**
 * Calls `changed` after anything a source reads changes: a named file, or a wanted file anywhere
 * below a named directory (one added or removed too). It watches directories, because editors and
 * `kubectl cp` replace a file rather than write it, and waits until no event has come for
 * `quietMs`; `changed` gets the time of the first event of the burst. Whether the content itself
 * has settled is settled-read's question.
 */
export async function watchPaths(
  paths: readonly string[],
  wanted: WantedName,
  changed: (firstEventAt: number) => void,
  quietMs = 50,
): Promise<{ close(): void }> {
  let timer: NodeJS.Timeout | undefined;
  let firstEventAt = 0;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    else firstEventAt = Date.now();
    timer = setTimeout(() => {
      timer = undefined;
      changed(firstEventAt);
    }, quietMs);
  };
  const watchers: FSWatcher[] = [];
  const namedFiles = new Map<string, Set<string>>();
  for (const path of paths.map((each) => resolve(each))) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      watchers.push(watch(path, { recursive: true }, (_event, name) => (name === null || wanted(basename(name.toString())) ? schedule() : undefined)));
      continue;
    }
    const directory = dirname(path);
    if (!namedFiles.has(directory)) namedFiles.set(directory, new Set());
    namedFiles.get(directory)!.add(basename(path));
  }
  for (const [directory, names] of namedFiles) {
    watchers.push(watch(directory, (_event, name) => (name === null || names.has(name.toString()) ? schedule() : undefined)));
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
