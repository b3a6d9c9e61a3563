import type { HostCertificate, ProblemLevel } from "@bosun/eskip";
import type { ClusterState, KubeObject } from "./cluster-state.js";
import { arrayField, isObject, objectField, stringField } from "./json.js";
import { decodeTls } from "./routegroup/decode.js";
import { findNamed } from "./services/named-objects.js";
import { missingSecret, tlsCertificateOf, unusableSecret } from "./tls-secret.js";

/**
 * TLS entries taken as Skipper's certificate registry takes them (skipper-semantics §5.12): the
 * certificate of each entry's Secret, for the entry's hosts that are among the object's. Routes
 * do not change; the certificates are what the proxy's own address serves by SNI. The Secret is
 * read as tls-secret.ts reads it for Gateway listeners.
 */

export interface TlsEntry {
  readonly hosts: readonly string[];
  readonly secretName: string;
}

type Report = (level: ProblemLevel, message: string, fieldPath: string) => void;

/** An Ingress's `spec.tls` entries and its rules' hosts, which the entries' hosts are taken among. */
export function ingressTls(object: KubeObject): { entries: TlsEntry[]; hosts: string[] } {
  const spec = objectField(object.body, "spec");
  const rules = (arrayField(spec, "rules") ?? []).map((rule) => (isObject(rule) ? (stringField(rule, "host") ?? "") : ""));
  return { entries: (arrayField(spec, "tls") ?? []).map(decodeTls), hosts: [...new Set(rules.filter((host) => host !== ""))] };
}

/** The certificates of the entries, each for its selected hosts; what goes wrong is reported in Skipper's words. */
export function checkTls(entries: readonly TlsEntry[], objectHosts: readonly string[], object: KubeObject, state: ClusterState, report: Report): HostCertificate[] {
  const namespace = object.metadata.namespace === "" ? "default" : object.metadata.namespace;
  // Skipper's Ingress and RouteGroup code say the same, each of its own kind.
  const [lower, title] = object.kind === "Ingress" ? ["ingress", "Ingress"] : ["routegroup", "RouteGroup"];
  const certificates: HostCertificate[] = [];
  entries.forEach((entry, i) => {
    const at = `spec.tls[${i}]`;
    const selected = entry.hosts.filter((host) => objectHosts.includes(host));
    const hostsText = `tls hosts: [${entry.hosts.join(" ")}], ${lower} hosts: [${objectHosts.join(" ")}]`;
    if (selected.length === 0) return report("error", `No matching tls hosts found - ${hostsText}`, `${at}.hosts`);
    if (selected.length < entry.hosts.length) report("info", `Hosts in TLS and ${title} don't match: ${hostsText}`, `${at}.hosts`);
    if (entry.secretName === "") return;
    const secret = findNamed(state.secrets, namespace, entry.secretName);
    if (!secret) return report("error", missingSecret(entry.secretName, namespace), `${at}.secretName`);
    const certificate = tlsCertificateOf(secret);
    if (typeof certificate === "string") return report("error", unusableSecret(certificate), `${at}.secretName`);
    for (const host of selected) report("info", `adding certificate to registry - ${host}`, `${at}.hosts`);
    certificates.push({ hosts: selected, cert: certificate.cert, key: certificate.key });
  });
  return certificates;
}
