/** An Int32Array written front to back, grown as needed, then cut to its length. */
export class Int32Writer {
  private store = new Int32Array(1024);
  length = 0;

  /** Appends one value; returns where it went. */
  add(value: number): number {
    if (this.length === this.store.length) this.reserve(1);
    this.store[this.length] = value;
    return this.length++;
  }

  /** Sets a value written earlier. */
  set(at: number, value: number): void {
    this.store[at] = value;
  }

  private reserve(count: number): void {
    if (this.length + count <= this.store.length) return;
    const grown = new Int32Array(Math.max(this.store.length * 2, this.length + count));
    grown.set(this.store);
    this.store = grown;
  }

  seal(): Int32Array {
    return this.store.slice(0, this.length);
  }
}
