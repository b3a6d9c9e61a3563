import { EskipParseError, parseFilters, parsePredicates } from "@bosun/eskip";
import type { KubeObject } from "../cluster-state.js";
import type { DecodedBackend, DecodedSpec } from "./decode.js";
import { decodeSpec } from "./decode.js";
import type { BackendRef, RouteGroupSpec } from "./spec.js";

/**
 * Skipper's RouteGroup validation (skipper-semantics §5.3): a group that fails is ignored whole.
 * Skipper's phase A stops at its first failure and phase B runs only when A passed; here both
 * phases collect every failure, so `bosun validate` can show them all, and `logged` keeps what
 * Skipper itself would log. Messages are Skipper's.
 */

export interface ValidationFailure {
  /** Skipper's log message. */
  readonly message: string;
  /** The same without the group's name, for output that names the group already. */
  readonly reason: string;
  /** Where in the object: `spec.routes[2].filters[0]`. */
  readonly fieldPath: string;
}

export type Validation =
  | { readonly spec: RouteGroupSpec }
  | {
      /** Every failure, phase A's then phase B's. */
      readonly failures: readonly ValidationFailure[];
      /** The failures Skipper logs: phase A's first, or all of phase B's when A passed. */
      readonly logged: readonly ValidationFailure[];
    };

/** Wraps a message as the check one level up does: `invalid route at 2, <message>`. */
type Wrap = (message: string) => string;

class PhaseA {
  readonly failures: ValidationFailure[] = [];

  constructor(private readonly groupName: string) {}

  /** `reason` is for people, beside the field path: Skipper's message, or a plainer one where it has one. */
  fail(message: string, fieldPath: string, reason = message): void {
    this.failures.push({ message: `error in route group ${this.groupName}: ${message}`, fieldPath, reason });
  }

  check(spec: DecodedSpec | undefined): void {
    if (spec === undefined) return this.fail("route group without spec", "spec");
    if (spec.backends.length === 0) this.fail("route group without backend", "spec.backends");
    const names = new Set<string>();
    spec.backends.forEach((backend, i) => {
      if (backend.name !== "" && names.has(backend.name)) this.fail(`backends with duplicate name: ${backend.name}`, `spec.backends[${i}].name`);
      names.add(backend.name);
    });
    spec.backends.forEach((backend, i) => this.checkBackend(backend, `spec.backends[${i}]`));
    this.checkBackendRefs(spec.defaultBackends, names, "spec.defaultBackends", (message) => message);
    if (spec.defaultBackends.length === 0 && (spec.routes === undefined || spec.routes.length === 0)) {
      this.fail("missing backend reference", "spec.defaultBackends");
    }
    this.checkRoutes(spec, names);
  }

  private checkBackend(backend: DecodedBackend, path: string): void {
    const problem = (message: string) => this.fail(`invalid backend: ${backend.name}, ${message}`, path, message);
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

  private checkBackendRefs(refs: readonly BackendRef[], names: ReadonlySet<string>, path: string, wrap: Wrap): void {
    const seen = new Set<string>();
    refs.forEach((ref, i) => {
      const at = `${path}[${i}]`;
      if (seen.has(ref.backendName)) this.fail(wrap(`duplicate backend reference: ${ref.backendName}`), at, `backend "${ref.backendName}" is referenced twice`);
      seen.add(ref.backendName);
      if (ref.backendName === "") this.fail(wrap("unnamed backend reference"), at, "unnamed backend reference");
      else if (!names.has(ref.backendName)) {
        this.fail(wrap(`invalid backend reference: ${ref.backendName}`), `${at}.backendName`, `backend "${ref.backendName}" is not defined`);
      }
      if (ref.weight < 0) this.fail(wrap(`invalid weight in backend: ${ref.backendName}, ${ref.weight}`), `${at}.weight`, `invalid weight in backend: ${ref.backendName}, ${ref.weight}`);
    });
  }

  private checkRoutes(spec: DecodedSpec, names: ReadonlySet<string>): void {
    (spec.routes ?? []).forEach((route, i) => {
      const at = `spec.routes[${i}]`;
      const wrap: Wrap = (message) => `invalid route at ${i}, ${message}`;
      const inRoute = (message: string, path = at) => this.fail(wrap(message), path, message);
      if (route === null) return inRoute("invalid route spec");
      if (route.backends.length === 0 && spec.defaultBackends.length === 0) inRoute("missing backend reference");
      this.checkBackendRefs(route.backends, names, `${at}.backends`, wrap);
      if (route.path !== "" && route.pathSubtree !== "") inRoute("path and path subtree in the same route");
      if (route.methods.some((method) => method === "")) inRoute("invalid method", `${at}.methods`);
    });
  }
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
    if (backend.type === "network" && backend.address !== "" && !/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]+$/.test(backend.address)) {
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
  if (name === "") {
    const failures = [{ message: "route group without name", reason: "route group without name", fieldPath: "metadata.name" }];
    return { failures, logged: failures };
  }
  const spec = decodeSpec(object.body);
  const phaseA = new PhaseA(`${namespace === "" ? "default" : namespace}/${name}`);
  phaseA.check(spec);
  const phaseBFailures = spec === undefined ? [] : phaseB(spec);
  if (phaseA.failures.length > 0) return { failures: [...phaseA.failures, ...phaseBFailures], logged: phaseA.failures.slice(0, 1) };
  return phaseBFailures.length > 0 ? { failures: phaseBFailures, logged: phaseBFailures } : { spec: spec! };
}
