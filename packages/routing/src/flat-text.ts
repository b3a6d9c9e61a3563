/**
 * Many short strings kept as one: each is an offset and a length into a single flat string, so a
 * lookup that compares a request's segment with a key reads one piece of memory, not a string
 * object of its own somewhere on the heap.
 */
export class FlatTextBuilder {
  private readonly parts: string[] = [];
  private length = 0;

  /** Appends a key; returns where it starts. */
  add(key: string): number {
    const start = this.length;
    this.parts.push(key);
    this.length += key.length;
    return start;
  }

  build(): string {
    return this.parts.join("");
  }
}

/** Whether `a[aStart, aStart + length)` and `b[bStart, bStart + length)` hold the same UTF-16 units. */
export function slicesEqual(a: string, aStart: number, b: string, bStart: number, length: number): boolean {
  for (let i = 0; i < length; i++) {
    if (a.charCodeAt(aStart + i) !== b.charCodeAt(bStart + i)) return false;
  }
  return true;
}
