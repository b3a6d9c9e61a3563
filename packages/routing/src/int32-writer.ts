/** An Int32Array written front to back, grown as needed, then cut to its length. */
export class Int32Writer {
  private store = new Int32Array(1024);
  length = 0;

  /** Returns where the value went. */
  add(value: number): number {
    if (this.length === this.store.length) this.grow();
    this.store[this.length] = value;
    return this.length++;
  }

  set(at: number, value: number): void {
    this.store[at] = value;
  }

  private grow(): void {
    const grown = new Int32Array(this.store.length * 2);
    grown.set(this.store);
    this.store = grown;
  }

  seal(): Int32Array {
    return this.store.slice(0, this.length);
  }
}
