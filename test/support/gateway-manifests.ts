/**
 * The GatewayClass of bosun's controller and a Gateway of it, as YAML documents: what every
 * test and benchmark of HTTPRoutes starts from.
 */

export const bosunGatewayClass = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: bosun}
spec: {controllerName: bosun.dev/gateway-controller}
`;

/** `listeners` as a YAML flow list; by default one HTTP listener on port 80 that takes routes from every namespace. */
export function gatewayYaml(namespace: string, name: string, listeners = "[{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]", metadata = ""): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {namespace: ${namespace}, name: ${name}${metadata}}
spec:
  gatewayClassName: bosun
  listeners: ${listeners}
`;
}

/** The class and one Gateway, as one YAML stream. */
export const bosunGateway = (namespace: string, name: string, listeners?: string, metadata?: string): string => `${bosunGatewayClass}---\n${gatewayYaml(namespace, name, listeners, metadata)}`;
