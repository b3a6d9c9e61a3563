import type { KubeObject } from "../cluster-state.js";
import { findNamed } from "../services/named-objects.js";
import { missingSecret, tlsCertificateOf, unusableSecret, type TlsCertificate } from "../tls-secret.js";
import type { Gateway, Listener } from "./gateways.js";
import type { ReferenceGrants } from "./reference-grants.js";

/**
 * The certificates of an HTTPS listener (gateway-api.md §2.2): each of its `tls.certificateRefs`
 * a Secret of the Gateway's namespace, or of another one whose ReferenceGrant lets Gateways of
 * this namespace refer to it, read as RouteGroups' TLS Secrets are (tls-secret.ts). One ref that
 * does not resolve leaves the listener without certificates: it is not served.
 */

/** A ResolvedRefs=False reason of a listener (Gateway API's names), with the field it is about. */
export interface UnresolvedCertificateRef {
  readonly reason: "InvalidCertificateRef" | "RefNotPermitted";
  readonly message: string;
  /** `spec.listeners[i].tls.certificateRefs[j]`. */
  readonly fieldPath: string;
}

export type ListenerCertificates = { readonly tls: readonly TlsCertificate[] } | { readonly unresolved: readonly UnresolvedCertificateRef[] };

export function listenerCertificates(gateway: Gateway, listener: Listener, secrets: readonly KubeObject[], grants: ReferenceGrants): ListenerCertificates {
  const at = `${listener.fieldPath}.tls.certificateRefs`;
  if (listener.certificateRefs.length === 0) return { unresolved: [{ ...invalid("an HTTPS listener needs a certificate: tls.certificateRefs is empty"), fieldPath: at }] };
  const tls: TlsCertificate[] = [];
  const unresolved: UnresolvedCertificateRef[] = [];
  listener.certificateRefs.forEach((ref, index) => {
    const fieldPath = `${at}[${index}]`;
    const found = certificateOf(ref, gateway.namespace, secrets, grants);
    if ("reason" in found) unresolved.push({ ...found, fieldPath });
    else tls.push(found);
  });
  return unresolved.length > 0 ? { unresolved } : { tls };
}

type Ref = Listener["certificateRefs"][number];
type Unresolved = Omit<UnresolvedCertificateRef, "fieldPath">;

const invalid = (message: string): Unresolved => ({ reason: "InvalidCertificateRef", message });

function certificateOf(ref: Ref, gatewayNamespace: string, secrets: readonly KubeObject[], grants: ReferenceGrants): TlsCertificate | Unresolved {
  if (ref.group !== "" || ref.kind !== "Secret") return invalid(`kind ${JSON.stringify(ref.kind)} of group ${JSON.stringify(ref.group)} is not supported, only Secrets`);
  if (!grants.allows({ kind: "Gateway", namespace: gatewayNamespace }, { group: "", kind: "Secret", namespace: ref.namespace, name: ref.name })) {
    return { reason: "RefNotPermitted", message: `no ReferenceGrant in namespace ${ref.namespace} allows Gateways of ${gatewayNamespace} to refer to Secret ${ref.name}` };
  }
  const secret = findNamed(secrets, ref.namespace, ref.name);
  // No Secret at all is what a Kubernetes source that does not read them gives: say how to have them.
  const hint = secrets.length === 0 ? " (no Secret is read: with --kubernetes, Secrets are read with -kubernetes-enable-tls)" : "";
  if (secret === undefined) return invalid(`${missingSecret(ref.name, ref.namespace)}${hint}`);
  const certificate = tlsCertificateOf(secret);
  return typeof certificate === "string" ? invalid(unusableSecret(certificate)) : certificate;
}
