import type { SeededRandom } from "./seeded-random.ts";

/**
 * The pieces of generated routes, as eskip text: hosts, paths, predicates, filters and backends
 * in the shapes that real Skipper route tables (and the Kubernetes data client) produce.
 */

export const services = [
  "shop", "api", "checkout", "search", "auth", "media", "blog", "admin", "orders", "payments",
  "catalog", "reviews", "accounts", "images", "reports", "cart", "login", "assets", "events", "docs",
] as const;

const domains = [
  "example.org", "example.com", "example.net", "shop.example", "eu.example.org",
  "us.example.org", "internal.example.net", "staging.example.com", "b2b.example.org", "partners.example.io",
] as const;

/** 20 services × 10 domains: 200 distinct hosts. */
export const hosts: readonly string[] = domains.flatMap((domain) => services.map((service) => `${service}.${domain}`));

const pathWords = [
  "api", "v1", "v2", "users", "orders", "items", "products", "search", "static", "assets",
  "accounts", "carts", "reviews", "images", "reports", "settings", "export", "health", "public", "internal",
] as const;
const paramNames = ["id", "userId", "orderId", "slug", "sku", "version"] as const;

export interface PathSpec {
  /** The path, with `:param` segments. */
  readonly text: string;
  /** The text up to the first parameter: what a PathSubtree or redirect can use. */
  readonly prefix: string;
  readonly params: readonly string[];
}

/**
 * A path of 1 to 5 segments. `variants` grows with the size of the document: a table of 100k
 * routes serves many more applications than one of 1k, so half the words carry one of that many
 * suffixes (`orders-17`), and routes of one host rarely share a path by accident.
 */
export function path(random: SeededRandom, variants = 1): PathSpec {
  const depth = random.between(1, 5);
  const segments: string[] = [];
  const params: string[] = [];
  let prefix: string | undefined;
  for (let i = 0; i < depth; i++) {
    if (i > 0 && random.chance(0.3)) {
      prefix ??= `/${segments.join("/")}`;
      const name = random.pick(paramNames.filter((unused) => !params.includes(unused)));
      params.push(name);
      segments.push(`:${name}`);
    } else {
      const word = random.pick(pathWords.filter((unused) => unused !== segments.at(-1)));
      segments.push(variants > 1 && random.chance(0.5) ? `${word}-${random.below(variants)}` : word);
    }
  }
  const text = `/${segments.join("/")}`;
  return { text, prefix: prefix ?? text, params };
}

/** A host's regexp, always written the same way: every other host also accepts a port. */
export function hostPredicate(host: string): string {
  const port = hosts.indexOf(host) % 2 === 1 ? "(:[0-9]+)?" : "";
  return `Host(/^${host.replaceAll(".", "[.]")}${port}$/)`;
}

/** The path condition of a route and the parameters it binds, which filters may use. */
export interface PathCondition {
  readonly predicate: string;
  readonly params: readonly string[];
}

/** Path for most routes, PathSubtree for prefixes, PathRegexp for the odd legacy route. */
export function pathCondition(spec: PathSpec, random: SeededRandom): PathCondition {
  const r = random.next();
  if (r < 0.6) return { predicate: `Path(${quote(spec.text)})`, params: spec.params };
  if (r < 0.85) return { predicate: `PathSubtree(${quote(spec.prefix)})`, params: [] };
  const escaped = spec.prefix.replaceAll("/", "\\/");
  return { predicate: `PathRegexp(/^${escaped}\\/[0-9]+(\\/.*)?$/)`, params: [] };
}

const methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"] as const;

/** The optional conditions after host and path; each kind at most once, as Skipper requires. */
export function extraPredicates(random: SeededRandom): string[] {
  const predicates: string[] = [];
  if (random.chance(0.25)) predicates.push(`Method(${quote(random.pick(methods))})`);
  if (random.chance(0.1)) predicates.push(`Header("X-Tenant", ${quote(random.pick(services))})`);
  if (random.chance(0.08)) predicates.push(`HeaderRegexp("User-Agent", /Mobile|Android|iPhone/)`);
  if (random.chance(0.05)) predicates.push(`Cookie("session", /^[a-f0-9]{32}$/)`);
  if (random.chance(0.05)) {
    predicates.push(random.chance(0.5) ? `QueryParam("debug", "true")` : `QueryParam("preview")`);
  }
  if (random.chance(0.08)) predicates.push(`Weight(${random.between(1, 20)})`);
  return predicates;
}

const filterKinds = 7;

/** Zero to three distinct request or response filters, with Skipper's `${…}` templates. */
export function serviceFilters(spec: PathSpec, path: PathCondition, random: SeededRandom): string[] {
  const count = random.below(4);
  const first = random.below(filterKinds);
  const filters: string[] = [];
  for (let i = 0; i < count; i++) filters.push(serviceFilter((first + i) % filterKinds, spec, path, random));
  return filters;
}

function serviceFilter(kind: number, spec: PathSpec, path: PathCondition, random: SeededRandom): string {
  switch (kind) {
    case 0:
      return `setRequestHeader("X-User", "\${request.header.X-User}")`;
    case 1:
      return path.params.length > 0 ? `setPath("/v2/\${${path.params[0]}}")` : `setPath("/v2${spec.prefix}")`;
    case 2:
      return `modPath(/^\\/api\\/(.*)$/, "/$1")`;
    case 3:
      return `responseCookie("lang", "en", ${random.between(60, 86400)})`;
    case 4:
      return `setResponseHeader("Cache-Control", "max-age=${random.between(0, 3600)}")`;
    case 5:
      return `dropRequestHeader("Cookie")`;
    default:
      return "compress()";
  }
}

const algorithms = ["roundRobin", "random", "consistentHash", "powerOfRandomNChoices", ""] as const;

/** A cluster service URL, or an LB backend of 2-6 pod addresses as the Kubernetes client writes it. */
export function serviceBackend(service: string, random: SeededRandom): string {
  if (random.chance(0.4)) {
    const scheme = random.chance(0.8) ? "http" : "https";
    return quote(`${scheme}://${service}.${random.pick(services)}.svc.cluster.local:${random.pick([80, 8080, 9090])}`);
  }
  const endpoints: string[] = [];
  const port = random.pick([8080, 8443, 9000]);
  const count = random.between(2, 6);
  for (let i = 0; i < count; i++) {
    endpoints.push(quote(`http://10.${random.below(256)}.${random.below(256)}.${random.between(1, 254)}:${port}`));
  }
  const algorithm = random.pick(algorithms);
  return `<${algorithm === "" ? "" : `${algorithm}, `}${endpoints.join(", ")}>`;
}

/** An eskip double-quoted string; generated values hold no quote or backslash to escape. */
export function quote(value: string): string {
  return `"${value}"`;
}
