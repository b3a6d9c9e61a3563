import { createSecureContext, type SecureContext } from "node:tls";
import { requestHostKey } from "@bosun/routing";

/**
 * TLS secure contexts by the certificates they hold: each made once, and kept by the next
 * table's while it still serves the same certificates, so that a reload does not make them all
 * again (a context is milliseconds of CPU) and a changed Secret makes only its own.
 */
export class SecureContexts {
  private readonly made = new Map<string, SecureContext>();

  /** `previous`: the contexts of the table in service, taken over where the certificates are the same. */
  constructor(private readonly previous?: SecureContexts) {}

  /** The context of these certificates (several: say RSA and ECDSA), or why node:tls refused them. */
  of(certificates: readonly { readonly cert: string; readonly key: string }[]): SecureContext | { readonly error: string } {
    const text = JSON.stringify(certificates);
    let context = this.made.get(text) ?? this.previous?.made.get(text);
    try {
      context ??= createSecureContext({ cert: certificates.map(({ cert }) => cert), key: certificates.map(({ key }) => key) });
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
    this.made.set(text, context);
    return context;
  }
}

/** A Host header or a TLS server name as DNS compares it: no port, no trailing dot, lower case. */
export const bareHostName = (host: string): string => requestHostKey(host).toLowerCase();
