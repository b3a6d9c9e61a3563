import { runNow, type Route, type Work } from "@bosun/eskip";
import { byLookupOrder } from "./candidate.js";
import { compileRoute, RouteRejection, type CompiledRoute } from "./compile-route.js";
import { changesOver, type BaseOfChanges, type Compile, type WholeTable } from "./layered-build.js";
import { anyInListenerDomain, buildingListenerLayers, noListenerLayers, type ListenerLayers } from "./listener-domains.js";
import { LookupLayer } from "./lookup-layer.js";
import { rejectedRoute, type RejectedRoute, type RouteProblem } from "./route-problem.js";
import { systemEnvironment } from "./match-context.js";
import type { RouteMatch } from "./matches.js";
import { PathPatternError, treeKeys, type TreeKey } from "./path-pattern.js";
import type { PredicateEnvironment } from "./predicate.js";
import { defaultPredicateRegistry, type PredicateRegistry } from "./registry.js";
import type { RoutingRequest } from "./request.js";

export type { RouteMatch } from "./matches.js";
export type { RejectedRoute } from "./route-problem.js";

export interface RouteTableOptions {
  readonly registry?: PredicateRegistry;
  /** The clock and random source predicates use; tests pass their own. */
  readonly environment?: Partial<PredicateEnvironment>;
  /** The filters' names, so that a filter written as a predicate is told apart from an unknown name. */
  readonly isFilterName?: (name: string) => boolean;
  /**
   * The table this one replaces, built with the same registry and environment: a route that is
   * the very object it had keeps its compiled predicates (regexps, Traffic's ranges), and a change
   * to a few routes is built as a small layer over the last table built whole. Without a registry
   * of its own, the table takes its.
   */
  readonly previous?: RouteTable;
  /**
   * Per input route, its place in `previous.base.compiled` (`previous.base.slotsByRoute()`), or
   * -1: a caller that has looked every route up already saves the table a lookup per route.
   */
  readonly slotsInPreviousBase?: Int32Array;
  /** Build the table whole even where a layer of changes would do (still reusing what `previous` compiled). */
  readonly whole?: boolean;
}


/**
 * An immutable route table (skipper-semantics §2). Building it instantiates every predicate and
 * indexes the routes by path and host (lookup-layer.ts).
 *
 * A table built after another that differs in a few routes shares the other's lookup layer, with
 * the routes that are gone or changed masked, and indexes only the new and changed routes, in a
 * second, small layer: a lookup asks both and takes the winner that Skipper's order puts first.
 * A change to one object of a 10k-route cluster then costs a small fraction of a whole build; once
 * the changes add up, the next table is built whole again (layered-build.ts).
 *
 * Routes with a Listener predicate are served from a layer per listener instead, and only to
 * requests of that listener; the layers above hold only the routes without one
 * (listener-domains.ts).
 */
export class RouteTable implements BaseOfChanges, WholeTable {
  readonly rejected: readonly RejectedRoute[];
  readonly compiled: readonly CompiledRoute[];
  readonly environment: PredicateEnvironment;
  readonly registry: PredicateRegistry;
  /** The routes of the layer of changes, with their places in Skipper's order among all routes. */
  readonly changed: readonly CompiledRoute[];
  /** The table built whole whose layer this one shares: itself when it was built whole. */
  readonly base: RouteTable;
  readonly layer: LookupLayer;
  /** The routes that did not compile, with why: a table built after this one rejects them again without compiling them. */
  readonly failures: ReadonlyMap<Route, RejectedRoute>;
  private readonly changes: LookupLayer | undefined;
  private readonly listenerLayers: ListenerLayers;
  private forChanges: ForChanges | undefined;
  private routeList: Route[] | undefined;

  private constructor(parts: {
    environment: PredicateEnvironment;
    registry: PredicateRegistry;
    layer: LookupLayer;
    changes: LookupLayer | undefined;
    listenerLayers: ListenerLayers;
    changed: readonly CompiledRoute[];
    base: RouteTable | undefined;
    compiled: readonly CompiledRoute[];
    rejected: RejectedRoute[];
    failures: ReadonlyMap<Route, RejectedRoute>;
  }) {
    this.environment = parts.environment;
    this.registry = parts.registry;
    this.layer = parts.layer;
    this.changes = parts.changes;
    this.listenerLayers = parts.listenerLayers;
    this.changed = parts.changed;
    this.base = parts.base ?? this;
    this.compiled = parts.compiled;
    this.rejected = parts.rejected;
    this.failures = parts.failures;
  }

  /** Builds a table; routes that cannot be used are listed in `rejected`, the rest serve. */
  static build(routes: readonly Route[], options: RouteTableOptions = {}): RouteTable {
    return runNow(RouteTable.building(routes, options));
  }

  /** The same build as work that pauses every few routes (slices-of-work.ts). */
  static *building(input: readonly Route[], options: RouteTableOptions = {}): Work<RouteTable> {
    const environment = { ...systemEnvironment, ...options.environment };
    const registry = options.registry ?? options.previous?.registry ?? defaultPredicateRegistry();
    const given = options.previous;
    const previous = given && given.registry === registry && sameEnvironment(given.environment, environment) ? given : undefined;
    const compile: Compile = (route, index) => {
      try {
        const compiled = compileRoute(route, index, registry, environment, options.isFilterName);
        return { compiled, keys: compiled.treePath ? treeKeys(compiled.treePath) : undefined };
      } catch (error) {
        return rejectedRoute(route, compileProblems(error, route));
      }
    };
    const givenSlots = previous !== undefined && options.slotsInPreviousBase?.length === input.length ? options.slotsInPreviousBase : undefined;
    if (previous && !options.whole) {
      const changes = yield* changesOver(input, previous, compile, givenSlots);
      if (changes) {
        const layer = changes.masked.size > 0 ? previous.base.layer.withMasked(changes.masked) : previous.base.layer;
        const changesLayer = changes.changed.length > 0 ? yield* LookupLayer.building(changes.changed, changes.changedKeys, environment) : undefined;
        // Every route of this table is kept from the whole table or is in the changes, so when
        // neither has a listener route (no Gateway routes, the common case today) this one has
        // none, for a look at the few changed routes. The previous table's listener layers would
        // not do as the test: a route of the whole table that it had left out may be back.
        // Otherwise the listener layers are built anew from the compiled routes at every change (a
        // pass over the routes, and the build of the listener routes' layers) rather than layered
        // with masks of their own: Gateway routes are few beside the others, and one layer of
        // changes with its masks is machinery enough.
        const listenerLayers = previous.base.listenerLayers.size > 0 || anyInListenerDomain(changes.changed) ? yield* buildingListenerLayers(changes.compiled, environment) : noListenerLayers;
        return new RouteTable({ environment, registry, layer, changes: changesLayer, listenerLayers, changed: changes.changed, base: previous.base, compiled: changes.compiled, rejected: changes.rejected, failures: changes.failures });
      }
    }
    const before = previous?.slotsByRoute();
    const { built, keysOf, rejected, failures, anyListener } = yield* compileAll(input, (route, index) => {
      const slot = before?.get(route);
      if (slot === undefined) return previous?.failures.get(route) ?? compile(route, index);
      const kept = previous!.compiled[slot]!;
      const compiled = kept.index === index ? kept : { ...kept, index };
      return { compiled, keys: compiled.treePath ? treeKeys(compiled.treePath) : undefined };
    });
    const layer = yield* LookupLayer.building(built, keysOf, environment);
    const listenerLayers = anyListener ? yield* buildingListenerLayers(built, environment) : noListenerLayers;
    return new RouteTable({ environment, registry, layer, changes: undefined, listenerLayers, changed: [], base: undefined, compiled: built, rejected, failures });
  }

  /** The route Skipper would choose for the request, or undefined when none matches. */
  lookup(request: RoutingRequest): RouteMatch | undefined {
    const listener = request.listener;
    if (listener !== undefined) return this.listenerLayers.get(listener)?.first(request)?.matchFor(request.path);
    const found = this.layer.first(request);
    if (this.changes === undefined) return found?.matchFor(request.path);
    const changed = this.changes.first(request);
    const winner = changed === undefined || (found !== undefined && byLookupOrder(found.candidate, changed.candidate) < 0) ? found : changed;
    return winner?.matchFor(request.path);
  }

  /** The routes that serve, in the table's order; made when first asked, as a change need not make them. */
  get routes(): readonly Route[] {
    this.routeList ??= this.compiled.map((entry) => entry.route);
    return this.routeList;
  }

  get size(): number {
    return this.compiled.length;
  }

  slotsByRoute(): ReadonlyMap<Route, number> {
    return runNow(this.preparingForChanges()).slotsByRoute;
  }

  slotsById(): ReadonlyMap<string, number> {
    return runNow(this.preparingForChanges()).slotsById;
  }

  /** Where each route's candidates are in the layer, by its slot. */
  payloadPositionsBySlot(): readonly (readonly number[])[] {
    return runNow(this.preparingForChanges()).positionsBySlot;
  }

  /**
   * What a layer of changes over this table needs of it, made once, in slices: a proxy prepares
   * it after each whole build, so that the first change after it costs no more than the others.
   */
  *preparingForChanges(): Work<ForChanges> {
    if (this.forChanges === undefined) {
      const slotsByRoute = new Map<Route, number>();
      const slotsById = new Map<string, number>();
      const positionsBySlot: number[][] = [];
      for (let slot = 0; slot < this.compiled.length; slot++) {
        const route = this.compiled[slot]!.route;
        slotsByRoute.set(route, slot);
        slotsById.set(route.id, slot);
        positionsBySlot.push([]);
        if ((slot & 1023) === 1023) yield;
      }
      // Only a table built whole is ever layered over: one with a layer of its own needs no positions.
      let counted = 0;
      for (const { compiled, position } of this.base === this ? this.layer.payloadPositions() : []) {
        positionsBySlot[slotsByRoute.get(compiled.route)!]!.push(position);
        if ((++counted & 1023) === 1023) yield;
      }
      this.forChanges = { slotsByRoute, slotsById, positionsBySlot };
    }
    return this.forChanges;
  }
}

interface ForChanges {
  readonly slotsByRoute: Map<Route, number>;
  readonly slotsById: Map<string, number>;
  readonly positionsBySlot: number[][];
}

function sameEnvironment(a: PredicateEnvironment, b: PredicateEnvironment): boolean {
  return a.now === b.now && a.random === b.random;
}

interface CompiledInput {
  /** The routes that serve, in the table's order. */
  readonly built: CompiledRoute[];
  /** Their tree keys, by the same slots. */
  readonly keysOf: (readonly TreeKey[] | undefined)[];
  readonly rejected: RejectedRoute[];
  /** The routes that did not compile, with why. */
  readonly failures: Map<Route, RejectedRoute>;
  /** Whether a route compiled has a Listener predicate: without one, no listener layer is looked for. */
  readonly anyListener: boolean;
}

/**
 * Compiles every route, each alone: one that cannot be used is rejected with the reason, and a
 * later route with the same id takes the place of the earlier one, in the table's order too.
 */
function* compileAll(input: readonly Route[], compile: Compile): Work<CompiledInput> {
  const built: CompiledRoute[] = [];
  const keysOf: (readonly TreeKey[] | undefined)[] = [];
  const rejected: RejectedRoute[] = [];
  const failures = new Map<Route, RejectedRoute>();
  const slotById = new Map<string, number>();
  let anyListener = false;
  for (let index = 0; index < input.length; index++) {
    const route = input[index]!;
    const made = compile(route, index);
    if ("problems" in made) {
      failures.set(route, made);
      rejected.push(made);
    } else {
      const { compiled, keys } = made;
      anyListener ||= compiled.narrowing.listener !== undefined;
      const replaced = slotById.get(route.id);
      if (replaced !== undefined) rejected.push(rejectedRoute(built[replaced]!.route, [{ reason: `replaced by a later route with the id ${route.id}`, replaced: true }]));
      const slot = replaced ?? built.length;
      slotById.set(route.id, slot);
      built[slot] = compiled;
      keysOf[slot] = keys;
    }
    // A route reused costs little: pausing after each would cost more than the work.
    if ((index & 15) === 15) yield;
  }
  return { built, keysOf, rejected, failures, anyListener };
}

/** Why a route did not compile; an error of another kind is a bug, and thrown on. */
function compileProblems(error: unknown, route: Route): readonly RouteProblem[] {
  if (error instanceof RouteRejection) return error.problems;
  if (error instanceof PathPatternError) return [{ reason: error.message, part: { kind: "predicate", index: treePredicateIndex(route) } }];
  throw error;
}

/** Where the route's Path or PathSubtree is, for a problem with its pattern. */
function treePredicateIndex(route: Route): number {
  return route.predicates.findIndex((call) => call.name === "Path" || call.name === "PathSubtree");
}
