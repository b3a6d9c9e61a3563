import { FlatTextBuilder, slicesEqual } from "./flat-text.js";

/**
 * A map from (owner, text) to a number, asked with a slice of a longer string that is never cut
 * out: a path segment under a tree node, or a whole path. Keys live in one flat string and slots
 * in one Int32Array, so a lookup reads a slot and a piece of key text instead of a Map's buckets,
 * its entries and a key string elsewhere on the heap.
 */

/** Per slot: hash (0 when empty), owner, key start in `keyText`, key length, value. */
const slotStride = 5;

export interface SliceKeyedEntry {
  readonly owner: number;
  readonly key: string;
  readonly value: number;
}

export class SliceKeyedTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly keyText: string;

  constructor(entries: readonly SliceKeyedEntry[]) {
    const slotCount = 2 ** Math.ceil(Math.log2(Math.max(2, entries.length * 2)));
    this.slots = new Int32Array(slotCount * slotStride);
    this.mask = slotCount - 1;
    const keys = new FlatTextBuilder();
    for (const { owner, key, value } of entries) {
      const hash = sliceHash(owner, key, 0, key.length);
      let slot = hash & this.mask;
      while (this.slots[slot * slotStride] !== 0) slot = (slot + 1) & this.mask;
      const record = slot * slotStride;
      this.slots[record] = hash;
      this.slots[record + 1] = owner;
      this.slots[record + 2] = keys.add(key);
      this.slots[record + 3] = key.length;
      this.slots[record + 4] = value;
    }
    this.keyText = keys.build();
  }

  /** The value of the owner's key equal to `text[start, end)`, or -1. */
  get(owner: number, text: string, start: number, end: number): number {
    const slots = this.slots;
    const hash = sliceHash(owner, text, start, end);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const record = slot * slotStride;
      const slotHash = slots[record]!;
      if (slotHash === 0) return -1;
      // For one key the hash is a bijection of the owner, so only the remap of 0 lets two owners'
      // hashes meet; the owner is compared all the same, as it costs nothing.
      if (slotHash === hash && slots[record + 1] === owner && this.keyEquals(record, text, start, end)) return slots[record + 4]!;
    }
  }

  private keyEquals(record: number, text: string, start: number, end: number): boolean {
    return this.slots[record + 3] === end - start && slicesEqual(this.keyText, this.slots[record + 2]!, text, start, end - start);
  }
}

/** FNV-1a over the owner and the slice's UTF-16 units, never 0 (0 marks an empty slot). */
function sliceHash(owner: number, text: string, start: number, end: number): number {
  let hash = Math.imul(0x811c9dc5 ^ owner, 0x01000193);
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 15;
  return hash === 0 ? 1 : hash;
}
