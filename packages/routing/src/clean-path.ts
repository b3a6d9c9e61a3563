/**
 * Go's path.Clean as Skipper applies it to request paths (skipper-semantics §2.2): repeated
 * slashes collapse, `.` segments go, `..` resolves, the result starts with `/`, and a trailing
 * slash is kept.
 */
export function cleanPath(path: string): string {
  if (isClean(path)) return path;
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const cleaned = `/${segments.join("/")}`;
  return path.length > 1 && path.endsWith("/") && cleaned !== "/" ? `${cleaned}/` : cleaned;
}

/** The common case: nothing to clean. */
function isClean(path: string): boolean {
  return path.startsWith("/") && !path.includes("//") && !/(^|\/)\.\.?(\/|$)/.test(path);
}
