import type { ProxyTable } from "./proxy-table.js";

/**
 * The table in service. A swap is one assignment: a request reads `current` once, when it
 * starts, and finishes on that table whatever happens after.
 */
export class TableHolder {
  private table: ProxyTable;
  private updatedAt: number;

  constructor(initial: ProxyTable, now: number) {
    this.table = initial;
    this.updatedAt = now;
  }

  get current(): ProxyTable {
    return this.table;
  }

  /** Milliseconds since the epoch of the last successful swap. */
  get lastUpdate(): number {
    return this.updatedAt;
  }

  swap(table: ProxyTable, now: number): void {
    this.table = table;
    this.updatedAt = now;
  }
}
