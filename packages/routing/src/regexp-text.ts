/** Reading the plain shapes of regexp sources, for the indexes that narrow candidate lists. */

/** Splits at `|` outside parentheses and brackets. */
export function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/**
 * The first path segment every match of a PathRegexp starts with: `^/reports/[0-9]+` gives
 * `reports`. Undefined unless the regexp is anchored, has no top-level alternative, and spells the
 * whole first segment and the slash after it literally.
 */
export function firstSegmentOfPathRegexp(source: string): string | undefined {
  if (splitTopLevel(source).length !== 1) return undefined;
  const match = /^\^\\?\/((?:[A-Za-z0-9_~-]|\\[.-])+)\\?\/(?![?*{])/.exec(source);
  return match?.[1]!.replace(/\\(.)/g, "$1");
}

/** The first segment of a request path: `/reports/x` and `/reports` give `reports`. */
export function firstSegmentOfPath(path: string): string {
  const end = path.indexOf("/", 1);
  return end === -1 ? path.slice(1) : path.slice(1, end);
}
