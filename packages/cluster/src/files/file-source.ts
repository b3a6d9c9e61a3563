import { routesGeneration, type Problem, type Route, type RouteSnapshot, type RouteSource, type SnapshotSink } from "@bosun/eskip";
import { expandPaths, type WantedName } from "./expand-paths.js";
import { isEmptyRead, readFiles, readsKey, type FileRead } from "./read-files.js";
import { defaultSettleOptions, readSettled, type SettleOptions } from "./settled-read.js";
import { watchPaths } from "./watch-paths.js";

/** What a source makes of the files it read: its routes, or the problems that keep it from any. */
export type FilesReading =
  | { readonly routes: readonly Route[]; readonly problems: readonly Problem[]; readonly inputs: RouteSnapshot["inputs"] }
  | { readonly failed: readonly Problem[] };

export interface FileSourceOptions {
  /** Follow changes to the files. Default true. */
  readonly watch?: boolean;
  /** How a watched change settles before it is read (settled-read.ts). */
  readonly settle?: Partial<SettleOptions>;
  readonly now?: () => number;
}

/**
 * A source that reads files: named ones, and the wanted files below named directories (found
 * anew on each read, so that a file added to a directory is served). A change is read once it
 * has settled; the same content twice makes no second snapshot. Reads run one after another.
 */
export class FileSource implements RouteSource {
  readonly mustLoadAtStart = true;
  private sink: SnapshotSink | undefined;
  private watcher: { close(): void } | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** What was last delivered, snapshot or failure: the same reads are not delivered twice. */
  private deliveredKey: string | undefined;
  /** The files that were empty in the last snapshot: emptying one again needs no confirmation. */
  private emptyFiles: ReadonlySet<string> = new Set();
  private readonly now: () => number;

  constructor(
    readonly name: string,
    private readonly paths: readonly string[],
    private readonly wanted: WantedName,
    private readonly interpret: (reads: readonly FileRead[]) => FilesReading,
    private readonly options: FileSourceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  async start(sink: SnapshotSink): Promise<void> {
    this.sink = sink;
    await this.refresh();
    if (this.options.watch ?? true) this.watcher = await watchPaths(this.paths, this.wanted, (firstEventAt) => void this.changed(firstEventAt));
  }

  refresh(): Promise<void> {
    return this.enqueue(() => this.read(), this.now());
  }

  async close(): Promise<void> {
    this.watcher?.close();
    await this.queue;
  }

  private changed(firstEventAt: number): Promise<void> {
    const settle = { ...defaultSettleOptions, ...this.options.settle };
    return this.enqueue(() => readSettled(() => this.read(), (file) => this.emptyFiles.has(file), settle), firstEventAt);
  }

  private async read(): Promise<FileRead[]> {
    return readFiles(await expandPaths(this.paths, this.wanted));
  }

  private enqueue(read: () => Promise<FileRead[] | undefined>, changedAt: number): Promise<void> {
    this.queue = this.queue.then(async () => {
      const reads = await read();
      // Files that kept changing: their next change, which the watcher will see, tries again.
      if (reads === undefined) return;
      const key = readsKey(reads);
      if (key === this.deliveredKey) return;
      this.deliveredKey = key;
      const reading = this.interpret(reads);
      if ("failed" in reading) return this.sink?.failed(reading.failed);
      this.emptyFiles = new Set(reads.filter(isEmptyRead).map((each) => each.file));
      this.sink?.snapshot({ ...reading, generation: routesGeneration(reading.routes), changedAt });
    });
    return this.queue;
  }
}
