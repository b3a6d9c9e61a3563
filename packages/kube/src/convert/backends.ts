import type { Backend, Call } from "@bosun/eskip";
import type { ClusterState, JsonObject } from "../cluster-state.js";
import { arrayField, isObject, numberField, objectField, stringField } from "../json.js";
import { servicePortOf, type IngressBackendRef } from "../ingress/backend.js";
import { findNamed } from "../services/named-objects.js";

/**
 * The `spec.backends` of the RouteGroup made from one Ingress: each distinct backend once, named
 * after what it points at (`<service>-<port>`, `shunt`, `network`, …), and what a route that uses
 * it needs besides the reference.
 */

/** A backend reference a route can use, and the filters that must come with it. */
export interface BackendUse {
  readonly name: string;
  /** `setRequestHeader("Host", …)` for an ExternalName service (skipper-semantics §5.13.3). */
  readonly filters: readonly Call[];
}

export interface CatalogSettings {
  readonly namespace: string;
  /** `zalando.org/skipper-backend: forward`: every service backend becomes a `forward` backend. */
  readonly forward: boolean;
  /** `zalando.org/skipper-loadbalancer`, as the service backends' `algorithm`. */
  readonly lbAlgorithm: string | undefined;
  /** Skipper's `externalNamePreserveHost`: no Host header for ExternalName services. */
  readonly externalNamePreserveHost: boolean;
}

export type ReportProblem = (fieldPath: string, reason: string) => void;

/** Where findings go: a problem leaves the Ingress unconverted; a caveat says where the RouteGroup, converted all the same, will not behave as the Ingress did. */
export interface Reports {
  readonly problem: ReportProblem;
  readonly caveat: ReportProblem;
}

export class BackendCatalog {
  private readonly specs: JsonObject[] = [];
  private readonly byContent = new Map<string, string>();

  constructor(
    private readonly state: ClusterState,
    private readonly settings: CatalogSettings,
    private readonly reports: Reports,
  ) {}

  /** The backends in the order they were first used. */
  get backends(): JsonObject[] {
    return this.specs;
  }

  /** The backend of an Ingress service backend; undefined after reporting why there is none. */
  service(ref: IngressBackendRef, fieldPath: string): BackendUse | undefined {
    const port = ref.portNumber !== 0 ? String(ref.portNumber) : ref.portName;
    if (ref.service === "" || port === "") {
      this.reports.problem(`${fieldPath}.service`, "a service backend needs a service name and a port");
      return undefined;
    }
    const name = `${ref.service}-${port}`;
    if (this.settings.forward) return { name: this.add(name, { type: "forward" }), filters: [] };
    const service = findNamed(this.state.services, this.settings.namespace, ref.service);
    const spec = objectField(service?.body, "spec");
    const type = stringField(spec, "type");
    if (type === "ExternalName") return this.externalName(spec, ref, name, fieldPath);
    const where = `service ${this.settings.namespace}/${ref.service}`;
    // An absent type is ClusterIP once the API server has the Service (§5.7).
    if (type !== undefined && type.toLowerCase() !== "clusterip") {
      this.reports.caveat(`${fieldPath}.service.name`, `${where} is of type ${type}: Skipper routes RouteGroup service backends to ClusterIP services only`);
    }
    let servicePort: number | undefined;
    if (spec !== undefined) servicePort = this.servicePort(ports(spec), ref, where, fieldPath);
    else if (ref.portNumber !== 0) servicePort = ref.portNumber;
    // A RouteGroup names the Service's port by number only (§5.2).
    else this.reports.problem(`${fieldPath}.service.port.name`, `named port "${ref.portName}": RouteGroups need the port number, and ${where} is not in the manifests`);
    if (servicePort === undefined) return undefined;
    const algorithm: JsonObject = this.settings.lbAlgorithm === undefined ? {} : { algorithm: this.settings.lbAlgorithm };
    return { name: this.add(name, { type: "service", serviceName: ref.service, servicePort, ...algorithm }), filters: [] };
  }

  /** The number of the Service port the Ingress names; undefined after reporting a port name the Service does not have. */
  private servicePort(servicePorts: readonly JsonObject[], ref: IngressBackendRef, where: string, fieldPath: string): number | undefined {
    const byName = ref.portNumber === 0;
    const entry = servicePorts.find((candidate) => (byName ? stringField(candidate, "name") === ref.portName : numberField(candidate, "port") === ref.portNumber));
    if (entry === undefined) {
      if (byName) this.reports.problem(`${fieldPath}.service.port.name`, `${where} has no port named "${ref.portName}"`);
      // The Ingress route answers 502, the RouteGroup route is left out (§5.13.3, §5.7).
      else this.reports.caveat(`${fieldPath}.service.port.number`, `${where} has no port ${ref.portNumber}`);
      return byName ? undefined : ref.portNumber;
    }
    const target = entry["targetPort"];
    const portName = stringField(entry, "name") ?? "";
    if (typeof target === "string" && target !== "" && target !== portName) {
      // Endpoints ports carry the Service port's name: Ingresses look them up by it, RouteGroups
      // by the named targetPort (§5.13.3, §5.7), so the two find different endpoints.
      const reason = `${where} port ${numberField(entry, "port")} has the targetPort "${target}", not its own name "${portName}": Skipper finds a RouteGroup's endpoints by the targetPort name, an Ingress's by the port's name`;
      this.reports.caveat(`${fieldPath}.service.port`, reason);
    }
    return numberField(entry, "port") ?? ref.portNumber;
  }

  /**
   * An ExternalName service, which a RouteGroup service backend rejects: a network backend to the
   * external name with the Host header set, as Skipper compiles it for an Ingress (§5.13.3).
   */
  private externalName(spec: JsonObject | undefined, ref: IngressBackendRef, name: string, fieldPath: string): BackendUse | undefined {
    const externalName = stringField(spec, "externalName") ?? "";
    const entry = servicePortOf(spec, ref);
    if (externalName === "" || entry === undefined) {
      const reason = externalName === "" ? "has no externalName" : `has no port ${ref.portNumber !== 0 ? ref.portNumber : `"${ref.portName}"`} with a targetPort`;
      this.reports.problem(`${fieldPath}.service`, `ExternalName service ${this.settings.namespace}/${ref.service} ${reason}`);
      return undefined;
    }
    const target = entry["targetPort"];
    const port = typeof target === "number" ? target : (numberField(entry, "port") ?? 0);
    const address = `${port === 443 ? "https" : "http"}://${externalName}:${port}`;
    const filters: Call[] = this.settings.externalNamePreserveHost ? [] : [{ name: "setRequestHeader", args: ["Host", externalName] }];
    const what = `ExternalName service ${this.settings.namespace}/${ref.service} becomes the network backend ${address}${filters.length > 0 ? " with its Host header" : ""}`;
    this.reports.caveat(`${fieldPath}.service.name`, `${what}; Skipper's route for it from an Ingress ignores the rule's path, skipper-predicate and skipper-filter, the RouteGroup's route keeps them`);
    return { name: this.add(name, { type: "network", address }), filters };
  }

  /** The backend of an eskip route (from `zalando.org/skipper-routes`); undefined after reporting why there is none. */
  eskip(backend: Backend, fieldPath: string): string | undefined {
    switch (backend.type) {
      case "network": {
        const address = schemeAndHost(backend.address);
        if (address === undefined) {
          this.reports.problem(fieldPath, `backend address "${backend.address}" is not a URL`);
          return undefined;
        }
        return this.add("network", { type: "network", address });
      }
      case "lb": {
        const algorithm: JsonObject = backend.algorithm === "" ? {} : { algorithm: backend.algorithm };
        return this.add("lb", { type: "lb", ...algorithm, endpoints: backend.endpoints.map((endpoint) => endpoint.address) });
      }
      default:
        return this.add(backend.type, { type: backend.type });
    }
  }

  /** The `forward` backend, for the annotation routes of an Ingress with `zalando.org/skipper-backend: forward`. */
  forward(): string {
    return this.add("forward", { type: "forward" });
  }

  /** The name of the backend with this content, added under a free name based on `name` if new. */
  private add(name: string, content: JsonObject): string {
    const key = JSON.stringify(content);
    const known = this.byContent.get(key);
    if (known !== undefined) return known;
    const taken = new Set(this.byContent.values());
    let free = name;
    for (let n = 2; taken.has(free); n++) free = `${name}-${n}`;
    this.byContent.set(key, free);
    this.specs.push({ name: free, ...content });
    return free;
  }
}

function ports(spec: JsonObject | undefined): JsonObject[] {
  return (arrayField(spec, "ports") ?? []).filter(isObject);
}

/** The Service port an Ingress backend uses, found as the Ingress compiler finds it (§5.13.3): by number as text or name, with a targetPort. */
/**
 * `scheme://host[:port]` of a network address: a RouteGroup network backend takes no path
 * (§5.3), and Skipper ignores the path of a network backend anyway (§2.1).
 */
function schemeAndHost(address: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]+/.exec(address)?.[0];
}
