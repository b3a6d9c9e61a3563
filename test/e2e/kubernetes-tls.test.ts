import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type ServeProcess } from "../support/serve-process.ts";
import { fingerprintOf, httpsGet, opensslOrSkip, selfSignedCertificate, tlsSecretYaml, type PemCertificate } from "../support/tls-certificates.ts";
import { TestBackend } from "./support/backend.ts";

/**
 * The certificates of Ingress and RouteGroup `tls` entries served on the proxy's own address
 * (`bosun serve --manifests … --options` with `kubernetes-enable-tls`, skipper-semantics §5.12):
 * the SNI picks the certificate of the entry's host, the request routes as over plain HTTP with
 * X-Forwarded-Proto https, plain HTTP on the same address still routes, and a Secret changed in
 * the directory serves the next handshakes.
 */

let ingressBackend: TestBackend;
let routeGroupBackend: TestBackend;
let serve: ServeProcess;
let origin: URL;
let dir: string;
let certificates: Record<"ingress" | "routeGroup" | "renewed", PemCertificate>;

function service(name: string, backend: TestBackend): string {
  return `---
apiVersion: v1
kind: Service
metadata: {namespace: shop, name: ${name}}
spec: {type: ClusterIP, ports: [{name: http, port: 80, targetPort: ${backend.port}}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: shop, name: ${name}-local, labels: {kubernetes.io/service-name: ${name}}}
addressType: IPv4
endpoints: [{addresses: [127.0.0.1], conditions: {ready: true}}]
ports: [{name: http, port: ${backend.port}}]
`;
}

const objects = `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {namespace: shop, name: web}
spec:
  tls: [{hosts: [i.example], secretName: web-cert}]
  rules: [{host: i.example, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
---
apiVersion: zalando.org/v1
kind: RouteGroup
metadata: {namespace: shop, name: api}
spec:
  hosts: [r.example]
  tls: [{hosts: [r.example], secretName: api-cert}]
  backends: [{name: api, type: service, serviceName: api, servicePort: 80}]
  defaultBackends: [{backendName: api}]
`;

const secrets = (forIngress: PemCertificate) => tlsSecretYaml("shop", "web-cert", forIngress) + tlsSecretYaml("shop", "api-cert", certificates.routeGroup);

/** An HTTPS request's status, the scheme the backend heard of and the certificate's fingerprint. */
async function send(serverName: string, host: string): Promise<{ status: number; proto: string | undefined; fingerprint: string }> {
  const answer = await httpsGet(Number(origin.port), serverName, host);
  return { status: answer.status, proto: (JSON.parse(answer.body) as { headers: Record<string, string> }).headers["x-forwarded-proto"], fingerprint: answer.fingerprint };
}

describe.skipIf(!opensslOrSkip("Ingress and RouteGroup TLS end to end"))("Ingress and RouteGroup certificates served on the proxy's address", () => {
  beforeAll(async () => {
    certificates = { ingress: selfSignedCertificate(["i.example"])!, routeGroup: selfSignedCertificate(["r.example"])!, renewed: selfSignedCertificate(["i.example"])! };
    [ingressBackend, routeGroupBackend] = await Promise.all([TestBackend.start("web"), TestBackend.start("api")]);
    dir = mkdtempSync(join(tmpdir(), "bosun-kubernetes-tls-"));
    const manifests = join(dir, "manifests");
    mkdirSync(manifests);
    writeFileSync(join(manifests, "cluster.yaml"), objects + service("web", ingressBackend) + service("api", routeGroupBackend));
    writeFileSync(join(manifests, "secrets.yaml"), secrets(certificates.ingress));
    // Skipper's own flag, as a Skipper command line gives it.
    serve = await startServe("--manifests", manifests, "-kubernetes-enable-tls", "--endpoint-slices", "--address", "127.0.0.1:0", "--admin-address", "127.0.0.1:0", "--access-log", "off");
    origin = new URL(serve.address);
  });

  afterAll(async () => {
    await serve?.stop();
    await Promise.all([ingressBackend?.close(), routeGroupBackend?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("gives each SNI its host's certificate and routes it, and backends hear X-Forwarded-Proto https", async () => {
    const toIngress = await send("i.example", "i.example");
    expect([toIngress.status, toIngress.proto, toIngress.fingerprint]).toEqual([200, "https", fingerprintOf(certificates.ingress)]);
    const toRouteGroup = await send("r.example", "r.example");
    expect([toRouteGroup.status, toRouteGroup.proto, toRouteGroup.fingerprint]).toEqual([200, "https", fingerprintOf(certificates.routeGroup)]);
    expect(routeGroupBackend.seen.at(-1)!.headers["x-forwarded-proto"]).toBe("https");
  });

  it("still routes plain HTTP on the same address", async () => {
    // fetch sends no Host of its own choosing.
    const answer = await new Promise<{ status: number; proto: string | undefined }>((resolve, reject) => {
      const request = httpRequest({ host: "127.0.0.1", port: origin.port, path: "/", headers: { host: "r.example" }, agent: false, timeout: 5_000 }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, proto: (JSON.parse(body) as { headers: Record<string, string> }).headers["x-forwarded-proto"] }));
      });
      request.on("timeout", () => request.destroy(new Error("no answer within 5 s")));
      request.on("error", reject);
      request.end();
    });
    expect(answer).toEqual({ status: 200, proto: "http" });
  });

  it("serves a changed Secret to new connections without a restart", async () => {
    // In place: the directory watch follows the file it watches.
    writeFileSync(join(dir, "manifests", "secrets.yaml"), secrets(certificates.renewed));
    const deadline = Date.now() + 10_000;
    let fresh = await send("i.example", "i.example");
    while (fresh.fingerprint !== fingerprintOf(certificates.renewed) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      fresh = await send("i.example", "i.example");
    }
    expect([fresh.status, fresh.fingerprint]).toEqual([200, fingerprintOf(certificates.renewed)]);
  });
});
