import type { SecureContext } from "node:tls";
import { hostnameCovers, listenerSpecificity, type GatewayListenerSpec } from "@bosun/eskip";
import { bareHostName, SecureContexts } from "../secure-contexts.js";
import type { ServedCertificates } from "../tls-or-plain-server.js";
import { HttpRoutingRequest, type RequestInit } from "@bosun/routing";

/**
 * Which Gateway listener a request on a bound Gateway port belongs to (gateway-api.md §2.2):
 * among the listeners of that port (of one Gateway, when the binding names it), an exact
 * hostname first, then the wildcard with the most labels, then a listener without hostname.
 * Only that listener's routes are tried; with none, the request has no route (404). A plain
 * request is given an HTTP listener; a TLS connection an HTTPS listener by its SNI, with that
 * listener's certificate, and each request on it the same listener, or none when its Host
 * selects another (421).
 */

/** A local address the proxy serves one Gateway listener port on: `--listener [ns/gateway:]PORT=HOST:LOCALPORT`. */
export interface GatewayBinding {
  readonly port: number;
  /** `ns/gateway`, or undefined for the listeners of every Gateway on the port. */
  readonly gateway: string | undefined;
}

/** `PORT` or `ns/gateway:PORT`, as `--listener` and explain name a Gateway listener port; undefined for other text. */
export function gatewayBindingOf(text: string): GatewayBinding | undefined {
  const match = /^(?:([^/:=\s]+\/[^/:=\s]+):)?(\d+)$/.exec(text);
  return match === null ? undefined : { port: Number(match[2]), gateway: match[1] };
}

/** The key no listener has: a request that selects no listener is tried against no route. */
export const noListener = "";

/** Nor has this: a TLS request whose Host selects another listener than its SNI did, answered 421. */
export const misdirected = "\0misdirected";

interface Candidate {
  readonly key: string;
  readonly gateway: string;
  readonly hostname: string | undefined;
  readonly protocol: string;
  readonly tls: GatewayListenerSpec["tls"];
  /** An HTTPS listener's certificates; undefined for HTTP, or when node:tls refused them. */
  readonly context: SecureContext | undefined;
}

/** A listener whose certificates node:tls refused, though the compiler read them. */
export interface UnusableCertificate {
  readonly spec: GatewayListenerSpec;
  readonly error: string;
}

export class GatewayListeners {
  static readonly none = new GatewayListeners([]);
  private readonly byPort = new Map<number, Candidate[]>();
  private readonly contexts: SecureContexts;
  readonly unusableCertificates: UnusableCertificate[] = [];
  private readonly servedByBinding = new Map<string, ServedCertificates>();

  /** `previous`: the listeners of the table in service, whose secure contexts are reused. */
  constructor(
    readonly specs: readonly GatewayListenerSpec[],
    previous?: GatewayListeners,
  ) {
    this.contexts = new SecureContexts(previous?.contexts);
    for (const spec of specs) {
      const list = this.byPort.get(spec.port) ?? [];
      list.push({ key: spec.key, gateway: spec.gateway, hostname: spec.hostname, protocol: spec.protocol, tls: spec.tls, context: this.contextOf(spec) });
      this.byPort.set(spec.port, list);
    }
    for (const list of this.byPort.values()) list.sort((a, b) => listenerSpecificity(b.hostname) - listenerSpecificity(a.hostname));
  }

  /** The key of the listener a request with this Host header belongs to, or `noListener`; of the protocol given, or of any. */
  select(binding: GatewayBinding, hostHeader: string, protocol?: "HTTP" | "HTTPS"): string {
    return this.best(binding, bareHostName(hostHeader), protocol)?.key ?? noListener;
  }

  /**
   * A request for `bosun explain --listener` and `/debug/explain?listener=`: on the listener the
   * option names, a listener's key (`ns/gateway/name`) as it is, or a bound port (`PORT`,
   * `ns/gateway:PORT`), whose listener is the one the proxy would choose for the request's Host.
   */
  requestOn(init: RequestInit, option: string | undefined): HttpRoutingRequest {
    const request = new HttpRoutingRequest(init);
    if (option === undefined) return request;
    const binding = gatewayBindingOf(option);
    return new HttpRoutingRequest({ ...init, listener: binding === undefined ? option : this.select(binding, request.host) });
  }

  /**
   * The listener of a request on a TLS connection (§2.2): the one its SNI selects, unless its
   * Host selects another (`misdirected`: HTTP/2 and HTTP/1.1 keep-alive reuse connections
   * across names) or none (`noListener`).
   */
  selectSecure(binding: GatewayBinding, serverName: string, hostHeader: string): string {
    const byHost = this.select(binding, hostHeader, "HTTPS");
    if (byHost === noListener) return noListener;
    return byHost === this.select(binding, serverName, "HTTPS") ? byHost : misdirected;
  }

  /** The certificates for a TLS handshake with this SNI ("" for none); undefined when no HTTPS listener takes it. */
  secureContext(binding: GatewayBinding, serverName: string): SecureContext | undefined {
    return this.best(binding, bareHostName(serverName), "HTTPS")?.context;
  }

  /** The certificates of the HTTPS listener a handshake without SNI selects: the one without hostname, if any. */
  defaultCertificate(binding: GatewayBinding): GatewayListenerSpec["tls"] {
    return this.best(binding, "", "HTTPS")?.tls;
  }

  /** What the binding's server serves while these listeners are in service; every connection may be TLS there, as an HTTPS listener may come. */
  certificatesFor(binding: GatewayBinding): ServedCertificates {
    const key = `${binding.gateway ?? ""}:${binding.port}`;
    let served = this.servedByBinding.get(key);
    if (served === undefined) {
      served = { any: true, secureContext: (serverName) => this.secureContext(binding, serverName), defaultCertificate: () => this.defaultCertificate(binding) };
      this.servedByBinding.set(key, served);
    }
    return served;
  }

  /** Listener ports no binding serves: their routes are in the table, and nobody can reach them. */
  unbound(bindings: readonly GatewayBinding[]): GatewayListenerSpec[] {
    return this.specs.filter((spec) => !bindings.some((binding) => binding.port === spec.port && (binding.gateway === undefined || binding.gateway === spec.gateway)));
  }

  private best(binding: GatewayBinding, host: string, protocol: string | undefined): Candidate | undefined {
    const candidates = this.byPort.get(binding.port);
    if (candidates === undefined) return undefined;
    for (const candidate of candidates) {
      if (binding.gateway !== undefined && candidate.gateway !== binding.gateway) continue;
      if (protocol !== undefined && candidate.protocol !== protocol) continue;
      if (candidate.hostname === undefined || hostnameCovers(candidate.hostname, host)) return candidate;
    }
    return undefined;
  }

  private contextOf(spec: GatewayListenerSpec): SecureContext | undefined {
    if (spec.tls === undefined || spec.tls.length === 0) return undefined;
    const context = this.contexts.of(spec.tls);
    if (!("error" in context)) return context;
    this.unusableCertificates.push({ spec, error: context.error });
    return undefined;
  }
}
