import type { GatewayListenerSpec } from "@bosun/eskip";
import { describe, expect, it } from "vitest";
import { opensslOrSkip, selfSignedCertificate } from "../../../test/support/tls-certificates.ts";
import { GatewayListeners, misdirected, noListener } from "../src/gateway/gateway-listeners.js";

/** Listener selection on a Gateway port (gateway-api.md §2.2), over TLS by SNI with the Host agreeing. */

const spec = (name: string, protocol: string, hostname?: string, port = 443, tls?: GatewayListenerSpec["tls"]): GatewayListenerSpec => ({
  key: `infra/gw/${name}`,
  gateway: "infra/gw",
  port,
  protocol,
  hostname,
  ...(tls && { tls }),
});

/** The HTTPS Gateway of the conformance suite, and an HTTP listener of another Gateway on its port. */
const listeners = new GatewayListeners([
  spec("https", "HTTPS"),
  spec("https-with-hostname", "HTTPS", "second-example.org"),
  spec("https-with-wildcard-hostname", "HTTPS", "*.wildcard.org"),
  spec("https-with-hostname-matching-wildcard", "HTTPS", "fourth-example.wildcard.org"),
  { ...spec("plain", "HTTP", "example.org"), key: "other/gw/plain", gateway: "other/gw" },
]);
const port443 = { port: 443, gateway: undefined };

describe("GatewayListeners", () => {
  it.each([
    ["example.org", "example.org", "infra/gw/https"],
    ["example.org", "second-example.org:443", misdirected],
    ["second-example.org", "unknown-example.org", misdirected],
    ["third-example.wildcard.org", "fifth-example.wildcard.org", "infra/gw/https-with-wildcard-hostname"],
    ["third-example.wildcard.org", "fourth-example.wildcard.org", misdirected],
    ["unknown-example.org", "example.org", "infra/gw/https"],
    ["", "unknown-example.org", "infra/gw/https"],
  ])("gives a TLS request of SNI %j and Host %j the listener %j", (serverName, host, expected) => {
    expect(listeners.selectSecure(port443, serverName, host)).toBe(expected);
  });

  it("gives a TLS request no listener when its Host selects none, and plain requests only HTTP listeners", () => {
    const exact = new GatewayListeners([spec("a", "HTTPS", "a.example")]);
    expect(exact.selectSecure(port443, "a.example", "b.example")).toBe(noListener);
    expect(listeners.select(port443, "example.org", "HTTP")).toBe("other/gw/plain");
    expect(listeners.select(port443, "second-example.org", "HTTP")).toBe(noListener);
    expect(listeners.select({ port: 443, gateway: "infra/gw" }, "example.org", "HTTP")).toBe(noListener);
  });

  it.skipIf(!opensslOrSkip("the secure contexts of HTTPS listeners"))("makes one secure context per certificate, kept by the next table while it serves it", () => {
    const [first, second] = [selfSignedCertificate(["a.example"])!, selfSignedCertificate(["b.example"])!];
    const tls = (certificate: typeof first) => [{ cert: certificate.crt, key: certificate.key }];
    const before = new GatewayListeners([spec("a", "HTTPS", "a.example", 443, tls(first)), spec("b", "HTTPS", "b.example", 443, tls(first))]);
    const context = before.secureContext(port443, "a.example");
    expect(context).toBeDefined();
    expect(before.secureContext(port443, "b.example")).toBe(context);
    expect(before.secureContext(port443, "c.example")).toBeUndefined();
    const after = new GatewayListeners([spec("a", "HTTPS", "a.example", 443, tls(first)), spec("b", "HTTPS", "b.example", 443, tls(second))], before);
    expect(after.secureContext(port443, "a.example")).toBe(context);
    expect(after.secureContext(port443, "b.example")).not.toBe(context);
    expect(after.defaultCertificate(port443)).toBeUndefined();
  });
});
