import type { Backend, Call } from "@bosun/eskip";
import { AllowedNames } from "../allowed-names.js";
import type { CompileOptions } from "../options.js";
import { noEndpointsFilters } from "../services/no-endpoints.js";
import type { ServiceEndpoints } from "../services/service-endpoints.js";
import type { BackendSpec } from "./spec.js";

/** What a route gets from its backend (skipper-semantics §5.7). */
export interface AppliedBackend {
  readonly backend: Backend;
  /** Filters that replace the route's own: the no-endpoints answer, or none for forward. */
  readonly replaceFilters?: readonly Call[];
  /** Service backends get the default filters of their service. */
  readonly service?: { readonly name: string; readonly namespace: string };
}

/** A backend that cannot be applied: Skipper's reason, which skips the route spec or the context. */
export class BackendFailure extends Error {}


export interface BackendEnvironment {
  readonly options: CompileOptions;
  readonly services: Pick<ServiceEndpoints, "resolve">;
  readonly allowedNames: AllowedNames;
}

type Applier = (backend: BackendSpec, namespace: string, annotations: Readonly<Record<string, string>>, environment: BackendEnvironment) => AppliedBackend;

function algorithmOf(backend: BackendSpec, options: CompileOptions): string {
  return backend.algorithm !== "" ? backend.algorithm : options.defaultLbAlgorithm;
}

const appliers: Readonly<Record<BackendSpec["type"], Applier>> = {
  service: (backend, namespace, annotations, { options, services }) => {
    const protocol = annotations["zalando.org/skipper-backend-protocol"];
    const resolution = services.resolve(namespace, backend.serviceName, backend.servicePort, protocol);
    if ("error" in resolution) throw new BackendFailure(resolution.error);
    const service = { name: backend.serviceName, namespace };
    const urls = resolution.urls;
    if (urls.length === 0) return { backend: { type: "shunt" }, replaceFilters: noEndpointsFilters, service };
    if (urls.length === 1) return { backend: { type: "network", address: urls[0]! }, service };
    const endpoints = urls.map((address) => ({ address }));
    return { backend: { type: "lb", algorithm: algorithmOf(backend, options), endpoints }, service };
  },
  network: (backend, _namespace, _annotations, { allowedNames }) => {
    if (!allowedNames.allows(AllowedNames.hostnameOf(backend.address))) {
      throw new BackendFailure(`routegroup with not allowed network backend: ${backend.address}`);
    }
    return { backend: { type: "network", address: backend.address } };
  },
  lb: (backend, _namespace, _annotations, { options, allowedNames }) => {
    for (const endpoint of backend.endpoints) {
      if (!allowedNames.allows(AllowedNames.hostnameOf(endpoint))) throw new BackendFailure(`routegroup with not allowed explicit LB endpoint: ${endpoint}`);
    }
    return { backend: { type: "lb", algorithm: algorithmOf(backend, options), endpoints: backend.endpoints.map((address) => ({ address })) } };
  },
  shunt: () => ({ backend: { type: "shunt" } }),
  loopback: () => ({ backend: { type: "loopback" } }),
  dynamic: () => ({ backend: { type: "dynamic" } }),
  forward: (_backend, _namespace, _annotations, { options }) => {
    if (options.forwardBackendUrl === undefined) throw new BackendFailure("forward backend without a forward backend url");
    return { backend: { type: "network", address: options.forwardBackendUrl }, replaceFilters: [] };
  },
};

export function applyBackend(backend: BackendSpec, namespace: string, annotations: Readonly<Record<string, string>>, environment: BackendEnvironment): AppliedBackend {
  return appliers[backend.type](backend, namespace, annotations, environment);
}
