import { EskipParseError, parseDocument, parseFilters, parsePredicates, type Call, type Predicate, type Route } from "@bosun/eskip";
import { lbAlgorithms } from "../routegroup/spec.js";

/** The zalando.org annotations of an Ingress, read and checked (skipper-semantics §5.13.1). */
export interface IngressAnnotations {
  /** `zalando.org/ratelimit` then `zalando.org/skipper-filter`. */
  readonly filters: readonly Call[];
  readonly predicates: readonly Predicate[];
  readonly extraRoutes: readonly Route[];
  /** `zalando.org/backend-weights`: by service name. */
  readonly weights: ReadonlyMap<string, number>;
  readonly lbAlgorithm: string | undefined;
  /** `zalando.org/skipper-backend: forward`. */
  readonly forward: boolean;
  readonly protocol: string;
  readonly pathMode: "kubernetes-ingress" | "path-regexp" | "path-prefix";
  /** `zalando.org/skipper-ingress-redirect`: undefined when not set. */
  readonly redirect: boolean | undefined;
  readonly redirectCode: number | undefined;
  /** skipper-predicate or skipper-routes test X-Forwarded-Proto themselves: no redirect copies then. */
  readonly testsForwardedProto: boolean;
}

const prefix = "zalando.org/";

/** The annotation `zalando.org/<key>` parsed, or undefined when absent or blank; a parse error is pushed to `errors` in Skipper's words. */
export function parsedAnnotation<T>(annotations: Readonly<Record<string, string>>, key: string, parse: (text: string) => T, errors: string[]): T | undefined {
  const text = annotations[prefix + key];
  if (text === undefined || text.trim() === "") return undefined;
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof EskipParseError)) throw error;
    errors.push(`invalid "${prefix}${key}" annotation: ${error.skipperMessage}`);
    return undefined;
  }
}

/** `zalando.org/skipper-routes`: an eskip document, whose first error fails the annotation. */
export function extraRoutes(text: string): Route[] {
  const document = parseDocument(text);
  const invalid = document.errors[0];
  if (invalid) throw invalid;
  return document.routes;
}

function weightsOf(text: string | undefined, errors: string[]): Map<string, number> {
  const weights = new Map<string, number>();
  if (text === undefined || text.trim() === "") return weights;
  try {
    const object = JSON.parse(text) as unknown;
    if (typeof object !== "object" || object === null || Array.isArray(object)) throw new Error("not an object");
    for (const [name, weight] of Object.entries(object)) if (typeof weight === "number") weights.set(name, weight);
  } catch {
    errors.push(`invalid "${prefix}backend-weights" annotation: ${text}`);
  }
  return weights;
}

export const pathModes = ["kubernetes-ingress", "path-regexp", "path-prefix"] as const;

export function readIngressAnnotations(annotations: Readonly<Record<string, string>>): { annotations: IngressAnnotations } | { errors: string[] } {
  const errors: string[] = [];
  const ratelimit = parsedAnnotation(annotations, "ratelimit", (text) => parseFilters(text), errors) ?? [];
  const filter = parsedAnnotation(annotations, "skipper-filter", (text) => parseFilters(text), errors) ?? [];
  const predicates = parsedAnnotation(annotations, "skipper-predicate", (text) => parsePredicates(text), errors) ?? [];
  const routes = parsedAnnotation(annotations, "skipper-routes", extraRoutes, errors) ?? [];
  const lbAlgorithm = annotations[`${prefix}skipper-loadbalancer`];
  if (lbAlgorithm !== undefined && !(lbAlgorithms as readonly string[]).includes(lbAlgorithm)) {
    errors.push(`invalid "${prefix}skipper-loadbalancer" annotation: unsupported algorithm`);
  }
  const weights = weightsOf(annotations[`${prefix}backend-weights`], errors);
  if (errors.length > 0) return { errors };
  const redirect = annotations[`${prefix}skipper-ingress-redirect`];
  const code = Number(annotations[`${prefix}skipper-ingress-redirect-code`]);
  const mode = annotations[`${prefix}skipper-ingress-path-mode`];
  const mentions = (key: string) => (annotations[prefix + key] ?? "").includes('Header("X-Forwarded-Proto"');
  return {
    annotations: {
      filters: [...ratelimit, ...filter],
      predicates,
      extraRoutes: routes,
      weights,
      lbAlgorithm,
      forward: annotations[`${prefix}skipper-backend`] === "forward",
      protocol: annotations[`${prefix}skipper-backend-protocol`] ?? "http",
      pathMode: (pathModes as readonly string[]).includes(mode ?? "") ? (mode as IngressAnnotations["pathMode"]) : "kubernetes-ingress",
      redirect: redirect === "true" ? true : redirect === "false" ? false : undefined,
      redirectCode: Number.isInteger(code) && code >= 300 && code <= 399 ? code : undefined,
      testsForwardedProto: mentions("skipper-predicate") || mentions("skipper-routes"),
    },
  };
}
