import { watch, type FSWatcher } from "node:fs";
import { readdir, stat } from "node:fs/promises";
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
  const trees: DirectoryTree[] = [];
  const namedFiles = new Map<string, Set<string>>();
  for (const path of paths.map((each) => resolve(each))) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      trees.push(await DirectoryTree.watch(path, wanted, schedule));
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
      for (const tree of trees) tree.close();
    },
  };
}

/**
 * A directory and every directory below it, each watched on its own: Node 20's recursive watch on
 * Linux watches each file it found, so a file replaced by a rename (as editors and `kubectl cp`
 * do) is never seen again, while a directory's watch sees every entry of it come and go. A
 * directory that comes later is watched from then on.
 */
class DirectoryTree {
  private readonly watchers = new Map<string, FSWatcher>();
  private closed = false;

  private constructor(
    private readonly root: string,
    private readonly wanted: WantedName,
    private readonly changed: () => void,
  ) {}

  static async watch(root: string, wanted: WantedName, changed: () => void): Promise<DirectoryTree> {
    const tree = new DirectoryTree(root, wanted, changed);
    await tree.watchNewDirectories();
    return tree;
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private async watchNewDirectories(): Promise<void> {
    for (const directory of await directoriesBelow(this.root)) {
      if (this.closed || this.watchers.has(directory)) continue;
      const watcher = watch(directory, (_event, name) => this.entryChanged(directory, name?.toString() ?? null));
      // A directory removed ends its watch: it is watched again if it comes back.
      watcher.on("error", () => this.forget(directory));
      this.watchers.set(directory, watcher);
    }
  }

  private entryChanged(directory: string, name: string | null): void {
    if (name === null || this.wanted(name)) return this.changed();
    const path = resolve(directory, name);
    if (this.watchers.has(path)) {
      // A directory below went or was replaced: what it held may have gone with it.
      this.forget(path);
      this.changed();
    }
    void stat(path).then(
      (info) => {
        if (!info.isDirectory()) return;
        this.changed();
        return this.watchNewDirectories();
      },
      () => undefined,
    );
  }

  private forget(directory: string): void {
    this.watchers.get(directory)?.close();
    this.watchers.delete(directory);
  }
}

/** The directory and every directory below it, links not followed. */
async function directoriesBelow(root: string): Promise<string[]> {
  const found = [root];
  for (let i = 0; i < found.length; i++) {
    const entries = await readdir(found[i]!, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) if (entry.isDirectory()) found.push(resolve(found[i]!, entry.name));
  }
  return found;
}
