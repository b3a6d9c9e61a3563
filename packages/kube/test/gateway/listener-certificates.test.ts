import { beforeAll, describe, expect, it } from "vitest";
import { opensslOrSkip, selfSignedCertificate, tlsSecretYaml, type PemCertificate } from "../../../../test/support/tls-certificates.ts";
import type { GatewayCompilation } from "../../src/index.js";
import { cluster, compile, httpRoute } from "./support.js";

/**
 * HTTPS listeners' certificateRefs (gateway-api.md §2.2): each a Secret of the Gateway's
 * namespace or of one whose ReferenceGrant lets Gateways refer to it, parsed as a key pair; a ref
 * that does not resolve is a problem at its field, the listener's ResolvedRefs False, and the
 * listener not served.
 */

const httpsListener = (certificateRefs: string) =>
  `[{name: https, port: 443, protocol: HTTPS, hostname: a.example, tls: {certificateRefs: ${certificateRefs}}, allowedRoutes: {namespaces: {from: All}}}]`;

const route = httpRoute("r", "parentRefs: [{name: gw}]\nrules: [{backendRefs: [{name: v1, port: 8080}]}]");

function listenerConditions(compilation: GatewayCompilation): Record<string, { status: string; reason: string; message: string }> {
  const status = compilation.statuses.find((entry) => entry.object.kind === "Gateway")!.status as { listeners: { conditions: { type: string; status: string; reason: string; message: string }[] }[] };
  return Object.fromEntries(status.listeners[0]!.conditions.map((entry) => [entry.type, entry]));
}

/** The problems as `field: reason`. */
const problemsOf = (compilation: GatewayCompilation) => compilation.problems.map((problem) => `${problem.place.fieldPath}: ${problem.reason}`);

const grant = (from: string) => `---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {namespace: certs, name: gateways}
spec:
  from: [{group: gateway.networking.k8s.io, kind: ${from}, namespace: infra}]
  to: [{group: "", kind: Secret}]
`;

describe.skipIf(!opensslOrSkip("the certificate checks of HTTPS listeners"))("HTTPS listener certificates (gateway-api.md §2.2)", () => {
  let a: PemCertificate;
  let b: PemCertificate;

  beforeAll(() => {
    [a, b] = [selfSignedCertificate(["a.example"])!, selfSignedCertificate(["b.example"])!];
  });

  it("serves the listener with the Secret's certificate and key, as PEM", () => {
    const compilation = compile(cluster(httpsListener("[{name: a-cert}]")) + tlsSecretYaml("infra", "a-cert", a) + route);
    expect(problemsOf(compilation)).toEqual([]);
    expect(compilation.listeners.map(({ key, protocol, tls }) => ({ key, protocol, tls }))).toEqual([{ key: "infra/gw/https", protocol: "HTTPS", tls: [{ cert: a.crt, key: a.key }] }]);
    expect(listenerConditions(compilation)["ResolvedRefs"]!.status).toBe("True");
    expect(listenerConditions(compilation)["Programmed"]!.status).toBe("True");
    expect(compilation.routes.length).toBe(1);
  });

  it.each([
    ["a Secret that is not there", () => tlsSecretYaml("infra", "other", a), "InvalidCertificateRef: Failed to find secret a-cert in namespace infra"],
    ["no Secret at all", () => "", "InvalidCertificateRef: Failed to find secret a-cert in namespace infra (no Secret is read: with --kubernetes, Secrets are read with -kubernetes-enable-tls)"],
    ["a key of another certificate", () => tlsSecretYaml("infra", "a-cert", { crt: a.crt, key: b.key }), "InvalidCertificateRef: Failed to generate TLS certificate from secret: failed to create tls certificate from secret a-cert"],
    ["a certificate that is not PEM", () => tlsSecretYaml("infra", "a-cert", { crt: "not a certificate", key: a.key }), "InvalidCertificateRef: Failed to generate TLS certificate from secret: failed to create tls certificate from secret a-cert"],
    ["data that is not base64", () => tlsSecretYaml("infra", "a-cert", a).replace(/tls\.crt: \S+,/, "tls.crt: '%%%',"), "InvalidCertificateRef: Failed to generate TLS certificate from secret: failed to decode tls.crt from secret a-cert"],
    ["a Secret of another type", () => tlsSecretYaml("infra", "a-cert", a, "Opaque"), "InvalidCertificateRef: Failed to generate TLS certificate from secret: secret a-cert is not of type kubernetes.io/tls"],
  ])("does not serve a listener with %s, and says why at the ref", (_, secret, reason) => {
    const compilation = compile(cluster(httpsListener("[{name: a-cert}]")) + secret() + route);
    expect(problemsOf(compilation)).toContain(`spec.listeners[0].tls.certificateRefs[0]: ${reason}`);
    const conditions = listenerConditions(compilation);
    expect([conditions["ResolvedRefs"]!.status, conditions["ResolvedRefs"]!.reason]).toEqual(["False", "InvalidCertificateRef"]);
    expect(conditions["ResolvedRefs"]!.message).toBe(`spec.listeners[0].tls.certificateRefs[0]: ${reason.replace("InvalidCertificateRef: ", "")}`);
    expect([conditions["Programmed"]!.status, conditions["Programmed"]!.reason]).toEqual(["False", "Invalid"]);
    expect(compilation.listeners).toEqual([]);
    expect(compilation.routes).toEqual([]);
  });

  it("does not serve a listener of which one of several refs does not resolve, nor one without refs", () => {
    const second = compile(cluster(httpsListener("[{name: a-cert}, {name: missing}]")) + tlsSecretYaml("infra", "a-cert", a));
    expect(problemsOf(second)).toEqual(["spec.listeners[0].tls.certificateRefs[1]: InvalidCertificateRef: Failed to find secret missing in namespace infra"]);
    expect(second.listeners).toEqual([]);
    const none = compile(cluster(httpsListener("[]")));
    expect(problemsOf(none)).toEqual(["spec.listeners[0].tls.certificateRefs: InvalidCertificateRef: an HTTPS listener needs a certificate: tls.certificateRefs is empty"]);
    const kind = compile(cluster(httpsListener("[{name: a-cert, kind: ConfigMap}]")) + tlsSecretYaml("infra", "a-cert", a));
    expect(problemsOf(kind)).toEqual(['spec.listeners[0].tls.certificateRefs[0]: InvalidCertificateRef: kind "ConfigMap" of group "" is not supported, only Secrets']);
  });

  it("takes a Secret of another namespace only with a ReferenceGrant from Gateways there", () => {
    const listeners = httpsListener("[{name: a-cert, namespace: certs}]");
    const secret = tlsSecretYaml("certs", "a-cert", a);
    const refused = compile(cluster(listeners) + secret + grant("HTTPRoute"));
    expect(problemsOf(refused)).toEqual(["spec.listeners[0].tls.certificateRefs[0]: RefNotPermitted: no ReferenceGrant in namespace certs allows Gateways of infra to refer to Secret a-cert"]);
    expect(listenerConditions(refused)["ResolvedRefs"]!.reason).toBe("RefNotPermitted");
    expect(refused.listeners).toEqual([]);
    const granted = compile(cluster(listeners) + secret + grant("Gateway"));
    expect(problemsOf(granted)).toEqual([]);
    expect(granted.listeners.map((listener) => listener.tls)).toEqual([[{ cert: a.crt, key: a.key }]]);
  });

  it("gives an HTTP listener no certificates, and asks it for none", () => {
    const compilation = compile(cluster() + route);
    expect(compilation.listeners.map((listener) => listener.tls)).toEqual([undefined]);
  });
});
