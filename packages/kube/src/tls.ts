import type { ClusterState, KubeObject } from "./cluster-state.js";
import type { ProblemLevel } from "@bosun/eskip";
import { findNamed } from "./services/named-objects.js";
import { missingSecret, tlsCertificateOf, unusableSecret } from "./tls-secret.js";

/**
 * TLS entries checked as Skipper's certificate registry would take them (skipper-semantics §5.12).
 * Routes do not change; what happens shows in problems only. The Secret is read as tls-secret.ts
 * reads it for Gateway listeners.
 */

export interface TlsEntry {
  readonly hosts: readonly string[];
  readonly secretName: string;
}

type Report = (level: ProblemLevel, message: string, fieldPath: string) => void;

export function checkTls(entries: readonly TlsEntry[], objectHosts: readonly string[], object: KubeObject, state: ClusterState, report: Report): void {
  const namespace = object.metadata.namespace === "" ? "default" : object.metadata.namespace;
  entries.forEach((entry, i) => {
    const at = `spec.tls[${i}]`;
    const selected = entry.hosts.filter((host) => objectHosts.includes(host));
    const hostsText = `tls hosts: [${entry.hosts.join(" ")}], routegroup hosts: [${objectHosts.join(" ")}]`;
    if (selected.length === 0) return report("error", `No matching tls hosts found - ${hostsText}`, `${at}.hosts`);
    if (selected.length < entry.hosts.length) report("info", `Hosts in TLS and RouteGroup don't match: ${hostsText}`, `${at}.hosts`);
    if (entry.secretName === "") return;
    const secret = findNamed(state.secrets, namespace, entry.secretName);
    if (!secret) return report("error", missingSecret(entry.secretName, namespace), `${at}.secretName`);
    const certificate = tlsCertificateOf(secret);
    if (typeof certificate === "string") return report("error", unusableSecret(certificate), `${at}.secretName`);
    for (const host of selected) report("info", `adding certificate to registry - ${host}`, `${at}.hosts`);
  });
}
