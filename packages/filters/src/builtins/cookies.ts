import { ArgsError, type Arg } from "@bosun/eskip";
import { isIP } from "node:net";
import { stringArgs } from "../args.js";
import type { FilterRequest } from "../context.js";
import { invalidFilterParameters, type FilterSpec } from "../filter.js";
import { headerNameArg } from "./headers.js";

/**
 * requestCookie, responseCookie, jsCookie, dropRequestCookie and dropResponseCookie
 * (skipper-semantics §3.3). Set-Cookie is written as Go's http.Cookie.String() writes it:
 * `name=value; Path=/; Domain=d; Max-Age=n; HttpOnly; Secure`, always appended beside the others.
 */

/** Go's sanitizeCookieValue: bytes a cookie value cannot hold are dropped; space or comma → quoted. */
function cookieValue(value: string): string {
  const kept = value.replace(/[^\x20-\x7e]|[";\\]/g, "");
  return /[ ,]/.test(kept) ? `"${kept}"` : kept;
}

/** Cookie names must be tokens; Go prints a Set-Cookie with any other name as an empty string. */
function cookieName(name: string | undefined): string {
  if (name === undefined || name === "") throw new ArgsError(invalidFilterParameters);
  return headerNameArg(name);
}

const label = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const domainName = new RegExp(`^\\.?${label}(?:\\.${label})*\\.?$`);

/** Go's isCookieDomainName (labels of letters, digits and inner hyphens, some letter) or an IPv4. */
function validCookieDomain(domain: string): boolean {
  if (isIP(domain) === 4) return true;
  return domain.length <= 255 && domainName.test(domain) && /[A-Za-z]/.test(domain);
}

/** Go's net.SplitHostPort, or the host as it is where that fails (no port, or a bare IPv6). */
function hostWithoutPort(host: string): string {
  const bracketed = /^\[([^\]]*)\]:[^:]*$/.exec(host);
  if (bracketed) return bracketed[1]!;
  const colon = host.indexOf(":");
  return colon >= 0 && colon === host.lastIndexOf(":") ? host.slice(0, colon) : host;
}

/** Skipper's extractDomainFromHost: no port, and the first label gone when there are two dots or more. */
export function cookieDomain(host: string): string | undefined {
  let name = hostWithoutPort(host);
  const firstDot = name.indexOf(".");
  if (firstDot >= 0 && name.indexOf(".", firstDot + 1) >= 0) name = name.slice(firstDot + 1);
  // An invalid domain is left out of the cookie, as Go does.
  return validCookieDomain(name) ? name.replace(/^\./, "") : undefined;
}

interface ResponseCookie {
  readonly name: string;
  readonly value: string;
  /** The text after the domain: `; Max-Age=…; HttpOnly; Secure`, fixed per filter. */
  readonly attributes: string;
  readonly changeOnly: boolean;
}

/** maxAge as Skipper reads it: 0 deletes the cookie (Max-Age=0); Go then omits a zero int(maxAge). */
function maxAgeAttribute(maxAge: Arg | undefined): string {
  if (maxAge === undefined) return "";
  if (typeof maxAge !== "number") throw new ArgsError(invalidFilterParameters);
  if (maxAge === 0) return "; Max-Age=0";
  const seconds = Math.trunc(maxAge);
  if (seconds === 0) return "";
  return `; Max-Age=${Math.max(0, seconds)}`;
}

function responseCookieArgs(raw: readonly Arg[], httpOnly: boolean): ResponseCookie {
  const [name, value, maxAge, changeOnly] = raw;
  if (raw.length < 2 || raw.length > 4 || typeof name !== "string" || typeof value !== "string") {
    throw new ArgsError(invalidFilterParameters);
  }
  const attributes = `${maxAgeAttribute(maxAge)}${httpOnly ? "; HttpOnly" : ""}; Secure`;
  return { name: cookieName(name), value: cookieValue(value), attributes, changeOnly: changeOnly === "change-only" };
}

function responseCookieSpec(name: string, httpOnly: boolean): FilterSpec<ResponseCookie> {
  return {
    name,
    args: (raw) => responseCookieArgs(raw, httpOnly),
    create: (cookie) => {
      const prefix = `${cookie.name}=${cookie.value}; Path=/`;
      return {
        response: (context) => {
          // change-only: no sliding expiry, the cookie is sent only when the client lacks this value.
          if (cookie.changeOnly && context.request.cookie(cookie.name) === cookie.value) return;
          const domain = cookieDomain(context.request.host);
          const text = `${prefix}${domain === undefined ? "" : `; Domain=${domain}`}${cookie.attributes}`;
          context.response.appendHeader("Set-Cookie", text);
        },
      };
    },
  };
}

export const responseCookieFilter = responseCookieSpec("responseCookie", true);
export const jsCookieFilter = responseCookieSpec("jsCookie", false);

/** The `name=value` pairs of every Cookie header line. */
function cookieHeader(request: FilterRequest): string[] {
  const pairs: string[] = [];
  for (const line of request.header("cookie") ?? []) {
    for (const pair of line.split(";")) if (pair.trim() !== "") pairs.push(pair.trim());
  }
  return pairs;
}

export const requestCookieFilter: FilterSpec<string> = {
  name: "requestCookie",
  args: (raw) => {
    const [name, value] = stringArgs(raw, { min: 2 });
    return `${cookieName(name)}=${cookieValue(value!)}`;
  },
  create: (pair) => ({
    request: (context) => {
      context.request.setHeader("Cookie", [...cookieHeader(context.request), pair].join("; "));
    },
  }),
};

/** The cookie name of `name=value` or of a Set-Cookie line `name=value; attributes`. */
function cookieNameOf(text: string): string {
  const end = text.search(/[=;]/);
  return (end < 0 ? text : text.slice(0, end)).trim();
}

function hasCookie(pairs: readonly string[], name: string): boolean {
  for (const pair of pairs) if (cookieNameOf(pair) === name) return true;
  return false;
}

function withoutCookie(pairs: readonly string[], name: string): string[] {
  const kept: string[] = [];
  for (const pair of pairs) if (cookieNameOf(pair) !== name) kept.push(pair);
  return kept;
}

export const dropRequestCookieFilter: FilterSpec<string> = {
  name: "dropRequestCookie",
  args: (raw) => stringArgs(raw, { min: 1 })[0]!,
  create: (name) => ({
    request: (context) => {
      const pairs = cookieHeader(context.request);
      if (!hasCookie(pairs, name)) return;
      const kept = withoutCookie(pairs, name);
      if (kept.length === 0) context.request.deleteHeader("Cookie");
      else context.request.setHeader("Cookie", kept.join("; "));
    },
  }),
};

export const dropResponseCookieFilter: FilterSpec<string> = {
  name: "dropResponseCookie",
  args: (raw) => stringArgs(raw, { min: 1 })[0]!,
  create: (name) => ({
    response: (context) => {
      const cookies = context.response.header("set-cookie") ?? [];
      if (!hasCookie(cookies, name)) return;
      // The others are kept as they were sent, where Go would print them again from its parse.
      const kept = withoutCookie(cookies, name);
      if (kept.length === 0) context.response.deleteHeader("Set-Cookie");
      else context.response.setHeader("Set-Cookie", kept);
    },
  }),
};
