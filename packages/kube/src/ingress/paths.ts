import type { Predicate } from "@bosun/eskip";
import type { IngressAnnotations } from "./annotations.js";

/** The path predicate of an Ingress path rule (skipper-semantics §5.13.2), and whether it is a legacy path regexp. */
export interface RulePath {
  readonly predicate: Predicate | undefined;
  /** The regexp of an ImplementationSpecific path, which the catch-all rule looks at (§5.13.5). */
  readonly legacyRegexp: string | undefined;
}

export function rulePath(path: string, pathType: string, mode: IngressAnnotations["pathMode"]): RulePath {
  if (path === "") return { predicate: undefined, legacyRegexp: undefined };
  if (pathType === "Exact") return { predicate: { name: "Path", args: [path] }, legacyRegexp: undefined };
  if (pathType === "Prefix" || mode === "path-prefix") return { predicate: { name: "PathSubtree", args: [path] }, legacyRegexp: undefined };
  const regexp = mode === "path-regexp" ? path : path === "/" ? "^/" : `^(${path})`;
  return { predicate: { name: "PathRegexp", args: [regexp] }, legacyRegexp: regexp };
}
