/** Objects for the test API server, as a cluster would hold them. */
type Object = { kind: string; apiVersion: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } } & Record<string, unknown>;

export function service(namespace: string, name: string, targetPort: number): Object {
  return { apiVersion: "v1", kind: "Service", metadata: { namespace, name }, spec: { type: "ClusterIP", ports: [{ name: "http", port: 80, targetPort }] } };
}

export function endpoints(namespace: string, name: string, port: number, ip = "127.0.0.1"): Object {
  return { apiVersion: "v1", kind: "Endpoints", metadata: { namespace, name }, subsets: [{ addresses: [{ ip }], ports: [{ name: "http", port }] }] };
}

export function endpointSlice(namespace: string, service: string, port: number, ip = "127.0.0.1"): Object {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { namespace, name: `${service}-1`, labels: { "kubernetes.io/service-name": service } },
    addressType: "IPv4",
    endpoints: [{ addresses: [ip], conditions: { ready: true } }],
    ports: [{ name: "http", port }],
  };
}

/** A RouteGroup sending `path` (a subtree) to the service's port 80. */
export function routeGroup(namespace: string, name: string, path: string, serviceName: string, extra: Record<string, unknown> = {}): Object {
  return {
    apiVersion: "zalando.org/v1",
    kind: "RouteGroup",
    metadata: { namespace, name },
    spec: {
      backends: [{ name: "app", type: "service", serviceName, servicePort: 80 }],
      defaultBackends: [{ backendName: "app" }],
      routes: [{ pathSubtree: path, ...extra }],
    },
  };
}

export function ingress(namespace: string, name: string, path: string, serviceName: string): Object {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { namespace, name },
    spec: { rules: [{ http: { paths: [{ path, pathType: "Prefix", backend: { service: { name: serviceName, port: { number: 80 } } } }] } }] },
  };
}

export function labelledNamespace(name: string, labels: Record<string, string>): Object {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}

const gatewayApi = "gateway.networking.k8s.io/v1";

export function gatewayClass(name: string, controllerName: string): Object {
  return { apiVersion: gatewayApi, kind: "GatewayClass", metadata: { name }, spec: { controllerName } };
}

/** A Gateway with one HTTP listener, `http` on `port`, taking routes of its own namespace unless `allowedRoutes` says otherwise. */
export function gateway(namespace: string, name: string, className: string, port: number, allowedRoutes?: Record<string, unknown>): Object {
  const listener = { name: "http", port, protocol: "HTTP", ...(allowedRoutes ? { allowedRoutes } : {}) };
  return { apiVersion: gatewayApi, kind: "Gateway", metadata: { namespace, name }, spec: { gatewayClassName: className, listeners: [listener] } };
}

/** An HTTPRoute sending a path prefix to the service's port 80, attached to the Gateway of that name in its namespace. */
export function httpRoute(namespace: string, name: string, gatewayName: string, path: string, serviceName: string): Object {
  return {
    apiVersion: gatewayApi,
    kind: "HTTPRoute",
    metadata: { namespace, name },
    spec: { parentRefs: [{ name: gatewayName }], rules: [{ matches: [{ path: { type: "PathPrefix", value: path } }], backendRefs: [{ name: serviceName, port: 80 }] }] },
  };
}
