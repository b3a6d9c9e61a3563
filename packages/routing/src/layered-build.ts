import type { Route, Work } from "@bosun/eskip";
import type { CompiledRoute } from "./compile-route.js";
import { treeKeys, type TreeKey } from "./path-pattern.js";
import type { RejectedRoute } from "./route-problem.js";

/**
 * The plan of a table built as a layer of changes over the last table built whole (table.ts):
 * which routes of the whole table still serve as they are, which are masked, and the new and
 * changed routes with their places in Skipper's order among all of them.
 *
 * Equal weights keep input order (skipper-semantics §2.2), so each route carries its input
 * position, and the kept routes keep the positions the whole table gave them. A new route goes
 * between the kept routes around it: its position is a fraction between theirs.
 *
 * A plan costs a few passes over arrays and one map lookup per route, so that a change to one
 * object of a 10k-route cluster stays within a few ms. There is none, and the table is built
 * whole, when the kept routes are no longer in their old order, when an id is repeated (whose
 * rules are the whole build's), or when the changes add up past the limit.
 */

/** A table built whole, as the layer of changes over it needs it. */
export interface WholeTable {
  readonly compiled: readonly CompiledRoute[];
  /** Each route's place in `compiled`. */
  slotsByRoute(): ReadonlyMap<Route, number>;
  slotsById(): ReadonlyMap<string, number>;
  /** Where each route's candidates are in the lookup layer, by its place in `compiled`. */
  payloadPositionsBySlot(): readonly (readonly number[])[];
}

/** The table a new one is built after: the whole table under it, and its own changes. */
export interface BaseOfChanges {
  readonly base: WholeTable;
  readonly changed: readonly CompiledRoute[];
  /** Routes that did not compile: rejected again without compiling, they are no change. */
  readonly failures: ReadonlyMap<Route, RejectedRoute>;
}

export interface Changes {
  /** Every route that serves, in the table's order. */
  readonly compiled: readonly CompiledRoute[];
  readonly rejected: RejectedRoute[];
  readonly failures: Map<Route, RejectedRoute>;
  /** The routes of the layer of changes, in the table's order, and their tree keys. */
  readonly changed: readonly CompiledRoute[];
  readonly changedKeys: readonly (readonly TreeKey[] | undefined)[];
  /** The payload positions of the whole table's routes that no longer serve as they were. */
  readonly masked: ReadonlySet<number>;
}

/** A route compiled with its tree keys, or why it cannot be. */
export type Compile = (route: Route, index: number) => { compiled: CompiledRoute; keys: readonly TreeKey[] | undefined } | RejectedRoute;

/**
 * How many routes may differ from the whole table before the next table is built whole: the
 * layer of changes is built anew at each change, so it must stay small for a change to stay cheap.
 */
function changeLimit(wholeSize: number): number {
  return Math.min(256, Math.max(32, wholeSize >> 3));
}

/**
 * Passes over the input pause once per this many routes. Each run is a plain loop: the same loop
 * in the generator, pausing as it goes, cost 3 times as much, which at 10k routes was most of a change.
 */
const runLength = 1024;

/** `slotsGiven`: per input route, its place in the whole table or -1, when the caller has them (table.ts). */
export function* changesOver(input: readonly Route[], previous: BaseOfChanges, compile: Compile, slotsGiven?: Int32Array): Work<Changes | undefined> {
  const whole = previous.base;
  const slotOf = slotsGiven === undefined ? whole.slotsByRoute() : undefined;
  const limit = changeLimit(whole.compiled.length);
  // Per input position, the route's place in the whole table, or -1; per place, its input position, or -1.
  const wholeSlotAt = slotsGiven ?? new Int32Array(input.length);
  const present = new Int32Array(whole.compiled.length).fill(-1);
  const freshAt: number[] = [];
  /** Places the routes of [from, to); false when there are too many changes or a route comes twice. */
  const locate = (from: number, to: number): boolean => {
    for (let at = from; at < to; at++) {
      const slot = slotOf === undefined ? wholeSlotAt[at]! : (wholeSlotAt[at] = slotOf.get(input[at]!) ?? -1);
      if (slot < 0) {
        if (!previous.failures.has(input[at]!) && freshAt.push(at) > limit) return false;
      } else {
        if (present[slot]! >= 0) return false;
        present[slot] = at;
      }
    }
    return true;
  };
  for (let from = 0; from < input.length; from += runLength) {
    if (!locate(from, Math.min(input.length, from + runLength))) return undefined;
    yield;
  }
  const made = yield* compileFresh(input, freshAt, previous, compile, whole, present);
  if (made === undefined) return undefined;
  const placed = yield* placeInOrder(input, wholeSlotAt, whole, made, previous.failures);
  if (placed === undefined) return undefined;
  const masked = new Set<number>();
  let maskedRoutes = 0;
  const positions = whole.payloadPositionsBySlot();
  for (let slot = 0; slot < present.length; slot++) {
    if (present[slot]! >= 0) continue;
    maskedRoutes++;
    for (const position of positions[slot]!) masked.add(position);
  }
  if (maskedRoutes + placed.changed.length > limit) return undefined;
  return { ...placed, masked };
}

interface Made {
  readonly byInput: Map<number, { compiled: CompiledRoute; keys: readonly TreeKey[] | undefined }>;
  /** The new routes that did not compile. */
  readonly failures: Map<Route, RejectedRoute>;
}

/** The routes the whole table does not have, compiled (or reused from the table before); undefined on a repeated id. */
function* compileFresh(input: readonly Route[], freshAt: readonly number[], previous: Pick<BaseOfChanges, "changed">, compile: Compile, whole: WholeTable, present: Int32Array): Work<Made | undefined> {
  const changedBefore = new Map(previous.changed.map((compiled) => [compiled.route, compiled]));
  const wholeIds = whole.slotsById();
  const freshIds = new Set<string>();
  const byInput: Made["byInput"] = new Map();
  const failures = new Map<Route, RejectedRoute>();
  for (const at of freshAt) {
    const route = input[at]!;
    const before = changedBefore.get(route);
    const made = before ? { compiled: before, keys: before.treePath ? treeKeys(before.treePath) : undefined } : compile(route, at);
    if ("problems" in made) {
      failures.set(route, made);
      continue;
    }
    const wholeSlot = wholeIds.get(route.id);
    if ((wholeSlot !== undefined && present[wholeSlot]! >= 0) || freshIds.has(route.id)) return undefined;
    freshIds.add(route.id);
    byInput.set(at, made);
    yield;
  }
  return { byInput, failures };
}

/**
 * Every route that serves, in input order (with no repeated id, the table's order), each new one
 * at a fractional position between the kept routes around it; undefined when the kept routes are
 * out of their old order. Rejections in input order, as a whole build lists them.
 */
function* placeInOrder(
  input: readonly Route[],
  wholeSlotAt: Int32Array,
  whole: WholeTable,
  made: Made,
  failedBefore: ReadonlyMap<Route, RejectedRoute>,
): Work<Omit<Changes, "masked"> | undefined> {
  const compiled: CompiledRoute[] = [];
  const rejected: RejectedRoute[] = [];
  const failures = new Map<Route, RejectedRoute>();
  const changed: CompiledRoute[] = [];
  const changedKeys: (readonly TreeKey[] | undefined)[] = [];
  let pending: Array<{ compiled: CompiledRoute; keys: readonly TreeKey[] | undefined }> = [];
  let lastKept = -1;
  const place = (upTo: number) => {
    if (pending.length === 0) return;
    pending.forEach((entry, k) => {
      const route = { ...entry.compiled, index: lastKept + ((k + 1) * (upTo - lastKept)) / (pending.length + 1) };
      compiled.push(route);
      changed.push(route);
      changedKeys.push(entry.keys);
    });
    pending = [];
  };
  /** Orders the routes of [from, to); false when the kept ones are out of their old order. */
  const order = (from: number, to: number): boolean => {
    for (let at = from; at < to; at++) {
      const slot = wholeSlotAt[at]!;
      if (slot >= 0) {
        const kept = whole.compiled[slot]!;
        if (kept.index <= lastKept) return false;
        place(kept.index);
        lastKept = kept.index;
        compiled.push(kept);
      } else {
        const fresh = made.byInput.get(at);
        const route = input[at]!;
        if (fresh) {
          pending.push(fresh);
        } else {
          const rejection = made.failures.get(route) ?? failedBefore.get(route)!;
          failures.set(route, rejection);
          rejected.push(rejection);
        }
      }
    }
    return true;
  };
  for (let from = 0; from < input.length; from += runLength) {
    if (!order(from, Math.min(input.length, from + runLength))) return undefined;
    yield;
  }
  place(lastKept + pending.length + 1);
  return { compiled, rejected, failures, changed, changedKeys };
}
