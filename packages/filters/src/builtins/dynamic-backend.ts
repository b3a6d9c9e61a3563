import { stringArgs } from "../args.js";
import type { Directives } from "../context.js";
import type { FilterSpec } from "../filter.js";

/**
 * setDynamicBackend{Url,Host,Scheme}[FromHeader] (skipper-semantics §3.3): where a `<dynamic>` route
 * sends the request. A URL or a host also sets the outgoing Host, as in Skipper; the FromHeader
 * variants act only when the header has a value.
 */

/** The host[:port] of an absolute URL, kept as written (with its port), as Go's url.ParseRequestURI. */
function urlHost(url: string): string | undefined {
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(url)?.[1];
  const host = authority?.slice(authority.lastIndexOf("@") + 1);
  return host || undefined;
}

type Target = "url" | "host" | "scheme";

function outgoingHostOf(target: Target, value: string): string | undefined {
  if (target === "scheme") return undefined;
  return target === "host" ? value : urlHost(value);
}

function direct(directives: Directives, target: Target, value: string, outgoingHost: string | undefined): void {
  if (target === "url") directives.dynamicBackendUrl = value;
  else if (target === "host") directives.dynamicBackendHost = value;
  else directives.dynamicBackendScheme = value;
  if (outgoingHost !== undefined) directives.outgoingHost = outgoingHost;
}

function fixedSpec(name: string, target: Target): FilterSpec<string> {
  return {
    name,
    args: (raw) => stringArgs(raw, { min: 1 })[0]!,
    create: (value) => {
      const outgoingHost = outgoingHostOf(target, value);
      return { request: (context) => direct(context.directives, target, value, outgoingHost) };
    },
  };
}

function fromHeaderSpec(name: string, target: Target): FilterSpec<string> {
  return {
    name,
    args: (raw) => stringArgs(raw, { min: 1 })[0]!,
    create: (header) => ({
      request: (context) => {
        const value = context.request.header(header)?.[0];
        if (value) direct(context.directives, target, value, outgoingHostOf(target, value));
      },
    }),
  };
}

export const setDynamicBackendUrlFilter = fixedSpec("setDynamicBackendUrl", "url");
export const setDynamicBackendHostFilter = fixedSpec("setDynamicBackendHost", "host");
export const setDynamicBackendSchemeFilter = fixedSpec("setDynamicBackendScheme", "scheme");
export const setDynamicBackendUrlFromHeaderFilter = fromHeaderSpec("setDynamicBackendUrlFromHeader", "url");
export const setDynamicBackendHostFromHeaderFilter = fromHeaderSpec("setDynamicBackendHostFromHeader", "host");
export const setDynamicBackendSchemeFromHeaderFilter = fromHeaderSpec("setDynamicBackendSchemeFromHeader", "scheme");
