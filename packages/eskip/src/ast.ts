import { describePlace, originPlace } from "./problem.js";

/**
 * The eskip AST. It follows Skipper's route model: after parsing, a regexp literal is just a
 * string (skipper-semantics §1.1), and every number is a double.
 */

/** A predicate or filter argument. */
export type Arg = string | number;

/** A predicate (`Path("/a")`) or filter (`setPath("/b")`) call. */
export interface Call {
  readonly name: string;
  readonly args: readonly Arg[];
}

export type Predicate = Call;
export type Filter = Call;

export interface LbEndpoint {
  readonly address: string;
  /** The `zone` query parameter, split off the address (skipper-semantics §1.3). */
  readonly zone?: string;
}

export type Backend =
  | { readonly type: "network"; readonly address: string }
  | { readonly type: "shunt" }
  | { readonly type: "loopback" }
  | { readonly type: "dynamic" }
  | { readonly type: "forward" }
  | {
      readonly type: "lb";
      /** `""` when the route names no algorithm; Skipper tells `""` and `"roundRobin"` apart. */
      readonly algorithm: string;
      readonly endpoints: readonly LbEndpoint[];
    };

export type BackendType = Backend["type"];

/** Where a route was written: kept beside the route, never part of its eskip text. */
export interface SourceOrigin {
  readonly kind: "eskip";
  /** The file name, or undefined for text that came from elsewhere (an annotation, stdin). */
  readonly file?: string;
  readonly line: number;
  readonly column: number;
  /** Offsets (UTF-16 code units) of the first and just past the last character of the route. */
  readonly offset: number;
  readonly endOffset: number;
}

/** A route compiled from a Kubernetes object: the object, and the field the route came from. */
export interface ObjectOrigin {
  readonly kind: "object";
  readonly objectKind: string;
  readonly namespace: string;
  readonly name: string;
  /** `spec.routes[0].backends[1]`, or "" for routes of the whole object (catch-alls). */
  readonly fieldPath: string;
}

export type RouteOrigin = SourceOrigin | ObjectOrigin;

/** Where a route came from, for logs and messages: `file:line:col` or `RouteGroup/ns/name spec.routes[0]`. */
export function describeOrigin(origin: RouteOrigin, fallbackFile = "<text>"): string {
  return describePlace(originPlace(origin, fallbackFile));
}

export interface Route {
  /** `""` for the single id-less route a document may hold. */
  readonly id: string;
  /** In source order; `*` and `Any(…)` are dropped at parse time (skipper-semantics §1.3). */
  readonly predicates: readonly Predicate[];
  readonly filters: readonly Filter[];
  readonly backend: Backend;
  readonly origin?: RouteOrigin;
}
