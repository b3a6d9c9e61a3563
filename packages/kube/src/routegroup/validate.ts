import { EskipParseError, parseFilters, parsePredicates } from "@bosun/eskip";
import type { KubeObject } from "../cluster-state.js";
import type { DecodedBackend, DecodedSpec } from "./decode.js";
import { decodeSpec } from "./decode.js";
import type { BackendRef, RouteGroupSpec } from "./spec.js";

/**
 * Skipper's RouteGroup validation (skipper-semantics §5.3): a group that fails is ignored whole.
 * Phase A stops at the first failure; phase B collects every failure. Messages are Skipper's.
 */

export interface ValidationFailure {
  /** Skipper's log message. */
  readonly message: string;
  /** The same without the group's name, for output that names the group already. */
  readonly reason: string;
  /** Where in the object: `spec.routes[2].filters[0]`. */
  readonly fieldPath: string;
}

export type Validation = { readonly spec: RouteGroupSpec } | { readonly failures: readonly ValidationFailure[] };

class PhaseAFailure extends Error {
  constructor(
    message: string,
    readonly fieldPath: string,
    /** For people, beside the field path: Skipper's message, or a plainer one where it has one. */
    readonly reason: string,
  ) {
    super(message);
  }
}

const fail = (message: string, fieldPath: string, reason = message): never => {
  throw new PhaseAFailure(message, fieldPath, reason);
};

function checkBackend(backend: DecodedBackend, path: string): void {
  const problem = (message: string) => fail(`invalid backend: ${backend.name}, ${message}`, path, message);
  if (backend.decodeError !== undefined) problem(backend.decodeError);
  if (backend.name === "") problem("unnamed backend");
  if (backend.type === "network" && backend.address === "") problem(`address missing in backend: ${backend.name}`);
  if (backend.type === "service" && backend.serviceName === "") problem(`service name missing in backend: ${backend.name}`);
  const port = backend.servicePort;
  if (backend.type === "service" && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    problem(`invalid service port in backend: ${backend.name}, ${port}`);
  }
  if (backend.type === "lb" && backend.endpoints.length === 0) problem(`missing LB endpoints in backend: ${backend.name}`);
}

function checkBackendRefs(refs: readonly BackendRef[], names: ReadonlySet<string>, path: string): void {
  const seen = new Set<string>();
  refs.forEach((ref, i) => {
    const at = `${path}[${i}]`;
    if (seen.has(ref.backendName)) fail(`duplicate backend reference: ${ref.backendName}`, at, `backend "${ref.backendName}" is referenced twice`);
    seen.add(ref.backendName);
    if (ref.backendName === "") fail("unnamed backend reference", at);
    if (!names.has(ref.backendName)) fail(`invalid backend reference: ${ref.backendName}`, `${at}.backendName`, `backend "${ref.backendName}" is not defined`);
    if (ref.weight < 0) fail(`invalid weight in backend: ${ref.backendName}, ${ref.weight}`, `${at}.weight`);
  });
}

function checkRoutes(spec: DecodedSpec, names: ReadonlySet<string>): void {
  (spec.routes ?? []).forEach((route, i) => {
    const at = `spec.routes[${i}]`;
    const inRoute = (message: string, path = at, reason = message) => fail(`invalid route at ${i}, ${message}`, path, reason);
    if (route === null) return inRoute("invalid route spec");
    if (route.backends.length === 0 && spec.defaultBackends.length === 0) inRoute("missing backend reference");
    try {
      checkBackendRefs(route.backends, names, `${at}.backends`);
    } catch (error) {
      if (error instanceof PhaseAFailure) inRoute(error.message, error.fieldPath, error.reason);
      throw error;
    }
    if (route.path !== "" && route.pathSubtree !== "") inRoute("path and path subtree in the same route");
    if (route.methods.some((method) => method === "")) inRoute("invalid method", `${at}.methods`);
  });
}

function phaseA(spec: DecodedSpec | undefined): DecodedSpec {
  if (spec === undefined) return fail("route group without spec", "spec");
  if (spec.backends.length === 0) fail("route group without backend", "spec.backends");
  const names = new Set<string>();
  spec.backends.forEach((backend, i) => {
    if (backend.name !== "" && names.has(backend.name)) fail(`backends with duplicate name: ${backend.name}`, `spec.backends[${i}].name`);
    names.add(backend.name);
  });
  spec.backends.forEach((backend, i) => checkBackend(backend, `spec.backends[${i}]`));
  checkBackendRefs(spec.defaultBackends, names, "spec.defaultBackends");
  if (spec.defaultBackends.length === 0 && (spec.routes === undefined || spec.routes.length === 0)) {
    fail("missing backend reference", "spec.defaultBackends");
  }
  checkRoutes(spec, names);
  return spec;
}

type Failure = Omit<ValidationFailure, "reason">;

/** Each item of a route's `filters` (or `predicates`) must parse to exactly one call. */
function singleCallFailures(spec: DecodedSpec, field: "filters" | "predicates", parseItem: (item: string) => readonly unknown[]): Failure[] {
  const singular = field === "filters" ? "filter" : "predicate";
  const failures: Failure[] = [];
  (spec.routes ?? []).forEach((route, i) => {
    route?.[field].forEach((item, j) => {
      const fieldPath = `spec.routes[${i}].${field}[${j}]`;
      try {
        if (parseItem(item).length !== 1) failures.push({ message: `single ${singular} expected at ${JSON.stringify(item)}`, fieldPath });
      } catch (error) {
        if (!(error instanceof EskipParseError)) throw error;
        failures.push({ message: error.skipperMessage, fieldPath });
      }
    });
  });
  return failures;
}

/** Phase B: filters and predicates parse to exactly one each, network addresses, unique hosts. */
function phaseB(spec: DecodedSpec): ValidationFailure[] {
  const failures: Failure[] = [...singleCallFailures(spec, "filters", parseFilters), ...singleCallFailures(spec, "predicates", parsePredicates)];
  spec.backends.forEach((backend, i) => {
    if (backend.type === "network" && !/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]+$/.test(backend.address)) {
      failures.push({ message: `backend address ${JSON.stringify(backend.address)} does not match scheme://host format`, fieldPath: `spec.backends[${i}].address` });
    }
  });
  const hosts = new Set<string>();
  spec.hosts.forEach((host, i) => {
    if (hosts.has(host)) failures.push({ message: `duplicate host ${JSON.stringify(host)}`, fieldPath: `spec.hosts[${i}]` });
    hosts.add(host);
  });
  return failures.map((failure) => ({ ...failure, reason: failure.message }));
}

export function validateRouteGroup(object: KubeObject): Validation {
  const { namespace, name } = object.metadata;
  if (name === "") return { failures: [{ message: "route group without name", reason: "route group without name", fieldPath: "metadata.name" }] };
  let spec: DecodedSpec;
  try {
    spec = phaseA(decodeSpec(object.body));
  } catch (error) {
    if (!(error instanceof PhaseAFailure)) throw error;
    const message = `error in route group ${namespace === "" ? "default" : namespace}/${name}: ${error.message}`;
    return { failures: [{ message, reason: error.reason, fieldPath: error.fieldPath }] };
  }
  const failures = phaseB(spec);
  return failures.length > 0 ? { failures } : { spec };
}
