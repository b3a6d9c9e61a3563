import { LineCounter, parseAllDocuments, type Document } from "yaml";
import { clusterStateKinds, type ClusterState, type Json, type JsonObject, type KubeObject, type Metadata } from "./cluster-state.js";
import { yamlErrorText } from "./yaml-errors.js";
import { filePlace, type Problem } from "@bosun/eskip";

/**
 * Kubernetes manifests (a multi-document YAML stream, as `kubectl get -o yaml` or a manifests
 * directory holds them) to KubeObjects. Only the envelope is read here: kind, apiVersion and
 * metadata. What the compilers use from the body they validate themselves, so a malformed spec
 * becomes a Problem of the compiler, not of this loader.
 */

export interface ManifestObjects {
  readonly objects: KubeObject[];
  /** Documents that could not be read, at their file, line and column; the reason starts `document N: `. */
  readonly problems: Problem[];
}

/**
 * Kinds that the API server would place in `default` when created without a namespace. An Ingress
 * or EndpointSlice without one keeps "": Skipper's fixtures always name it, and an Ingress without
 * a namespace is skipped by the compiler (conformance README, `.yaml`).
 */
const defaultedNamespaceKinds = new Set(["RouteGroup", "Service", "Endpoints", "Secret", "Gateway", "HTTPRoute", "ReferenceGrant"]);

/** Where a document or item is, for problem messages. */
interface Place {
  readonly source: string;
  readonly line: number;
  readonly col: number;
  /** `document 2` or `document 2, items[3]`. */
  readonly what: string;
}

function describe(place: Place, reason: string): Problem {
  return { level: "error", place: filePlace(place.source, place.line, place.col), code: "invalid_yaml", reason: `${place.what}: ${reason}` };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "a list" : `a ${typeof value}`;
}

/** String values as they are; numbers and booleans as their text (as Go's YAML decoder into a string does); others dropped. */
function stringMap(value: Json | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isObject(value)) return result;
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === "string") result[key] = entry;
    else if (typeof entry === "number" || typeof entry === "boolean") result[key] = String(entry);
  }
  return result;
}

function metadataOf(kind: string, body: JsonObject): Metadata {
  const metadata = isObject(body["metadata"]) ? body["metadata"] : {};
  const namespace = metadata["namespace"];
  const name = metadata["name"];
  return {
    namespace: typeof namespace === "string" && namespace !== "" ? namespace : defaultedNamespaceKinds.has(kind) ? "default" : "",
    name: typeof name === "string" ? name : "",
    annotations: stringMap(metadata["annotations"]),
    labels: stringMap(metadata["labels"]),
  };
}

/** One decoded value to objects: a `List` is flattened, anything without a kind is a problem. */
function objectsOf(value: Json, place: Place, out: ManifestObjects): void {
  if (!isObject(value)) {
    out.problems.push(describe(place, `not an object but ${typeName(value)}`));
    return;
  }
  const kind = value["kind"];
  if (typeof kind !== "string" || kind === "") {
    out.problems.push(describe(place, "no kind"));
    return;
  }
  if (kind === "List") {
    listItems(value, place, out);
    return;
  }
  const apiVersion = value["apiVersion"];
  out.objects.push(kubeObject(kind, typeof apiVersion === "string" ? apiVersion : "", value));
}

/**
 * An object as the compilers read it, from its JSON: the API server's list items carry no kind
 * or apiVersion of their own, so the caller names them.
 */
export function kubeObject(kind: string, apiVersion: string, body: JsonObject): KubeObject {
  return { kind, apiVersion, metadata: metadataOf(kind, body), body };
}

function listItems(list: JsonObject, place: Place, out: ManifestObjects): void {
  const items = list["items"] ?? [];
  if (!Array.isArray(items)) {
    out.problems.push(describe(place, `List items is ${typeName(items)}, not a list`));
    return;
  }
  items.forEach((item, index) => objectsOf(item, { ...place, what: `${place.what}, items[${index}]` }, out));
}

function decodeDocument(document: Document, place: Place, out: ManifestObjects): void {
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const text = yamlErrorText(error, place);
      out.problems.push({ level: "error", place: filePlace(place.source, text.line, text.col), code: "invalid_yaml", reason: text.message });
    }
    return;
  }
  let value: unknown;
  try {
    value = document.toJS();
  } catch (error) {
    // toJS throws on alias bombs (more aliases than maxAliasCount): the input's fault, not a bug.
    out.problems.push(describe(place, (error as Error).message));
    return;
  }
  if (value === null || value === undefined) return;
  objectsOf(value as Json, place, out);
}

/** A multi-document YAML stream to objects. Never throws: unreadable documents become problems and are skipped. */
export function objectsFromYaml(text: string, source = "<yaml>"): ManifestObjects {
  const lineCounter = new LineCounter();
  // Merge keys (`<<: *anchor`) as Go's YAML decoder, which Kubernetes tools use, reads them.
  const documents = parseAllDocuments(text, { lineCounter, merge: true });
  const out: ManifestObjects = { objects: [], problems: [] };
  documents.forEach((document, index) => {
    const start = document.contents?.range[0] ?? document.range[0];
    const place = { source, ...lineCounter.linePos(start), what: `document ${index + 1}` };
    decodeDocument(document, place, out);
  });
  return out;
}

/** Whether clusterStateFrom keeps objects of the kind. */
export const isInClusterState = (kind: string): boolean => clusterStateKinds.has(kind);

/** Objects sorted into the kinds the compilers read, in input order; other kinds are ignored. */
export function clusterStateFrom(objects: readonly KubeObject[]): ClusterState {
  const ofKind = (kind: string) => objects.filter((object) => object.kind === kind);
  return {
    routeGroups: ofKind("RouteGroup"),
    ingresses: ofKind("Ingress"),
    services: ofKind("Service"),
    endpoints: ofKind("Endpoints"),
    endpointSlices: ofKind("EndpointSlice"),
    secrets: ofKind("Secret"),
    namespaces: ofKind("Namespace"),
    gatewayClasses: ofKind("GatewayClass"),
    gateways: ofKind("Gateway"),
    httpRoutes: ofKind("HTTPRoute"),
    referenceGrants: ofKind("ReferenceGrant"),
  };
}
