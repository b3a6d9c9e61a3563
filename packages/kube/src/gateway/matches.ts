import type { Predicate } from "@bosun/eskip";
import type { RouteMatch } from "./http-routes.js";

/**
 * An HTTPRouteMatch as predicates (gateway-api.md §2.5, §3.4). Paths are anchored PathRegexps,
 * never Path or PathSubtree: Gateway routes are ordered by their rank alone (§3.3), which the
 * path tree would override.
 */

/** RE2's QuoteMeta. */
export const quoteMeta = (text: string): string => text.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");

const methods = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]);

/** The path a PathPrefix match covers, without its trailing slash: `""` for `/`. */
export const prefixOf = (value: string): string => value.replace(/\/+$/, "");

/** Go's http.CanonicalHeaderKey, as Skipper names headers. */
const canonicalHeaderName = (name: string): string => name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());

/** The predicate a request's path must satisfy; undefined for any path. Predicates see the decoded path. */
function pathPredicate(match: RouteMatch): Predicate | undefined {
  const { type, value } = match.path;
  if (type === "Exact") return { name: "PathRegexp", args: [`^${quoteMeta(decoded(value))}$`] };
  if (type === "RegularExpression") return { name: "PathRegexp", args: [`^(?:${value})$`] };
  const prefix = prefixOf(decoded(value));
  return prefix === "" ? undefined : { name: "PathRegexp", args: [`^${quoteMeta(prefix)}(/|$)`] };
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Why bosun cannot serve the match as written (an UnsupportedValue), or undefined. */
export function unsupportedInMatch(match: RouteMatch): string | undefined {
  const { type, value } = match.path;
  if (type !== "Exact" && type !== "PathPrefix" && type !== "RegularExpression") return `${match.fieldPath}.path.type: unsupported path match type ${JSON.stringify(type)}`;
  if (type !== "RegularExpression" && !value.startsWith("/")) return `${match.fieldPath}.path.value: must start with "/"`;
  for (const [list, field] of [[match.headers, "headers"], [match.queryParams, "queryParams"]] as const) {
    const bad = list.find((entry) => entry.type !== "Exact" && entry.type !== "RegularExpression");
    if (bad) return `${match.fieldPath}.${field}: unsupported match type ${JSON.stringify(bad.type)}`;
  }
  if (match.method !== undefined && !methods.has(match.method)) return `${match.fieldPath}.method: unsupported method ${JSON.stringify(match.method)}`;
  return undefined;
}

/** The match's predicates, in the order the spec lists its conditions. */
export function matchPredicates(match: RouteMatch): Predicate[] {
  const predicates: Predicate[] = [];
  const path = pathPredicate(match);
  if (path) predicates.push(path);
  if (match.method !== undefined) predicates.push({ name: "Method", args: [match.method] });
  for (const header of match.headers) {
    // Host is not a header to predicates (skipper-semantics §2.3): its value is matched by Host.
    if (header.name.toLowerCase() === "host") {
      const value = header.type === "Exact" ? quoteMeta(header.value) : `(?:${header.value})`;
      predicates.push({ name: "Host", args: [`^${value}(:[0-9]+)?$`] });
    } else if (header.type === "Exact") predicates.push({ name: "Header", args: [canonicalHeaderName(header.name), header.value] });
    else predicates.push({ name: "HeaderRegexp", args: [canonicalHeaderName(header.name), `^(?:${header.value})$`] });
  }
  for (const query of match.queryParams) {
    const value = query.type === "Exact" ? quoteMeta(query.value) : `(?:${query.value})`;
    predicates.push({ name: "QueryParam", args: [query.name, `^${value}$`] });
  }
  return predicates;
}

/** Steps 2–6 of §2.6's precedence, for one match; larger is first. */
export function matchPrecedence(match: RouteMatch): readonly number[] {
  const { type, value } = match.path;
  // Our choice for RegularExpression, which the spec leaves to implementations: between Exact and PathPrefix.
  const pathClass = type === "Exact" ? 3 : type === "RegularExpression" ? 2 : 1;
  return [pathClass, value.length, match.method === undefined ? 0 : 1, match.headers.length, match.queryParams.length];
}
