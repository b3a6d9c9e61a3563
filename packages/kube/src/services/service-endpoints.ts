import type { ClusterState, Json, JsonObject } from "../cluster-state.js";
import { arrayField, isObject, numberField, objectField, stringField } from "../json.js";
import { servingAddresses, slicesOf } from "./endpoint-slices.js";
import { findNamed } from "./named-objects.js";

/**
 * A Service's endpoints as backend URLs (skipper-semantics §5.7): the service must exist and be
 * ClusterIP, its port maps to a target port, and Endpoints (or EndpointSlices) give addresses.
 * Results are kept per (namespace, service, target port, scheme) for the whole compilation: two
 * groups on one service share one result unless their schemes differ.
 */

export type Resolution = { readonly urls: readonly string[] } | { readonly error: string };

/** A target port: a number, or the name of an endpoint port. */
type TargetPort = number | string;

export class ServiceEndpoints {
  private readonly cache = new Map<string, readonly string[]>();

  constructor(
    private readonly state: ClusterState,
    private readonly endpointSlices: boolean,
  ) {}

  /**
   * `absentTypeIsClusterIp`: a Service without `type` is ClusterIP, as the API server makes it;
   * Skipper's compilers, held to its fixtures, refuse one (§5.7), the Gateway API compiler does not.
   */
  resolve(namespace: string, serviceName: string, servicePort: number, protocol: string | undefined, { absentTypeIsClusterIp = false } = {}): Resolution {
    const service = findNamed(this.state.services, namespace, serviceName);
    if (!service) return { error: `${namespace}/${serviceName}: service not found` };
    const spec = objectField(service.body, "spec");
    const type = stringField(spec, "type") ?? (absentTypeIsClusterIp ? "ClusterIP" : "");
    if (type.toLowerCase() !== "clusterip") return { error: `not supported service type in service/${namespace}/${serviceName}: ${type}` };
    const target = targetPortOf(spec, servicePort);
    if (target === undefined) return { error: `target port not found: ${serviceName}:${servicePort}` };
    // The scheme is part of the key (skipper-semantics §5.7, as Skipper v0.16.22 keyed it): one
    // RouteGroup's backend protocol annotation must not turn another's endpoints into h2c.
    const key = `${namespace}\0${serviceName}\0TCP\0${target}\0${protocol ?? ""}`;
    let urls = this.cache.get(key);
    if (urls === undefined) {
      urls = this.endpointSlices ? this.fromSlices(namespace, serviceName, target, protocol) : this.fromEndpoints(namespace, serviceName, target, protocol ?? "http");
      this.cache.set(key, urls);
    }
    return { urls };
  }

  /** Endpoints: the first subset with a matching port gives all its addresses. */
  private fromEndpoints(namespace: string, serviceName: string, target: TargetPort, scheme: string): string[] {
    const endpoints = findNamed(this.state.endpoints, namespace, serviceName);
    for (const subset of objects(arrayField(endpoints?.body, "subsets"))) {
      const port = objects(arrayField(subset, "ports")).find((candidate) => portMatches(candidate, target));
      if (port === undefined) continue;
      const number = numberField(port, "port") ?? 0;
      const ips = objects(arrayField(subset, "addresses")).map((address) => stringField(address, "ip") ?? "");
      return ips.map((ip) => endpointUrl(scheme, ip, number)).sort();
    }
    return [];
  }

  /** EndpointSlices: ready, non-terminating endpoints of every slice of the service. */
  private fromSlices(namespace: string, serviceName: string, target: TargetPort, protocol: string | undefined): string[] {
    const slices = slicesOf(this.state, namespace, serviceName).filter((slice) => Array.isArray(slice.body["ports"]));
    if (slices.length === 0) return [];
    const ports = objects(arrayField(slices.at(-1)!.body, "ports")).filter((port) => (stringField(port, "protocol") ?? "TCP") === "TCP");
    const port = ports.find((candidate) => slicePortMatches(candidate, target));
    const number = port === undefined ? 0 : (numberField(port, "port") ?? 0);
    const scheme = protocol ?? (stringField(port, "appProtocol") === "kubernetes.io/h2c" ? "h2c" : "http");
    return servingAddresses(slices).map((address) => endpointUrl(scheme, address, number)).sort();
  }
}

function objects(values: Json[] | undefined): JsonObject[] {
  return (values ?? []).filter(isObject);
}

function targetPortOf(spec: JsonObject | undefined, servicePort: number): TargetPort | undefined {
  const port = objects(arrayField(spec, "ports")).find((candidate) => numberField(candidate, "port") === servicePort);
  if (port === undefined) return undefined;
  const target = port["targetPort"];
  if (typeof target === "number" || (typeof target === "string" && target !== "")) return target;
  return servicePort;
}

function portMatches(port: JsonObject, target: TargetPort): boolean {
  return typeof target === "string" ? stringField(port, "name") === target : numberField(port, "port") === target;
}

/** A slice port matches by name (the named target port, or no name for a numeric one) or by number. */
function slicePortMatches(port: JsonObject, target: TargetPort): boolean {
  const name = stringField(port, "name") ?? "";
  return typeof target === "string" ? name === target : name === "" || numberField(port, "port") === target;
}

export function endpointUrl(scheme: string, ip: string, port: number): string {
  return `${scheme}://${ip.includes(":") ? `[${ip}]` : ip}:${port}`;
}
