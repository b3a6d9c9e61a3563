import { cleanPath } from "./clean-path.js";
import type { TreePath } from "./predicate.js";

/**
 * Path patterns as keys of the path tree (skipper-semantics §2.2). A pattern is cut into
 * segments at `/`; `:name` matches one non-empty segment, a final `*name` the non-empty rest.
 * The names stay with each route: `Path("/a/:x")` and `Path("/a/:y")` share one tree node.
 */

export type PatternSegment =
  | { readonly kind: "static"; readonly text: string }
  | { readonly kind: "param"; readonly name: string }
  | { readonly kind: "catchAll"; readonly name: string };

/** One place of a route in the tree; `exactSubtreeName` marks a PathSubtree key that is the base itself. */
export interface TreeKey {
  readonly segments: readonly PatternSegment[];
  readonly exactSubtreeName?: string;
}

export class PathPatternError extends Error {
  override readonly name = "PathPatternError";
  readonly code = "BOSUN_PATH_PATTERN";
}

/** The segments of a request path or pattern: `/` → [""], `/a/` → ["a", ""]. */
export function splitPath(path: string): string[] {
  const segments = path.split("/");
  segments.shift();
  return segments;
}

export function parsePattern(pattern: string): PatternSegment[] {
  const parts = splitPath(cleanPath(pattern));
  return parts.map((part, i): PatternSegment => {
    if (part.startsWith(":")) {
      if (part.includes("*", 1) || part.includes(":", 1)) throw new PathPatternError(`* or : in middle of path component ${pattern}`);
      return { kind: "param", name: part.slice(1) };
    }
    if (part.startsWith("*")) {
      if (i !== parts.length - 1) throw new PathPatternError("free wildcard param should be last");
      // Path("/a/**") is the unnamed form; its value is then the `*` parameter.
      const name = part.slice(1).replace(/^\*$/, "") || "*";
      return { kind: "catchAll", name };
    }
    if (part.includes(":") || part.includes("*")) throw new PathPatternError(`* or : in middle of path component ${pattern}`);
    return { kind: "static", text: part };
  });
}

/**
 * The tree keys of a Path or PathSubtree predicate. PathSubtree(p) sits at its base, at the base
 * with a trailing slash and below it (skipper-semantics §2.2), with the `*` parameter (or the name
 * of a trailing `/*name`) holding the rest of the path.
 */
export function treeKeys(treePath: TreePath): TreeKey[] {
  if (treePath.kind === "path") return [{ segments: parsePattern(treePath.pattern) }];
  const wildcard = /\/\*([^/]*)$/.exec(treePath.pattern);
  const name = wildcard ? wildcard[1]!.replace(/^\*$/, "") || "*" : "*";
  const base = (wildcard ? treePath.pattern.slice(0, wildcard.index) : treePath.pattern).replace(/\/+$/, "");
  const baseSegments = base === "" ? [] : parsePattern(base);
  const catchAll: PatternSegment = { kind: "catchAll", name };
  const slash: PatternSegment = { kind: "static", text: "" };
  if (baseSegments.length === 0) {
    return [{ segments: [slash], exactSubtreeName: name }, { segments: [catchAll] }];
  }
  return [
    { segments: baseSegments, exactSubtreeName: name },
    { segments: [...baseSegments, slash], exactSubtreeName: name },
    { segments: [...baseSegments, catchAll] },
  ];
}

/** Go's url.QueryUnescape for `:name` values, keeping the raw text when it does not decode. */
function paramValue(segment: string): string {
  if (!segment.includes("%") && !segment.includes("+")) return segment;
  try {
    return decodeURIComponent(segment.replace(/\+/g, " "));
  } catch {
    return segment;
  }
}

/** Whether a key captures anything, so lookups on keys that do not can skip the capture. */
export function capturesParams(key: TreeKey): boolean {
  return key.exactSubtreeName !== undefined || key.segments.some((segment) => segment.kind !== "static");
}

/** The parameters a key captures from the request path it matched, read by offsets. */
export function captureParams(key: TreeKey, path: string): Record<string, string> {
  const params: Record<string, string> = {};
  let at = 1;
  for (const segment of key.segments) {
    if (segment.kind === "catchAll") {
      params[segment.name] = `/${path.slice(at)}`;
      break;
    }
    const slash = path.indexOf("/", at);
    const end = slash === -1 ? path.length : slash;
    if (segment.kind === "param") params[segment.name] = paramValue(path.slice(at, end));
    at = end + 1;
  }
  if (key.exactSubtreeName !== undefined) params[key.exactSubtreeName] = "/";
  return params;
}

/** Whether a key matches the request segments on its own (the reference matcher and explain use this). */
export function keyMatches(key: TreeKey, request: readonly string[]): boolean {
  const segments = key.segments;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === "catchAll") return restIsNonEmpty(request, i);
    const part = request[i];
    if (part === undefined) return false;
    if (segment.kind === "static" ? part !== segment.text : part === "") return false;
  }
  return segments.length === request.length;
}

function restIsNonEmpty(request: readonly string[], from: number): boolean {
  return from < request.length - 1 || (from === request.length - 1 && request[from] !== "");
}
