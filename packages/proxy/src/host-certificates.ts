import type { SecureContext } from "node:tls";
import { hostnameCovers, isWildcardHostname, listenerSpecificity, type HostCertificate } from "@bosun/eskip";
import { bareHostName, SecureContexts } from "./secure-contexts.js";
import type { ServedCertificates } from "./tls-or-plain-server.js";

/**
 * The certificates of Ingresses and RouteGroups (`-kubernetes-enable-tls`) that the proxy's own
 * address serves, as Skipper's certificate registry does (skipper-semantics §5.12): a handshake
 * gets the certificate registered for its SNI, the later of two for one host (a newer one
 * replaces an older). A host of a wildcard `*.x` covers names under it, the one with the most
 * labels first, as a Gateway listener's hostname does. A handshake without SNI, or with a name
 * no certificate has, gets the first certificate: where Skipper falls back to its own default
 * certificate (`-tls-cert`), bosun has none to offer but these.
 */

/** A certificate the compiler read that node:tls refused. */
export interface UnusableHostCertificate {
  readonly hosts: readonly string[];
  readonly error: string;
}

interface Registered {
  readonly pem: { readonly cert: string; readonly key: string };
  readonly context: SecureContext;
}

export class HostCertificates implements ServedCertificates {
  static readonly none = new HostCertificates([]);
  readonly unusable: UnusableHostCertificate[] = [];
  private readonly exact = new Map<string, Registered>();
  /** Wildcard hosts, the most labels first. */
  private readonly wildcards: Array<{ host: string; registered: Registered }> = [];
  private readonly first: Registered | undefined;
  private readonly contexts: SecureContexts;

  /** `previous`: the certificates of the table in service, whose secure contexts are reused. */
  constructor(certificates: readonly HostCertificate[], previous?: HostCertificates) {
    this.contexts = new SecureContexts(previous?.contexts);
    const wildcards = new Map<string, Registered>();
    for (const certificate of certificates) {
      const registered = this.register(certificate);
      if (registered === undefined) continue;
      for (const host of certificate.hosts.map(bareHostName)) (isWildcardHostname(host) ? wildcards : this.exact).set(host, registered);
    }
    this.first = this.exact.values().next().value ?? wildcards.values().next().value;
    for (const [host, registered] of wildcards) this.wildcards.push({ host, registered });
    this.wildcards.sort((a, b) => listenerSpecificity(b.host) - listenerSpecificity(a.host));
  }

  get any(): boolean {
    return this.first !== undefined;
  }

  secureContext(serverName: string): SecureContext | undefined {
    return this.chosen(serverName)?.context;
  }

  defaultCertificate(): readonly { readonly cert: string; readonly key: string }[] | undefined {
    return this.first && [this.first.pem];
  }

  private chosen(serverName: string): Registered | undefined {
    const name = bareHostName(serverName);
    return this.exact.get(name) ?? this.wildcards.find(({ host }) => hostnameCovers(host, name))?.registered ?? this.first;
  }

  private register(certificate: HostCertificate): Registered | undefined {
    const pem = { cert: certificate.cert, key: certificate.key };
    const context = this.contexts.of([pem]);
    if (!("error" in context)) return { pem, context };
    this.unusable.push({ hosts: certificate.hosts, error: context.error });
    return undefined;
  }
}
