import { createPrivateKey, X509Certificate } from "node:crypto";
import type { KubeObject } from "./cluster-state.js";
import { objectField, stringField } from "./json.js";

/**
 * A `kubernetes.io/tls` Secret's certificate and key, read as Skipper's
 * generateTLSCertFromSecret reads them (skipper-semantics §5.12): `tls.crt` and `tls.key` base64
 * in `data`, a key pair that parses and belongs together (Go's tls.X509KeyPair; node:crypto's
 * X509Certificate and checkPrivateKey here), and the Secret of the TLS type. Parsing is pure: the
 * PEM text is kept for whoever serves it. Every problem is in Skipper's words.
 */

/** PEM text, as node:tls takes it. */
export interface TlsCertificate {
  readonly cert: string;
  readonly key: string;
}

/** A certificate, or why the Secret gives none. */
export type SecretCertificate = TlsCertificate | string;

const strictBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Secret objects are not changed once read: each is parsed once, however many compiles see it. */
const parsed = new WeakMap<KubeObject, SecretCertificate>();

export function tlsCertificateOf(secret: KubeObject): SecretCertificate {
  let certificate = parsed.get(secret);
  if (certificate === undefined) parsed.set(secret, (certificate = parse(secret)));
  return certificate;
}

/** Skipper's message for a Secret that is not there. */
export const missingSecret = (name: string, namespace: string): string => `Failed to find secret ${name} in namespace ${namespace}`;

/** Skipper's message for a Secret that gives no certificate, around `tlsCertificateOf`'s problem. */
export const unusableSecret = (problem: string): string => `Failed to generate TLS certificate from secret: ${problem}`;

function parse(secret: KubeObject): SecretCertificate {
  const name = secret.metadata.name;
  const data = objectField(secret.body, "data");
  const crt = stringField(data, "tls.crt");
  const key = stringField(data, "tls.key");
  if (!crt || !key) return "secret must contain tls.crt and tls.key in data field";
  const cert = decoded(crt);
  if (cert === undefined) return `failed to decode tls.crt from secret ${name}`;
  const privateKey = decoded(key);
  if (privateKey === undefined) return `failed to decode tls.key from secret ${name}`;
  if (!isKeyPair(cert, privateKey)) return `failed to create tls certificate from secret ${name}`;
  if (stringField(secret.body, "type") !== "kubernetes.io/tls") return `secret ${name} is not of type kubernetes.io/tls`;
  return { cert, key: privateKey };
}

/** Go's StdEncoding after the line breaks it skips: padded, nothing outside the alphabet. */
function decoded(base64: string): string | undefined {
  const text = base64.replace(/\s/g, "");
  return strictBase64.test(text) ? Buffer.from(text, "base64").toString("utf8") : undefined;
}

function isKeyPair(cert: string, key: string): boolean {
  try {
    return new X509Certificate(cert).checkPrivateKey(createPrivateKey(key));
  } catch {
    return false;
  }
}
