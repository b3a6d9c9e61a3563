/** Line, column and byte positions of offsets in one source text. */
export class SourceText {
  private lineStarts: number[] | undefined;

  constructor(readonly text: string) {}

  /** 1-based line and column of a UTF-16 offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.starts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  }

  /** The text of the 1-based line, without its line break. */
  lineText(line: number): string {
    const starts = this.starts();
    const start = starts[line - 1] ?? this.text.length;
    const next = starts[line];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, "");
  }

  /** Skipper counts positions in bytes of UTF-8. */
  byteOffset(offset: number): number {
    const prefix = this.text.slice(0, offset);
    // eslint-disable-next-line no-control-regex
    return /^[\x00-\x7f]*$/.test(prefix) ? offset : new TextEncoder().encode(prefix).length;
  }

  private starts(): number[] {
    if (this.lineStarts === undefined) {
      const starts = [0];
      for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}
