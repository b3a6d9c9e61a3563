import { createHash } from "node:crypto";
import { trafficSegments, type Backend, type Filter, type Predicate } from "@bosun/eskip";
import type { ClusterState, JsonObject } from "../cluster-state.js";
import { arrayField, isObject, numberField, objectField, stringField } from "../json.js";
import { findNamed } from "../services/named-objects.js";
import type { ServiceEndpoints } from "../services/service-endpoints.js";
import type { BackendObjectRef, BackendRef } from "./http-routes.js";
import type { ReferenceGrants } from "./reference-grants.js";

/**
 * backendRefs to Services (gateway-api.md §2.8, §3.5): each resolved to its endpoints or to the
 * reason it cannot be, and a rule's weighted list to one share per backend, drawn once per
 * request over TrafficSegment ranges.
 */

/** A ResolvedRefs=False reason, with the field it is about. */
export interface UnresolvedRef {
  readonly reason: "InvalidKind" | "BackendNotFound" | "RefNotPermitted";
  /** Why, without the field: a problem names the field beside it, a condition before it. */
  readonly message: string;
  readonly fieldPath: string;
}

export type Resolved = { readonly urls: readonly string[] } | UnresolvedRef;

export class BackendResolver {
  constructor(
    private readonly state: ClusterState,
    private readonly endpoints: ServiceEndpoints,
    private readonly grants: ReferenceGrants,
  ) {}

  resolve(ref: BackendObjectRef, routeNamespace: string, fieldPath: string): Resolved {
    if (ref.group !== "" || ref.kind !== "Service") return { reason: "InvalidKind", message: `kind ${JSON.stringify(ref.kind)} of group ${JSON.stringify(ref.group)} is not supported, only Services`, fieldPath };
    if (!this.grants.allows({ kind: "HTTPRoute", namespace: routeNamespace }, { group: "", kind: "Service", namespace: ref.namespace, name: ref.name })) {
      return { reason: "RefNotPermitted", message: `no ReferenceGrant in namespace ${ref.namespace} allows HTTPRoutes of ${routeNamespace} to refer to Service ${ref.name}`, fieldPath };
    }
    const service = findNamed(this.state.services, ref.namespace, ref.name);
    if (service === undefined) return { reason: "BackendNotFound", message: `Service ${ref.namespace}/${ref.name} not found`, fieldPath };
    if (ref.port === undefined) return { reason: "BackendNotFound", message: "a Service backendRef needs a port", fieldPath };
    const resolution = this.endpoints.resolve(ref.namespace, ref.name, ref.port, schemeOf(service.body, ref.port), { absentTypeIsClusterIp: true });
    if ("error" in resolution) return { reason: "BackendNotFound", message: resolution.error, fieldPath };
    return resolution;
  }
}

/** `h2c` for a Service port of appProtocol `kubernetes.io/h2c` (§2.8), else plain HTTP. */
function schemeOf(service: JsonObject, port: number): string {
  const spec = objectField(service, "spec");
  const entry = (arrayField(spec, "ports") ?? []).filter(isObject).find((candidate) => numberField(candidate, "port") === port);
  return stringField(entry, "appProtocol") === "kubernetes.io/h2c" ? "h2c" : "http";
}

/** What a share of a rule's requests gets: a backend, or an answer of the proxy's own. */
export type ShareTarget = { readonly backend: Backend } | { readonly status: 500 | 503 };

export interface Share {
  /** The backendRef's index in the rule. */
  readonly index: number;
  readonly predicates: readonly Predicate[];
  readonly target: ShareTarget;
  readonly ref: BackendRef;
}

/**
 * One share per backendRef of positive weight, with TrafficSegment ranges over the sum of all
 * the weights, valid or not (§3.5): an invalid backend's share answers 500, one without ready
 * endpoints 503. No shares when the weights sum to 0.
 */
export function sharesOf(refs: readonly BackendRef[], resolved: readonly Resolved[], algorithm: string): Share[] {
  const total = refs.reduce((sum, ref) => sum + ref.weight, 0);
  if (total <= 0) return [];
  const segments = trafficSegments(refs.map((ref) => ref.weight));
  const positive = refs.flatMap((ref, index) => (ref.weight > 0 ? [index] : []));
  const last = positive.at(-1);
  return positive.map((index) => {
    const { min, max } = segments[index]!;
    // The last share ends at 1 itself: a sum of doubles may end just below it.
    const predicates: Predicate[] = positive.length === 1 ? [] : [{ name: "TrafficSegment", args: [min, index === last ? 1 : max] }];
    const resolution = resolved[index]!;
    const target: ShareTarget =
      "reason" in resolution ? { status: 500 } : resolution.urls.length === 0 ? { status: 503 } : { backend: { type: "lb", algorithm, endpoints: resolution.urls.map((address) => ({ address })) } };
    return { index, predicates, target, ref: refs[index]! };
  });
}

/** The filters and backend of an answer of the proxy's own (§3.4): status on the shunt's 404. */
export const statusAnswer = (status: number): { filters: Filter[]; backend: Backend } => ({ filters: [{ name: "status", args: [status] }], backend: { type: "shunt" } });

/**
 * The name of a rule's backend pool, as Kong names services combined across HTTPRoutes
 * (gateway-api.md §3.6): the same backend set in one namespace gives the same name.
 */
export function backendPoolName(routeNamespace: string, refs: readonly BackendRef[]): string {
  const prefix = `httproute.${routeNamespace}.svc.`;
  if (refs.length === 0) return `${prefix}_`;
  const parts = refs.map((ref) => `${ref.namespace}.${ref.name}${ref.port === undefined ? "" : `.${ref.port}`}.${ref.weight}`);
  // Byte order of the whole strings, as Go's sort.Strings: `-` before `.`, numbers as text.
  parts.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const name = `${prefix}${parts.join("_")}`;
  if (name.length <= 511) return name;
  return `${prefix}${parts[0]}_combined.${createHash("sha256").update(name).digest("hex")}`;
}
