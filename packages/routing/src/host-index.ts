import { splitTopLevel } from "./regexp-text.js";

/**
 * Host keys: the exact host names a Host regexp can match, when the regexp is one of the plain
 * shapes the Kubernetes compilers and most people write (`^(a[.]org[.]?(:[0-9]+)?)$`, `^a\.org$`).
 * Candidate lists at a path-tree leaf are split by host key, so a lookup tests only the routes of
 * its own host and those without a usable key. The Host regexp is still tested: the key only
 * narrows the list, it never decides a match.
 */

const label = String.raw`[A-Za-z0-9_-]+`;
const dot = String.raw`(?:\[\.\]|\\\.)`;
const hostName = `${label}(?:${dot}${label})*`;
/** `[.]?` and `(:[0-9]+)?`/`(:\d+)?` after the name: an optional trailing dot and port. */
const suffix = String.raw`(?:${dot}\?)?(?:\(:(?:\[0-9\]|\\d)\+\)\?)?`;
const alternative = new RegExp(`^(${hostName})${suffix}$`);

/** Tables of many routes repeat a few hundred Host regexps: their keys are read once. */
const keysBySource = new Map<string, readonly string[] | undefined>();
const keysBySourceLimit = 100_000;

export function hostKeysOf(regexpSource: string): readonly string[] | undefined {
  if (keysBySource.has(regexpSource)) return keysBySource.get(regexpSource);
  const keys = readHostKeys(regexpSource);
  if (keysBySource.size >= keysBySourceLimit) keysBySource.clear();
  keysBySource.set(regexpSource, keys);
  return keys;
}

function readHostKeys(regexpSource: string): string[] | undefined {
  const body = /^\^\((.*)\)\$$/.exec(regexpSource)?.[1] ?? /^\^(.*)\$$/.exec(regexpSource)?.[1];
  if (body === undefined) return undefined;
  const keys: string[] = [];
  for (const part of splitTopLevel(body)) {
    const match = alternative.exec(part);
    if (!match) return undefined;
    keys.push(match[1]!.replace(/\[\.\]|\\\./g, "."));
  }
  return keys;
}

/** The key of a request's Host header: without port and without one trailing dot. */
export function requestHostKey(host: string): string {
  let end = host.length;
  // A port is the digits after the last colon, unless that colon is inside an IPv6 literal.
  let i = end - 1;
  while (i >= 0 && host.charCodeAt(i) >= 48 && host.charCodeAt(i) <= 57) i--;
  if (i >= 0 && i < end - 1 && host.charCodeAt(i) === 58 /* : */ && host.lastIndexOf("]") < i) end = i;
  if (end > 0 && host.charCodeAt(end - 1) === 46 /* . */) end--;
  return end === host.length ? host : host.slice(0, end);
}
