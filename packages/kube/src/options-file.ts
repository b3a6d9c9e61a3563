import { compileRe2, type Arg, type Call } from "@bosun/eskip";
import { parseDocument } from "yaml";
import { yamlErrorLine } from "./yaml-errors.js";
import { defaultCompileOptions, type AnnotationAddition, type CompileOptions } from "./options.js";

/**
 * The converter options as a YAML mapping: the keys of Skipper's `.kube` fixture files
 * (conformance README, ".kube option keys"), which `bosun compile --options` reads too. Pure:
 * the text in, the options and the problems out. A key that is unknown or has a value of the
 * wrong type is a problem and leaves its option at the default; a null value means "not set".
 */

export interface OptionsFile {
  readonly options: CompileOptions;
  /** One per unusable key, each naming the key. */
  readonly problems: string[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** A value read, or why it is unusable. */
type Checked<T> = { readonly ok: T } | { readonly problem: string };
/** A key's reading: the options it sets, or why its value is unusable. */
type KeyReader = (value: unknown, key: string) => Checked<Partial<CompileOptions>>;
type FieldOf<V> = { [K in keyof CompileOptions]-?: CompileOptions[K] extends V ? K : never }[keyof CompileOptions];

const lbAlgorithms = new Set(["roundRobin", "random", "consistentHash", "powerOfRandomNChoices"]);
const trafficAlgorithms = new Set(["traffic-predicate", "traffic-segment-predicate"]);

function typeName(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a mapping" : `a ${typeof value}`;
}

function wrongType(at: string, expected: string, value: unknown): { problem: string } {
  return { problem: `${at}: expected ${expected}, got ${typeName(value)}` };
}

function set<K extends keyof CompileOptions>(field: K, value: CompileOptions[K]): Checked<Partial<CompileOptions>> {
  return { ok: { [field]: value } as Pick<CompileOptions, K> };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Scalars as a string, as Go's YAML decoder stores a scalar into a string field; undefined for others. */
function scalarText(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

function bool(field: FieldOf<boolean>): KeyReader {
  return (value, key) => (typeof value === "boolean" ? set(field, value) : wrongType(key, "a boolean", value));
}

function integer(field: FieldOf<number>): KeyReader {
  return (value, key) => (typeof value === "number" && Number.isSafeInteger(value) ? set(field, value) : wrongType(key, "an integer", value));
}

type Check = (value: string) => string | undefined;

/** A string option; `""` leaves the default, as Skipper treats an empty flag as unset. */
function text(field: FieldOf<string> | FieldOf<string | undefined>, check?: Check): KeyReader {
  return (value, key) => {
    if (typeof value !== "string") return wrongType(key, "a string", value);
    const problem = check?.(value);
    if (problem !== undefined) return { problem: `${key}: ${problem}` };
    return value === "" ? { ok: {} } : set(field, value);
  };
}

function re2Problem(source: string): string | undefined {
  try {
    compileRe2(source);
    return undefined;
  } catch (error) {
    return `invalid regexp ${JSON.stringify(source)}: ${(error as Error).message}`;
  }
}

/** Reads every item of a list, or stops at the first unusable one. */
function list<T>(value: unknown, at: string, item: (value: unknown, at: string) => Checked<T>): Checked<T[]> {
  if (!Array.isArray(value)) return wrongType(at, "a list", value);
  const items: T[] = [];
  for (const [index, entry] of value.entries()) {
    const read = item(entry, `${at}[${index}]`);
    if ("problem" in read) return read;
    items.push(read.ok);
  }
  return { ok: items };
}

function strings(field: FieldOf<readonly string[]>, check?: Check): KeyReader {
  const item = (value: unknown, at: string): Checked<string> => {
    if (typeof value !== "string") return wrongType(at, "a string", value);
    const problem = check?.(value);
    return problem === undefined ? { ok: value } : { problem: `${at}: ${problem}` };
  };
  return (value, key) => {
    const read = list(value, key, item);
    return "problem" in read ? read : set(field, read.ok);
  };
}

/** A label selector, `{label: value}`; `true` and numbers are read as their text. */
function selector(field: FieldOf<Readonly<Record<string, string>>> | undefined): KeyReader {
  return (value, key) => {
    if (!isMapping(value)) return wrongType(key, "a mapping", value);
    const record: Record<string, string> = {};
    for (const [name, entry] of Object.entries(value)) {
      const entryText = scalarText(entry);
      if (entryText === undefined) return wrongType(`${key}.${name}`, "a string", entry);
      record[name] = entryText;
    }
    return field === undefined ? { ok: {} } : set(field, record);
  };
}

function unknownField(value: Record<string, unknown>, known: readonly string[]): string | undefined {
  return Object.keys(value).find((name) => !known.includes(name));
}

/** `{name, args}`, as Skipper's harness decodes an eskip.Predicate or eskip.Filter. */
function call(value: unknown, at: string): Checked<Call> {
  if (!isMapping(value)) return wrongType(at, "{name, args}", value);
  const extra = unknownField(value, ["name", "args"]);
  if (extra !== undefined) return { problem: `${at}: unknown field ${JSON.stringify(extra)}` };
  const { name, args = [] } = value;
  if (typeof name !== "string" || name === "") return wrongType(`${at}.name`, "a non-empty string", name);
  if (!Array.isArray(args)) return wrongType(`${at}.args`, "a list", args);
  const bad = args.findIndex((arg) => typeof arg !== "string" && typeof arg !== "number");
  if (bad !== -1) return wrongType(`${at}.args[${bad}]`, "a string or a number", args[bad]);
  return { ok: { name, args: args as Arg[] } };
}

function calls(field: FieldOf<readonly Call[]>): KeyReader {
  return (value, key) => {
    const read = list(value, key, call);
    return "problem" in read ? read : set(field, read.ok);
  };
}

function addition(callsKey: "predicates" | "filters") {
  return (value: unknown, at: string): Checked<AnnotationAddition> => {
    if (!isMapping(value)) return wrongType(at, `{key, value, ${callsKey}}`, value);
    const extra = unknownField(value, ["key", "value", callsKey]);
    if (extra !== undefined) return { problem: `${at}: unknown field ${JSON.stringify(extra)}` };
    const key = scalarText(value["key"]);
    const annotationValue = scalarText(value["value"]);
    if (key === undefined) return wrongType(`${at}.key`, "a string", value["key"]);
    if (annotationValue === undefined) return wrongType(`${at}.value`, "a string", value["value"]);
    const read = list(value[callsKey] ?? [], `${at}.${callsKey}`, call);
    return "problem" in read ? read : { ok: { key, value: annotationValue, calls: read.ok } };
  };
}

function additions(field: FieldOf<readonly AnnotationAddition[]>, callsKey: "predicates" | "filters"): KeyReader {
  const item = addition(callsKey);
  return (value, key) => {
    const read = list(value, key, item);
    return "problem" in read ? read : set(field, read.ok);
  };
}

/** `default-lb-algorithm`: Skipper falls back to roundRobin for an unknown or empty name, so that is no problem. */
const lbAlgorithm: KeyReader = (value, key) => {
  if (typeof value !== "string") return wrongType(key, "a string", value);
  return set("defaultLbAlgorithm", lbAlgorithms.has(value) ? value : "roundRobin");
};

const trafficAlgorithm: KeyReader = (value, key) => {
  if (typeof value !== "string") return wrongType(key, "a string", value);
  if (value === "") return { ok: {} };
  if (!trafficAlgorithms.has(value)) return { problem: `${key}: unknown algorithm ${JSON.stringify(value)}` };
  return set("backendTrafficAlgorithm", value as CompileOptions["backendTrafficAlgorithm"]);
};

const accepted: KeyReader = (value, key) => (typeof value === "boolean" ? { ok: {} } : wrongType(key, "a boolean", value));

/** Every key of the README table, and the keys the original harness accepts but does not use. */
const keys: Readonly<Record<string, KeyReader>> = {
  "enable-kubernetes-endpointslices": bool("endpointSlices"),
  httpsRedirect: bool("httpsRedirect"),
  httpsRedirectCode: integer("httpsRedirectCode"),
  disableCatchAllRoutes: bool("disableCatchAllRoutes"),
  "default-lb-algorithm": lbAlgorithm,
  "forward-backend-url": text("forwardBackendUrl"),
  "force-kubernetes-service": bool("forceKubernetesService"),
  enableExternalNames: bool("enableExternalNames"),
  externalNamePreserveHost: bool("externalNamePreserveHost"),
  onlyAllowedExternalNames: bool("onlyAllowedExternalNames"),
  allowedExternalNames: strings("allowedExternalNames", re2Problem),
  "kubernetes-ingress-class": text("ingressClass", re2Problem),
  "kubernetes-ingresses-label-selector": selector("ingressLabelSelector"),
  "kubernetes-routegroups-label-selector": selector("routeGroupsLabelSelector"),
  "kubernetes-services-label-selector": selector("servicesLabelSelector"),
  "kubernetes-endpoints-label-selector": selector("endpointsLabelSelector"),
  "kubernetes-enable-tls": bool("enableTls"),
  "kubernetes-application-annotation-label": text("applicationAnnotationLabel"),
  kubernetesAnnotationPredicates: additions("annotationPredicates", "predicates"),
  kubernetesAnnotationFiltersAppend: additions("annotationFiltersAppend", "filters"),
  eastWest: bool("eastWest"),
  eastWestDomain: text("eastWestDomain"),
  eastWestRangeDomains: strings("eastWestRangeDomains"),
  eastWestRangePredicatesAppend: calls("eastWestRangePredicates"),
  kubernetesEastWestRangeAnnotationPredicates: additions("eastWestRangeAnnotationPredicates", "predicates"),
  kubernetesEastWestRangeAnnotationFiltersAppend: additions("eastWestRangeAnnotationFiltersAppend", "filters"),
  backendNameTracingTag: bool("backendNameTracingTag"),
  "backend-traffic-algorithm": trafficAlgorithm,
  "topology-zone": text("topologyZone"),
  // A legacy marker of the Ingress v1 fixtures; Ingress v1 is the only version there is now.
  ingressv1: accepted,
  // Accepted by Skipper's harness but never applied to a list request.
  "kubernetes-endpointslice-label-selector": selector(undefined),
};

function decode(text: string): { value: unknown } | { problems: string[] } {
  const document = parseDocument(text);
  if (document.errors.length > 0) return { problems: document.errors.map((error) => yamlErrorLine(error)) };
  try {
    return { value: document.toJS() };
  } catch (error) {
    return { problems: [(error as Error).message] };
  }
}

/** A `.kube` options file to CompileOptions, starting from defaultCompileOptions. Never throws. */
export function compileOptionsFromYaml(text: string): OptionsFile {
  const decoded = decode(text);
  if ("problems" in decoded) return { options: defaultCompileOptions, problems: decoded.problems };
  if (decoded.value === null || decoded.value === undefined) return { options: defaultCompileOptions, problems: [] };
  if (!isMapping(decoded.value)) {
    return { options: defaultCompileOptions, problems: [`expected a mapping of options, got ${typeName(decoded.value)}`] };
  }
  const options: Mutable<CompileOptions> = { ...defaultCompileOptions };
  const problems: string[] = [];
  for (const [key, value] of Object.entries(decoded.value)) {
    const reader = Object.hasOwn(keys, key) ? keys[key] : undefined;
    if (reader === undefined) problems.push(`${key}: unknown option`);
    else if (value !== null) {
      const reading = reader(value, key);
      if ("problem" in reading) problems.push(reading.problem);
      else Object.assign(options, reading.ok);
    }
  }
  return { options, problems };
}
