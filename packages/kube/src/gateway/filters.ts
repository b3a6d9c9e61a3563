import type { Filter } from "@bosun/eskip";
import type { Json, JsonObject } from "../cluster-state.js";
import { arrayField, isObject, numberField, objectField, stringField } from "../json.js";
import type { Listener } from "./gateways.js";
import { backendObjectRefOf, type BackendObjectRef, type RouteFilter, type RouteMatch } from "./http-routes.js";
import { prefixOf, quoteMeta } from "./matches.js";

/**
 * HTTPRoute filters as eskip filters (gateway-api.md §2.7, §3.4), in list order. Header values
 * are literal text: a value that holds `${` gets the literal variant of the filter, since
 * Skipper's header filters expand templates.
 */

export interface FilterEnvironment {
  readonly namespace: string;
  readonly listener: Listener;
  readonly match: RouteMatch;
  /** One endpoint of a mirror's backend, or why there is none (a ResolvedRefs reason). */
  readonly mirrorUrl: (ref: BackendObjectRef, fieldPath: string) => string | undefined;
}

export interface GatewayFilters {
  readonly filters: Filter[];
  /** A RequestRedirect answers: the route needs no backend. */
  readonly redirects: boolean;
  /** An ExtensionRef bosun cannot resolve: the spec says such requests must fail (we answer 500). */
  readonly unresolved: boolean;
  /** Why the list cannot be served as written (an UnsupportedValue), or undefined. */
  readonly unsupported: string | undefined;
}

const objects = (values: Json[] | undefined): JsonObject[] => (values ?? []).filter(isObject);

type HeaderSide = "Request" | "Response";

function headerModifier(config: JsonObject, side: HeaderSide): Filter[] {
  const filters: Filter[] = [];
  const valued = (field: "set" | "add", verb: "set" | "append") => {
    for (const header of objects(arrayField(config, field))) {
      const name = stringField(header, "name") ?? "";
      const value = stringField(header, "value") ?? "";
      const literal = value.includes("${") ? "Literal" : "";
      filters.push({ name: `${verb}${side}Header${literal}`, args: [name, value] });
    }
  };
  valued("set", "set");
  valued("add", "append");
  for (const name of arrayField(config, "remove") ?? []) if (typeof name === "string") filters.push({ name: `drop${side}Header`, args: [name] });
  return filters;
}

/** setPath or modPath for a `path` of URLRewrite or RequestRedirect; a string when it cannot be done. */
function pathModifier(path: JsonObject | undefined, match: RouteMatch, fieldPath: string): Filter[] | string {
  if (path === undefined) return [];
  const type = stringField(path, "type");
  if (type === "ReplaceFullPath") return [{ name: "setPath", args: [stringField(path, "replaceFullPath") ?? "/"] }];
  if (type === "ReplacePrefixMatch") {
    if (match.path.type !== "PathPrefix") return `${fieldPath}.path: ReplacePrefixMatch needs a PathPrefix match`;
    // §2.7: the matched prefix, trailing slash ignored, becomes the replacement, its trailing slash dropped.
    const replacement = prefixOf(stringField(path, "replacePrefixMatch") ?? "").replaceAll("$", "$$");
    return [{ name: "modPath", args: [`^${quoteMeta(prefixOf(match.path.value))}(/.*)?$`, `${replacement}\${1}`] }];
  }
  return `${fieldPath}.path.type: unsupported path modifier ${JSON.stringify(type)}`;
}

const defaultPort = (scheme: string): number => (scheme === "https" ? 443 : 80);

/** RequestRedirect's Location parts, with the spec's defaults for scheme and port (§2.7). */
function redirect(config: JsonObject, environment: FilterEnvironment, fieldPath: string): Filter[] | string {
  const listenerScheme = environment.listener.protocol === "HTTPS" ? "https" : "http";
  const givenScheme = stringField(config, "scheme");
  const scheme = givenScheme ?? listenerScheme;
  const statusCode = numberField(config, "statusCode") ?? 302;
  if (![301, 302, 303, 307, 308].includes(statusCode)) return `${fieldPath}.requestRedirect.statusCode: unsupported status code ${statusCode}`;
  const port = numberField(config, "port") ?? (givenScheme !== undefined ? defaultPort(scheme) : environment.listener.port);
  const path = pathModifier(objectField(config, "path"), environment.match, `${fieldPath}.requestRedirect`);
  if (typeof path === "string") return path;
  const location: Filter = { name: "gatewayRedirect", args: [statusCode, scheme, stringField(config, "hostname") ?? "", port === defaultPort(scheme) ? 0 : port] };
  return [...path, location];
}

function urlRewrite(config: JsonObject, match: RouteMatch, fieldPath: string): Filter[] | string {
  const hostname = stringField(config, "hostname");
  const path = pathModifier(objectField(config, "path"), match, `${fieldPath}.urlRewrite`);
  if (typeof path === "string") return path;
  return [...(hostname === undefined ? [] : [{ name: "setRequestHeader", args: ["Host", hostname] }]), ...path];
}

/** The share of requests a RequestMirror copies: `percent`, or `fraction`, or all. */
function mirrorShare(config: JsonObject): number {
  const percent = numberField(config, "percent");
  if (percent !== undefined) return percent / 100;
  const fraction = objectField(config, "fraction");
  if (fraction === undefined) return 1;
  return (numberField(fraction, "numerator") ?? 0) / (numberField(fraction, "denominator") ?? 100);
}

function mirror(config: JsonObject, environment: FilterEnvironment, fieldPath: string): Filter[] {
  const url = environment.mirrorUrl(backendObjectRefOf(objectField(config, "backendRef"), environment.namespace), `${fieldPath}.requestMirror.backendRef`);
  // An unresolved mirror is left out (§2.7); ResolvedRefs says why.
  if (url === undefined) return [];
  const share = mirrorShare(config);
  if (share <= 0) return [];
  return [share >= 1 ? { name: "teenf", args: [url] } : { name: "teeSampled", args: [url, share] }];
}

/** Filters of a rule, or of one backendRef (`forBackend`: only those the spec allows there). */
export function gatewayFilters(list: readonly RouteFilter[], environment: FilterEnvironment, forBackend = false): GatewayFilters {
  const filters: Filter[] = [];
  let redirects = false;
  let unresolved = false;
  for (const { type, config, fieldPath } of list) {
    let made: Filter[] | string;
    if (type === "RequestHeaderModifier") made = headerModifier(config, "Request");
    else if (type === "ResponseHeaderModifier") made = headerModifier(config, "Response");
    else if (type === "URLRewrite") made = urlRewrite(config, environment.match, fieldPath);
    else if (type === "RequestRedirect" && !forBackend) {
      made = redirect(config, environment, fieldPath);
      redirects = true;
    } else if (type === "RequestMirror" && !forBackend) made = mirror(config, environment, fieldPath);
    else if (type === "ExtensionRef") {
      unresolved = true;
      made = [];
    } else made = `${fieldPath}.type: filter ${JSON.stringify(type)} is not supported${forBackend ? " on a backendRef" : ""}`;
    if (typeof made === "string") return { filters: [], redirects: false, unresolved: false, unsupported: made };
    filters.push(...made);
  }
  return { filters, redirects, unresolved, unsupported: undefined };
}
