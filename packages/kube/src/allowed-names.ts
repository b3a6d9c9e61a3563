import { compileRe2 } from "@bosun/eskip";
import type { CompileOptions } from "./options.js";

/**
 * The allowed-external-names check of network and lb addresses and ExternalName services: the
 * host name must match one of the regexps, unless the restriction is off (skipper-semantics §5.7).
 */
export class AllowedNames {
  private readonly patterns: readonly RegExp[];

  constructor(private readonly options: CompileOptions) {
    this.patterns = options.allowedExternalNames.map((source) => compileRe2(source));
  }

  allows(hostname: string): boolean {
    return !this.options.onlyAllowedExternalNames || this.patterns.some((pattern) => pattern.test(hostname));
  }

  /** The host name of an address such as `http://a.example.org:8080/x`. */
  static hostnameOf(address: string): string {
    const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(address)?.[1] ?? address;
    const host = authority.replace(/^.*@/, "");
    if (host.startsWith("[")) return host.slice(1, host.indexOf("]"));
    return host.replace(/:\d*$/, "");
  }
}
