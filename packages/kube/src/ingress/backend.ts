import type { Backend, Call } from "@bosun/eskip";
import { AllowedNames } from "../allowed-names.js";
import type { ClusterState, JsonObject, KubeObject } from "../cluster-state.js";
import { arrayField, isObject, numberField, objectField, stringField } from "../json.js";
import type { CompileOptions } from "../options.js";
import { endpointUrl } from "../services/service-endpoints.js";
import { servingAddresses, slicesOf } from "../services/endpoint-slices.js";
import { findNamed } from "../services/named-objects.js";

/** What an Ingress backend (`service: {name, port}`) resolves to (skipper-semantics §5.13.3). */
export type IngressTarget =
  | { readonly kind: "endpoints"; readonly backend: Backend; readonly noEndpoints: boolean; readonly multiple: boolean }
  | { readonly kind: "externalName"; readonly backend: Backend; readonly filters: readonly Call[]; readonly externalName: string }
  | { readonly kind: "dropped"; readonly level: "error" | "info"; readonly message: string };

export interface IngressBackendRef {
  readonly service: string;
  /** The port number, or 0 when the port is given by name. */
  readonly portNumber: number;
  readonly portName: string;
}

export function ingressBackendRef(backend: JsonObject | undefined): IngressBackendRef | undefined {
  const service = objectField(backend, "service");
  if (service === undefined) return undefined;
  const port = objectField(service, "port");
  return { service: stringField(service, "name") ?? "", portNumber: numberField(port, "number") ?? 0, portName: stringField(port, "name") ?? "" };
}

/** The Service port an Ingress backend names (by number, or by name) that has a target port (§5.13.3). */
export function servicePortOf(spec: JsonObject | undefined, ref: IngressBackendRef): JsonObject | undefined {
  const wanted = ref.portNumber !== 0 ? String(ref.portNumber) : ref.portName;
  return (arrayField(spec, "ports") ?? [])
    .filter(isObject)
    .find((port) => (String(numberField(port, "port")) === wanted || stringField(port, "name") === wanted) && port["targetPort"] !== undefined);
}

export class IngressBackends {
  private readonly allowedNames: AllowedNames;

  constructor(
    private readonly state: ClusterState,
    private readonly options: CompileOptions,
  ) {
    this.allowedNames = new AllowedNames(options);
  }

  resolve(namespace: string, ref: IngressBackendRef, protocol: string, lbAlgorithm: string | undefined): IngressTarget {
    const service = findNamed(this.state.services, namespace, ref.service);
    const port = ref.portNumber !== 0 ? String(ref.portNumber) : ref.portName;
    if (!service) return { kind: "dropped", level: "error", message: `Failed to get service ${ref.service}, ${port}` };
    const spec = objectField(service.body, "spec");
    const servicePort = servicePortOf(spec, ref);
    const targetPort = servicePort?.["targetPort"];
    if (stringField(spec, "type") === "ExternalName") return this.externalName(spec, ref, servicePort, targetPort);
    if (servicePort === undefined) return endpointsTarget([], lbAlgorithm ?? this.options.defaultLbAlgorithm);
    const targetNumber = typeof targetPort === "number" ? targetPort : (numberField(servicePort, "port") ?? 0);
    if (this.options.forceKubernetesService) {
      const scheme = targetNumber === 443 ? "https" : "http";
      return endpointsTarget([`${scheme}://${ref.service}.${namespace}.svc.cluster.local:${targetNumber}`], lbAlgorithm ?? this.options.defaultLbAlgorithm);
    }
    const urls = this.options.endpointSlices ? this.fromSlices(namespace, ref.service, servicePort, protocol) : this.fromEndpoints(namespace, ref.service, servicePort, protocol);
    return endpointsTarget(urls, lbAlgorithm ?? this.options.defaultLbAlgorithm);
  }

  private externalName(spec: JsonObject | undefined, ref: IngressBackendRef, servicePort: JsonObject | undefined, targetPort: unknown): IngressTarget {
    const externalName = stringField(spec, "externalName") ?? "";
    if (!this.options.enableExternalNames) return { kind: "dropped", level: "info", message: `external name service ${ref.service} not enabled` };
    if (!this.allowedNames.allows(externalName)) return { kind: "dropped", level: "error", message: `ingress with not allowed external name service: ${externalName}` };
    const port = typeof targetPort === "number" ? targetPort : (numberField(servicePort, "port") ?? 0);
    const backend: Backend = { type: "network", address: `${port === 443 ? "https" : "http"}://${externalName}:${port}` };
    const filters = this.options.externalNamePreserveHost ? [] : [{ name: "setRequestHeader", args: ["Host", externalName] }];
    return { kind: "externalName", backend, filters, externalName };
  }

  /** The first subset with one port, or with a port named as the service port, gives every address. */
  private fromEndpoints(namespace: string, service: string, servicePort: JsonObject, scheme: string): string[] {
    const endpoints = findNamed(this.state.endpoints, namespace, service);
    const portName = stringField(servicePort, "name");
    for (const subset of (arrayField(endpoints?.body, "subsets") ?? []).filter(isObject)) {
      const ports = (arrayField(subset, "ports") ?? []).filter(isObject);
      const port = ports.length === 1 ? ports[0] : ports.find((candidate) => stringField(candidate, "name") === portName);
      if (port === undefined) continue;
      const number = numberField(port, "port") ?? 0;
      return (arrayField(subset, "addresses") ?? []).filter(isObject).map((address) => endpointUrl(scheme, stringField(address, "ip") ?? "", number)).sort();
    }
    return [];
  }

  private fromSlices(namespace: string, service: string, servicePort: JsonObject, scheme: string): string[] {
    const slices = slicesOf(this.state, namespace, service);
    const name = stringField(servicePort, "name");
    const target = servicePort["targetPort"];
    const number = numberField(servicePort, "port");
    // The port of a slice is the one named as the service port, or numbered as its target or itself.
    const isServicePort = (candidate: JsonObject) =>
      (name !== undefined && stringField(candidate, "name") === name) || numberField(candidate, "port") === target || numberField(candidate, "port") === number;
    const portOf = (slice: KubeObject) => (arrayField(slice.body, "ports") ?? []).filter(isObject).find(isServicePort);
    const matching = slices.filter((slice) => portOf(slice) !== undefined);
    const last = matching.at(-1);
    const port = last === undefined ? undefined : portOf(last);
    const portNumber = port === undefined ? 0 : (numberField(port, "port") ?? 0);
    return servingAddresses(matching).map((address) => endpointUrl(scheme, address, portNumber)).sort();
  }
}

function endpointsTarget(urls: readonly string[], algorithm: string): IngressTarget {
  if (urls.length === 0) return { kind: "endpoints", backend: { type: "shunt" }, noEndpoints: true, multiple: false };
  if (urls.length === 1) return { kind: "endpoints", backend: { type: "network", address: urls[0]! }, noEndpoints: false, multiple: false };
  return { kind: "endpoints", backend: { type: "lb", algorithm, endpoints: urls.map((address) => ({ address })) }, noEndpoints: false, multiple: true };
}
