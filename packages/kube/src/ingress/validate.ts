import { parseFilters, parsePredicates, type Call } from "@bosun/eskip";
import type { Json, JsonObject, KubeObject } from "../cluster-state.js";
import { arrayField, isObject, numberField, objectField, stringField } from "../json.js";
import { callsToCheck, error, warning, type FieldProblem, type RouteToCheck } from "../validate/field-problem.js";
import { ingressHostProblem, portNameProblem, serviceNameProblem } from "../validate/kubernetes-names.js";
import { extraRoutes, parsedAnnotation, pathModes, readIngressAnnotations, type IngressAnnotations } from "./annotations.js";
import { ingressBackendRef } from "./backend.js";
import { rulePath } from "./paths.js";

/**
 * An Ingress checked as thoroughly as a RouteGroup: what the API server rejects (hosts, paths,
 * pathType, backends, ports), Skipper's annotation rules (§5.13.1) and the values Skipper would
 * quietly replace by a default, and, when the manifests hold the Service, the port it names.
 * The eskip in the annotations goes to the route check as RouteToCheck.
 */
export interface IngressValidation {
  readonly problems: readonly FieldProblem[];
  readonly routesToCheck: readonly RouteToCheck[];
}

const annotation = (key: string) => `metadata.annotations[zalando.org/${key}]`;
const pathTypes = ["Exact", "ImplementationSpecific", "Prefix"];
const backendProtocols = ["http", "https", "h2c", "fastcgi"];
// k8s.io/api/networking/v1 validation: sequences a path of type Exact or Prefix may not hold.
const invalidPathSequences = ["//", "/./", "/../", "%2f", "%2F"];
const invalidPathSuffixes = ["/..", "/."];

/** An Ingress backend's `service.port`: a name or a number, never both (k8s.io/api/networking/v1 validation). */
function portProblem(port: JsonObject | undefined, at: string): FieldProblem | undefined {
  const name = stringField(port, "name") ?? "";
  const number = numberField(port, "number") ?? 0;
  if (name !== "" && number !== 0) return error(at, "Invalid value: cannot set both port name & port number");
  if (name === "" && number === 0) return error(at, "Invalid value: port name or number is required");
  if (name !== "") {
    const reason = portNameProblem(name);
    return reason === undefined ? undefined : error(`${at}.name`, reason);
  }
  if (!Number.isInteger(number) || number < 1 || number > 65535) return error(`${at}.number`, `Invalid value: ${number}: must be between 1 and 65535, inclusive`);
  return undefined;
}

class IngressValidator {
  readonly problems: FieldProblem[] = [];
  readonly routesToCheck: RouteToCheck[] = [];
  private readonly annotations: Readonly<Record<string, string>>;
  private readonly services = new Set<string>();

  constructor(
    private readonly object: KubeObject,
    private readonly servicesInManifests: readonly KubeObject[],
  ) {
    this.annotations = object.metadata.annotations;
  }

  run(): void {
    const spec = objectField(this.object.body, "spec");
    if (this.object.metadata.name === "" || spec === undefined) this.problems.push(error("", "invalid ingress item: missing Metadata or Spec"));
    const read = readIngressAnnotations(this.annotations);
    if ("errors" in read) this.problems.push(...read.errors.map((reason) => error("metadata.annotations", reason)));
    this.checkAnnotationValues();
    this.collectAnnotationCalls();
    if (spec === undefined) return;
    const pathMode = "annotations" in read ? read.annotations.pathMode : "kubernetes-ingress";
    const defaultBackend = objectField(spec, "defaultBackend");
    const rules = arrayField(spec, "rules") ?? [];
    if (defaultBackend === undefined && rules.length === 0) this.problems.push(error("spec", "Invalid value: either `defaultBackend` or `rules` must be specified"));
    if (defaultBackend !== undefined) this.checkBackend(defaultBackend, "spec.defaultBackend");
    rules.forEach((rule, i) => this.checkRule(rule, `spec.rules[${i}]`, pathMode));
    (arrayField(spec, "tls") ?? []).forEach((tls, i) => {
      (arrayField(isObject(tls) ? tls : undefined, "hosts") ?? []).forEach((host, j) => this.checkHost(host, `spec.tls[${i}].hosts[${j}]`));
    });
    this.checkWeights();
  }

  private checkHost(host: Json, at: string): void {
    if (typeof host !== "string") return void this.problems.push(error(at, `Invalid value: ${JSON.stringify(host)}: must be of type string`));
    const problem = ingressHostProblem(host);
    if (problem !== undefined) this.problems.push(error(at, problem));
  }

  private checkRule(rule: Json, at: string, pathMode: IngressAnnotations["pathMode"]): void {
    if (!isObject(rule)) return void this.problems.push(error(at, "Invalid value: must be an object"));
    const host = rule["host"];
    if (host !== undefined && host !== "") this.checkHost(host, `${at}.host`);
    const http = objectField(rule, "http");
    if (http === undefined) return;
    const paths = arrayField(http, "paths") ?? [];
    if (paths.length === 0) this.problems.push(error(`${at}.http.paths`, "Required value"));
    paths.forEach((path, j) => this.checkPath(path, `${at}.http.paths[${j}]`, pathMode));
  }

  private checkPath(value: Json, at: string, pathMode: IngressAnnotations["pathMode"]): void {
    if (!isObject(value)) return void this.problems.push(error(at, "Invalid value: must be an object"));
    const path = stringField(value, "path") ?? "";
    const pathType = stringField(value, "pathType");
    if (pathType === undefined) this.problems.push(error(`${at}.pathType`, "Required value: pathType must be specified"));
    else if (!pathTypes.includes(pathType)) {
      this.problems.push(error(`${at}.pathType`, `Unsupported value: ${JSON.stringify(pathType)}: supported values: ${pathTypes.map((type) => JSON.stringify(type)).join(", ")}`));
    }
    if (path !== "" && !path.startsWith("/")) this.problems.push(error(`${at}.path`, `Invalid value: ${JSON.stringify(path)}: must be an absolute path`));
    if (pathType === "Exact" || pathType === "Prefix") {
      const sequence = invalidPathSequences.find((text) => path.includes(text));
      if (sequence !== undefined) this.problems.push(error(`${at}.path`, `Invalid value: ${JSON.stringify(path)}: must not contain '${sequence}'`));
      const suffix = invalidPathSuffixes.find((text) => path.endsWith(text));
      if (suffix !== undefined) this.problems.push(error(`${at}.path`, `Invalid value: ${JSON.stringify(path)}: cannot end with '${suffix}'`));
    }
    const predicate = rulePath(path, pathType ?? "", pathMode).predicate;
    if (predicate !== undefined) this.routesToCheck.push(callsToCheck([{ call: predicate, field: `${at}.path` }], []));
    const backend = objectField(value, "backend");
    if (backend === undefined) this.problems.push(error(`${at}.backend`, "Required value"));
    else this.checkBackend(backend, `${at}.backend`);
  }

  private checkBackend(backend: JsonObject, at: string): void {
    const service = objectField(backend, "service");
    const resource = objectField(backend, "resource");
    if (service !== undefined && resource !== undefined) return void this.problems.push(error(at, "Invalid value: cannot set both resource and service backends"));
    if (resource !== undefined) return void this.problems.push(warning(`${at}.resource`, "a resource backend is routed neither by Skipper nor by bosun: this path gets no route"));
    if (service === undefined) return void this.problems.push(error(at, "Invalid value: resource or service backend is required"));
    const name = stringField(service, "name") ?? "";
    if (name === "") this.problems.push(error(`${at}.service.name`, "Required value"));
    else {
      const problem = serviceNameProblem(name);
      if (problem !== undefined) this.problems.push(error(`${at}.service.name`, problem));
      this.services.add(name);
    }
    const portValid = this.checkPort(objectField(service, "port"), `${at}.service.port`);
    const ref = ingressBackendRef(backend);
    if (portValid && ref !== undefined && name !== "") this.checkServicePort(name, ref.portNumber, ref.portName, `${at}.service.port`);
  }

  /** Whether the port is valid; a port that is not is reported. */
  private checkPort(port: JsonObject | undefined, at: string): boolean {
    const problem = portProblem(port, at);
    if (problem !== undefined) this.problems.push(problem);
    return problem === undefined;
  }

  /** When the manifests hold the Service, the port the backend names must be one of its ports (§5.13.3: else 502). */
  private checkServicePort(name: string, portNumber: number, portName: string, at: string): void {
    const { namespace } = this.object.metadata;
    const service = this.servicesInManifests.find((candidate) => candidate.metadata.name === name && candidate.metadata.namespace === namespace);
    if (service === undefined || (portNumber === 0 && portName === "")) return;
    const ports = (arrayField(objectField(service.body, "spec"), "ports") ?? []).filter(isObject);
    const wanted = portNumber !== 0 ? String(portNumber) : portName;
    if (ports.some((port) => String(numberField(port, "port")) === wanted || stringField(port, "name") === wanted)) return;
    const known = ports.map((port) => [numberField(port, "port"), stringField(port, "name")].filter((part) => part !== undefined).join("/")).join(", ");
    this.problems.push(error(at, `service "${name}" has no port ${JSON.stringify(wanted)} (its ports: ${known || "none"}): the route would answer 502`));
  }

  /** Values Skipper does not reject but replaces by its default or ignores: almost always a typo. */
  private checkAnnotationValues(): void {
    const value = (key: string) => this.annotations[`zalando.org/${key}`];
    const mode = value("skipper-ingress-path-mode");
    if (mode !== undefined && !(pathModes as readonly string[]).includes(mode)) {
      this.problems.push(error(annotation("skipper-ingress-path-mode"), `unknown path mode ${JSON.stringify(mode)} (one of ${pathModes.join(", ")}): Skipper would use kubernetes-ingress`));
    }
    const redirect = value("skipper-ingress-redirect");
    if (redirect !== undefined && redirect !== "true" && redirect !== "false") {
      this.problems.push(error(annotation("skipper-ingress-redirect"), `${JSON.stringify(redirect)} is neither "true" nor "false": Skipper would ignore it`));
    }
    const code = value("skipper-ingress-redirect-code");
    if (code !== undefined && !/^3\d\d$/.test(code)) {
      this.problems.push(error(annotation("skipper-ingress-redirect-code"), `${JSON.stringify(code)} is no redirect status (300 to 399): Skipper would use its default code`));
    }
    const protocol = value("skipper-backend-protocol");
    if (protocol !== undefined && !backendProtocols.includes(protocol)) {
      this.problems.push(error(annotation("skipper-backend-protocol"), `unsupported backend protocol ${JSON.stringify(protocol)} (one of ${backendProtocols.join(", ")})`));
    }
    const backend = value("skipper-backend");
    if (backend !== undefined && backend !== "forward") {
      this.problems.push(warning(annotation("skipper-backend"), `only "forward" is honoured; ${JSON.stringify(backend)} is ignored`));
    }
  }

  private checkWeights(): void {
    const text = this.annotations["zalando.org/backend-weights"];
    if (text === undefined || text.trim() === "") return;
    let weights: unknown;
    try {
      weights = JSON.parse(text);
    } catch {
      return; // reported by readIngressAnnotations
    }
    if (typeof weights !== "object" || weights === null || Array.isArray(weights)) return;
    for (const [service, weight] of Object.entries(weights)) {
      if (typeof weight !== "number" || weight < 0) {
        this.problems.push(error(annotation("backend-weights"), `the weight of ${JSON.stringify(service)} is ${JSON.stringify(weight)}, not a number of 0 or more`));
      } else if (!this.services.has(service)) {
        this.problems.push(warning(annotation("backend-weights"), `a weight for service ${JSON.stringify(service)}, which no backend of this ingress names`));
      }
    }
  }

  /** The eskip of the annotations, each call with its annotation as its field, for the route check. */
  private collectAnnotationCalls(): void {
    const calls = (key: string, parse: (text: string) => Call[]) =>
      (parsedAnnotation(this.annotations, key, parse, []) ?? []).map((call) => ({ call, field: annotation(key) }));
    const predicates = calls("skipper-predicate", parsePredicates);
    const filters = [...calls("ratelimit", parseFilters), ...calls("skipper-filter", parseFilters)];
    if (predicates.length + filters.length > 0) this.routesToCheck.push(callsToCheck(predicates, filters));
    const routes = parsedAnnotation(this.annotations, "skipper-routes", extraRoutes, []) ?? [];
    routes.forEach((route, k) => {
      const field = annotation("skipper-routes");
      this.routesToCheck.push({
        route,
        predicateFields: route.predicates.map(() => field),
        filterFields: route.filters.map(() => field),
        backendField: field,
        label: route.id === "" ? `route ${k + 1}` : `route "${route.id}"`,
      });
    });
  }
}

export function validateIngress(object: KubeObject, servicesInManifests: readonly KubeObject[]): IngressValidation {
  const validator = new IngressValidator(object, servicesInManifests);
  validator.run();
  return validator;
}
