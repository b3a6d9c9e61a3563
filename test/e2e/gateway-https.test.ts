import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bosunGatewayClass } from "../support/gateway-manifests.ts";
import { startServe, type ServeProcess } from "../support/serve-process.ts";
import { fingerprintOf, httpsGet, opensslOrSkip, selfSignedCertificate, tlsSecretYaml, type PemCertificate } from "../support/tls-certificates.ts";
import { TestBackend } from "./support/backend.ts";

/**
 * HTTPS Gateway listeners through `bosun serve --manifests … --listener 443=…` (gateway-api.md
 * §2.2): two listeners on one port, of different hostnames and certificates. The SNI picks the
 * listener and its certificate, a Host of the other listener is answered 421, backends hear
 * X-Forwarded-Proto https, and a Secret changed in the directory serves the next handshakes
 * while a keep-alive connection made before goes on with its own.
 */

let a: TestBackend;
let b: TestBackend;
let serve: ServeProcess;
let port: number;
let dir: string;
/** a.example's and b.example's, and the one that replaces a.example's. */
let certificates: Record<"a" | "b" | "renewed", PemCertificate>;

function service(name: string, backend: TestBackend): string {
  return `---
apiVersion: v1
kind: Service
metadata: {namespace: infra, name: ${name}}
spec: {ports: [{name: http, port: 80, targetPort: ${backend.port}}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: infra, name: ${name}-local, labels: {kubernetes.io/service-name: ${name}}}
addressType: IPv4
endpoints: [{addresses: [127.0.0.1], conditions: {ready: true}}]
ports: [{name: http, port: ${backend.port}}]
`;
}

function route(listener: string, backend: string): string {
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {namespace: infra, name: ${listener}}
spec:
  parentRefs: [{name: gw, sectionName: ${listener}}]
  rules: [{backendRefs: [{name: ${backend}, port: 80}]}]
`;
}

const listener = (name: string) => `{name: ${name}, port: 443, protocol: HTTPS, hostname: ${name}.example, tls: {certificateRefs: [{name: ${name}-cert}]}}`;

const gateway = `---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {namespace: infra, name: gw}
spec:
  gatewayClassName: bosun
  listeners: [${listener("a")}, ${listener("b")}]
`;

const secrets = (forA: PemCertificate) => tlsSecretYaml("infra", "a-cert", forA) + tlsSecretYaml("infra", "b-cert", certificates.b);

const send = (serverName: string, host: string, agent: Agent | false = false) => httpsGet(port, serverName, host, agent);

describe.skipIf(!opensslOrSkip("HTTPS Gateway listeners end to end"))("HTTPS Gateway listeners served by bosun serve", () => {
  beforeAll(async () => {
    certificates = { a: selfSignedCertificate(["a.example"])!, b: selfSignedCertificate(["b.example"])!, renewed: selfSignedCertificate(["a.example"])! };
    [a, b] = await Promise.all([TestBackend.start("a"), TestBackend.start("b")]);
    dir = mkdtempSync(join(tmpdir(), "bosun-gateway-https-"));
    writeFileSync(join(dir, "gateway.yaml"), bosunGatewayClass + gateway + service("a", a) + service("b", b) + route("a", "a") + route("b", "b"));
    writeFileSync(join(dir, "secrets.yaml"), secrets(certificates.a));
    serve = await startServe("--manifests", dir, "--endpoint-slices", "--listener", "443=127.0.0.1:0", "--address", "127.0.0.1:0", "--admin-address", "127.0.0.1:0", "--access-log", "off");
    port = Number(new URL(serve.gateways.get("443")!).port);
  });

  afterAll(async () => {
    await serve?.stop();
    await Promise.all([a?.close(), b?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("gives each SNI its listener's certificate and routes, and backends hear X-Forwarded-Proto https", async () => {
    const toA = await send("a.example", "a.example");
    expect([toA.status, toA.subject, toA.fingerprint]).toEqual([200, "a.example", fingerprintOf(certificates.a)]);
    expect((JSON.parse(toA.body) as { headers: Record<string, string> }).headers["x-forwarded-proto"]).toBe("https");
    const toB = await send("b.example", "b.example:443");
    expect([toB.status, toB.subject]).toEqual([200, "b.example"]);
    expect(b.seen.at(-1)!.headers["x-forwarded-proto"]).toBe("https");
  });

  it("answers 421 to a Host of the other listener, 404 to a Host of none, and takes no handshake for a name of none", async () => {
    expect((await send("a.example", "b.example")).status).toBe(421);
    expect((await send("b.example", "a.example")).status).toBe(421);
    expect((await send("a.example", "c.example")).status).toBe(404);
    await expect(send("c.example", "c.example")).rejects.toThrow();
    // Nor for no name: neither listener is without hostname.
    await expect(send("", "a.example")).rejects.toThrow();
    // No HTTP listener on the port: plain requests there find none.
    expect((await fetch(`http://127.0.0.1:${port}/`, { headers: { host: "a.example" } })).status).toBe(404);
  });

  it("serves a changed Secret to new connections without a restart, and a keep-alive connection keeps working", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const before = await send("a.example", "a.example", agent);
      expect(before.fingerprint).toBe(fingerprintOf(certificates.a));
      // In place: the directory watch follows the file it watches (shared-serve.ts).
      writeFileSync(join(dir, "secrets.yaml"), secrets(certificates.renewed));
      const deadline = Date.now() + 10_000;
      let fresh = await send("a.example", "a.example");
      while (fresh.fingerprint !== fingerprintOf(certificates.renewed) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        fresh = await send("a.example", "a.example");
      }
      expect([fresh.status, fresh.fingerprint]).toEqual([200, fingerprintOf(certificates.renewed)]);
      const after = await send("a.example", "a.example", agent);
      expect([after.status, after.reusedSocket, after.fingerprint]).toEqual([200, true, fingerprintOf(certificates.a)]);
    } finally {
      agent.destroy();
    }
  });
});
