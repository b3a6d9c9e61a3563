import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, stringify } from "yaml";
import { selfSignedCertificate, type PemCertificate } from "../support/tls-certificates.ts";

/**
 * A conformance test's objects as the upstream suite applies them (gateway-api.md §4): the base
 * manifests, then the test's own, with `{GATEWAY_CLASS_NAME}` naming a GatewayClass of bosun's
 * controller, and the TLS Secret the suite generates for the HTTPS Gateway.
 */

export const upstreamManifests = join(dirname(fileURLToPath(import.meta.url)), "upstream/manifests");
export const gatewayClassName = "bosun";
export const controllerName = "bosun.dev/gateway-controller";

export interface Metadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  generation?: number;
}

/** One YAML document: a Kubernetes object, its fields as written. */
export interface KubeDocument {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  [field: string]: unknown;
}

export function caseDocuments(testManifest: string): KubeDocument[] {
  const read = (path: string) => parseDocuments(readFileSync(join(upstreamManifests, path), "utf8").replaceAll("{GATEWAY_CLASS_NAME}", gatewayClassName));
  const gatewayClass: KubeDocument = {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "GatewayClass",
    metadata: { name: gatewayClassName },
    spec: { controllerName },
  };
  return [gatewayClass, ...read("base/manifests.yaml"), ...read(`tests/${testManifest}`), ...tlsSecret()];
}

export function parseDocuments(text: string): KubeDocument[] {
  return parseAllDocuments(text)
    .map((document) => document.toJSON() as KubeDocument | null)
    .filter((document): document is KubeDocument => document !== null && typeof document === "object");
}

export function documentsYaml(documents: readonly KubeDocument[]): string {
  return documents.map((document) => `---\n${stringify(document)}`).join("");
}

export const objectName = (document: KubeDocument): string => `${document.metadata.namespace ?? ""}/${document.metadata.name}`;

/** `namespace/gateway:port` of each listener port of each Gateway of bosun's class: what `--listener` binds. */
export function gatewayPorts(documents: readonly KubeDocument[]): string[] {
  const bindings = new Set<string>();
  for (const gateway of documents.filter((document) => document.kind === "Gateway")) {
    const spec = gateway["spec"] as { gatewayClassName?: string; listeners?: { port: number }[] };
    if (spec.gatewayClassName !== gatewayClassName) continue;
    for (const listener of spec.listeners ?? []) bindings.add(`${objectName(gateway)}:${listener.port}`);
  }
  return [...bindings];
}

let certificate: PemCertificate | null | undefined;

/**
 * `gateway-conformance-infra/tls-validity-checks-certificate`, which the HTTPS Gateway's
 * listeners refer to: self-signed, for the names those listeners serve, made once per run; none
 * where openssl is missing (only the HTTPS cases need it).
 */
function tlsSecret(): KubeDocument[] {
  certificate ??= selfSignedCertificate(["example.org", "second-example.org", "*.wildcard.org"]);
  if (certificate === null) return [];
  return [{
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "tls-validity-checks-certificate", namespace: "gateway-conformance-infra" },
    type: "kubernetes.io/tls",
    data: { "tls.crt": Buffer.from(certificate.crt).toString("base64"), "tls.key": Buffer.from(certificate.key).toString("base64") },
  }];
}
