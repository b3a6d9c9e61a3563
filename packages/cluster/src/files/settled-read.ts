import { setTimeout as sleep } from "node:timers/promises";
import { isEmptyRead, readsKey, type FileRead } from "./read-files.js";

export interface SettleOptions {
  /** Two reads this far apart must agree before the content is used. */
  readonly settleMs: number;
  /** Reads before giving up on files that keep changing; their next change tries again. */
  readonly maxReads: number;
  /** A file that turns empty must stay empty this long before its routes are dropped. */
  readonly emptyConfirmMs: number;
}

export const defaultSettleOptions: SettleOptions = { settleMs: 100, maxReads: 20, emptyConfirmMs: 1_000 };

/**
 * The files once a change has settled, so that a file caught in the middle of a write (empty, or
 * cut short for a moment) never reaches the table: reads `settleMs` apart until two agree. A file
 * that had routes and now reads empty is read again after `emptyConfirmMs`, since editors and
 * `>` redirections truncate before they write. Undefined when the files kept changing.
 */
export async function readSettled(read: () => Promise<FileRead[]>, wasEmpty: (file: string) => boolean, options: SettleOptions): Promise<FileRead[] | undefined> {
  const settled = await readUntilAgreed(read, options);
  if (settled === undefined || !settled.some((each) => isEmptyRead(each) && !wasEmpty(each.file))) return settled;
  await sleep(options.emptyConfirmMs);
  return readUntilAgreed(read, options);
}

async function readUntilAgreed(read: () => Promise<FileRead[]>, options: SettleOptions): Promise<FileRead[] | undefined> {
  let previous = await read();
  for (let reads = 1; reads < options.maxReads; reads++) {
    await sleep(options.settleMs);
    const next = await read();
    if (readsKey(previous) === readsKey(next)) return next;
    previous = next;
  }
  return undefined;
}
