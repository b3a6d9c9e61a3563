/**
 * Go's url.Values as the query filters use them: parsed as url.ParseQuery does and encoded as
 * Values.Encode does (keys sorted, QueryEscape with `+` for a space), so that `setQuery` and
 * `dropQuery` forward the query Skipper would (skipper-semantics §3.3).
 */

export type QueryValues = Map<string, string[]>;

const decoder = new TextDecoder();
const badEscape = /%(?![0-9A-Fa-f]{2})/;
const escapeRun = /(?:%[0-9A-Fa-f]{2})+/g;

/** Percent-escapes decoded as UTF-8, invalid sequences as U+FFFD, where decodeURIComponent throws. */
function decodeLeniently(text: string): string {
  return text.replace(escapeRun, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return decoder.decode(bytes);
  });
}

/** Go's QueryUnescape; undefined where Go returns an error (a `%` without two hex digits). */
function queryUnescape(text: string): string | undefined {
  if (!text.includes("%") && !text.includes("+")) return text;
  if (badEscape.test(text)) return undefined;
  const spaced = text.replaceAll("+", " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return decodeLeniently(spaced);
  }
}

/** Go's url.ParseQuery, keeping what it keeps: pairs with a `;` or a bad escape are left out. */
export function parseQuery(rawQuery: string): QueryValues {
  const values: QueryValues = new Map();
  if (rawQuery === "") return values;
  for (const pair of rawQuery.split("&")) {
    if (pair === "" || pair.includes(";")) continue;
    const equals = pair.indexOf("=");
    const key = queryUnescape(equals < 0 ? pair : pair.slice(0, equals));
    const value = queryUnescape(equals < 0 ? "" : pair.slice(equals + 1));
    if (key === undefined || value === undefined) continue;
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  }
  return values;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Go's QueryEscape: only letters, digits and `-_.~` stay; a space becomes `+`. */
export function queryEscape(text: string): string {
  return encodeURIComponent(text.replace(loneSurrogate, "\uFFFD"))
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll("%20", "+");
}

/** Go's Values.Encode. Keys sort by UTF-16 units, which is Go's byte order for all but rare keys. */
export function encodeQuery(values: QueryValues): string {
  const pairs: string[] = [];
  for (const key of [...values.keys()].sort()) {
    const escapedKey = queryEscape(key);
    for (const value of values.get(key)!) pairs.push(`${escapedKey}=${queryEscape(value)}`);
  }
  return pairs.join("&");
}
