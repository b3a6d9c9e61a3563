/**
 * The name rules the API server applies to the fields bosun validates, with its messages
 * (k8s.io/apimachinery validation), so `bosun validate` rejects what `kubectl apply` would.
 */

const subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const label1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const ianaServiceName = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Why `host` is no valid Ingress host (a DNS-1123 subdomain, or `*.` and one), or undefined. */
export function ingressHostProblem(host: string): string | undefined {
  if (ipv4.test(host) || host.includes(":")) return `Invalid value: ${JSON.stringify(host)}: must be a DNS name, not an IP address`;
  if (host.startsWith("*.")) {
    if (host.length <= 255 && subdomain.test(host.slice(2))) return undefined;
    return `Invalid value: ${JSON.stringify(host)}: a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character`;
  }
  if (host.length <= 253 && subdomain.test(host)) return undefined;
  return `Invalid value: ${JSON.stringify(host)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`;
}

/** Why `name` is no valid Service name (a DNS-1035 label), or undefined. */
export function serviceNameProblem(name: string): string | undefined {
  if (name.length <= 63 && label1035.test(name)) return undefined;
  return `Invalid value: ${JSON.stringify(name)}: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character`;
}

/** Why `name` is no valid port name (an IANA service name), or undefined. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return `Invalid value: ${JSON.stringify(name)}: must be no more than 15 characters`;
  if (!ianaServiceName.test(name)) return `Invalid value: ${JSON.stringify(name)}: must contain only lower case alphanumeric characters and single hyphens between them`;
  if (!/[a-z]/.test(name)) return `Invalid value: ${JSON.stringify(name)}: must contain at least one letter`;
  return undefined;
}
