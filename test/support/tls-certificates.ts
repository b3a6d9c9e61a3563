import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { X509Certificate } from "node:crypto";
import { request as httpsRequest, type Agent } from "node:https";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";

/**
 * Self-signed certificates made with openssl, for tests of TLS listeners and Secrets: each for
 * the names given, the first also its subject's CN. None where openssl is missing; then the tests
 * that need them are skipped, and `opensslOrSkip` prints the one line that says so.
 */

export interface PemCertificate {
  /** The certificate, PEM. */
  readonly crt: string;
  /** Its private key, PEM. */
  readonly key: string;
}

export function selfSignedCertificate(names: readonly string[]): PemCertificate | null {
  const dir = mkdtempSync(join(tmpdir(), "bosun-tls-"));
  try {
    const [crt, key] = [join(dir, "tls.crt"), join(dir, "tls.key")];
    const san = names.map((name) => `DNS:${name}`).join(",");
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", `/CN=${names[0]}`, "-addext", `subjectAltName=${san}`, "-keyout", key, "-out", crt], { stdio: "ignore", timeout: 10_000 });
    return { crt: readFileSync(crt, "utf8"), key: readFileSync(key, "utf8") };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A `kubernetes.io/tls` Secret of the certificate, as YAML. */
export function tlsSecretYaml(namespace: string, name: string, certificate: PemCertificate, type = "kubernetes.io/tls"): string {
  const base64 = (text: string) => Buffer.from(text).toString("base64");
  return `---
apiVersion: v1
kind: Secret
metadata: {namespace: ${namespace}, name: ${name}}
type: ${type}
data: {tls.crt: ${base64(certificate.crt)}, tls.key: ${base64(certificate.key)}}
`;
}

/** Whether openssl makes certificates here; says once, when it does not, which tests do not run. */
export function opensslOrSkip(what: string): boolean {
  if (spawnSync("openssl", ["version"], { stdio: "ignore", timeout: 10_000 }).status === 0) return true;
  console.warn(`skipped: ${what} — openssl is not installed, and these tests make their certificates with it`);
  return false;
}

/** What a test's HTTPS request got: the answer, and the certificate the server presented. */
export interface HttpsAnswer {
  readonly status: number;
  readonly body: string;
  readonly subject: string;
  readonly fingerprint: string;
  readonly reusedSocket: boolean;
}

/** GET / over TLS to 127.0.0.1:`port` with this SNI and Host, trusting any certificate: the tests check it themselves. */
export function httpsGet(port: number, serverName: string, host: string, agent: Agent | false = false): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest({ host: "127.0.0.1", port, path: "/", servername: serverName, headers: { host }, rejectUnauthorized: false, agent, timeout: 5_000 }, (response) => {
      const peer = (response.socket as TLSSocket).getPeerCertificate();
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body, subject: peer.subject.CN as string, fingerprint: peer.fingerprint256, reusedSocket: request.reusedSocket }));
    });
    request.on("timeout", () => request.destroy(new Error("no answer within 5 s")));
    request.on("error", reject);
    request.end();
  });
}

export const fingerprintOf = (certificate: PemCertificate): string => new X509Certificate(certificate.crt).fingerprint256;
