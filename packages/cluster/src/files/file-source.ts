import type { RouteSource, SnapshotSink } from "@bosun/eskip";
import { interpretHere, type FilesReading, type Interpretation } from "./interpretation.js";
import { OffThreadInterpreter } from "./off-thread.js";
import { expandPaths, type WantedName } from "./expand-paths.js";
import { isEmptyRead, readFiles, readsKey, type FileRead } from "./read-files.js";
import { defaultSettleOptions, readSettled, type SettleOptions } from "./settled-read.js";
import { watchPaths } from "./watch-paths.js";

export interface FileSourceOptions {
  /** Follow changes to the files. Default true. */
  readonly watch?: boolean;
  /** How a watched change settles before it is read (settled-read.ts). */
  readonly settle?: Partial<SettleOptions>;
  readonly now?: () => number;
  /** Parse and compile in a worker thread (default), or on this one. */
  readonly offThread?: boolean;
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
  private readonly worker: OffThreadInterpreter | undefined;

  constructor(
    readonly name: string,
    private readonly paths: readonly string[],
    private readonly wanted: WantedName,
    private readonly interpretation: Interpretation,
    private readonly options: FileSourceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.worker = (options.offThread ?? true) ? new OffThreadInterpreter() : undefined;
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
    await this.worker?.close();
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
      let reading: FilesReading;
      try {
        reading = this.worker ? await this.worker.interpret(this.interpretation, reads) : interpretHere(this.interpretation, reads);
      } catch (error) {
        // A bug, or a worker that died: the last good routes keep serving, and the next change tries again.
        this.deliveredKey = undefined;
        const reason = `the files could not be read into routes: ${error instanceof Error ? error.message : String(error)}`;
        return this.sink?.failed([{ level: "error", place: { kind: "other", what: this.name }, code: "internal", reason }]);
      }
      if ("failed" in reading) return this.sink?.failed(reading.failed);
      this.emptyFiles = new Set(reads.filter(isEmptyRead).map((each) => each.file));
      this.sink?.snapshot({ ...reading, changedAt });
    });
    return this.queue;
  }
}
