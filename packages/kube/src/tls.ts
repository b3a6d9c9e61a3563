import type { ClusterState, KubeObject } from "./cluster-state.js";
import { objectField, stringField } from "./json.js";
import type { ProblemLevel } from "@bosun/eskip";

/**
 * TLS entries checked as Skipper's certificate registry would take them (skipper-semantics §5.12).
 * Routes do not change; what happens shows in problems only. A certificate is checked to be
 * base64 of both parts, not parsed as X.509.
 */

export interface TlsEntry {
  readonly hosts: readonly string[];
  readonly secretName: string;
}

type Report = (level: ProblemLevel, message: string, fieldPath: string) => void;

const strictBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function checkTls(entries: readonly TlsEntry[], objectHosts: readonly string[], object: KubeObject, state: ClusterState, report: Report): void {
  const namespace = object.metadata.namespace === "" ? "default" : object.metadata.namespace;
  entries.forEach((entry, i) => {
    const at = `spec.tls[${i}]`;
    const selected = entry.hosts.filter((host) => objectHosts.includes(host));
    const hostsText = `tls hosts: [${entry.hosts.join(" ")}], routegroup hosts: [${objectHosts.join(" ")}]`;
    if (selected.length === 0) return report("error", `No matching tls hosts found - ${hostsText}`, `${at}.hosts`);
    if (selected.length < entry.hosts.length) report("info", `Hosts in TLS and RouteGroup don't match: ${hostsText}`, `${at}.hosts`);
    if (entry.secretName === "") return;
    const secret = state.secrets.find((candidate) => candidate.metadata.namespace === namespace && candidate.metadata.name === entry.secretName);
    if (!secret) return report("error", `Failed to find secret ${entry.secretName} in namespace ${namespace}`, `${at}.secretName`);
    const problem = certificateProblem(secret);
    if (problem !== undefined) return report("error", `Failed to generate TLS certificate from secret: ${problem}`, `${at}.secretName`);
    for (const host of selected) report("info", `adding certificate to registry - ${host}`, `${at}.hosts`);
  });
}

function certificateProblem(secret: KubeObject): string | undefined {
  const data = objectField(secret.body, "data");
  const crt = stringField(data, "tls.crt");
  const key = stringField(data, "tls.key");
  if (crt === undefined || key === undefined) return "secret must contain tls.crt and tls.key in data field";
  if (!strictBase64.test(crt.replace(/\s/g, ""))) return `failed to decode tls.crt from secret ${secret.metadata.name}`;
  if (!strictBase64.test(key.replace(/\s/g, ""))) return `failed to decode tls.key from secret ${secret.metadata.name}`;
  if (stringField(secret.body, "type") !== "kubernetes.io/tls") return `secret ${secret.metadata.name} is not of type kubernetes.io/tls`;
  return undefined;
}
