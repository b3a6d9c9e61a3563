/**
 * Escaping of string and regexp literals, skipper-semantics §1.1 (reading) and §1.5 (printing).
 * The lexer has already found where a literal ends; these functions turn its text into a value
 * and back.
 */

const controlEscapes: Readonly<Record<string, string>> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

const printedControls: Readonly<Record<string, string>> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

/** Undoes the escapes of a literal's body; `escaped` says what a backslash and `next` stand for. */
function unescape(body: string, escaped: (next: string) => string): string {
  let value = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    value += c === "\\" ? escaped(body[++i]!) : c;
  }
  return value;
}

/**
 * The value of a quoted string literal, quotes included in `image`. A backslash before a control
 * letter gives the control byte, before the delimiter or a backslash gives that character, and
 * before anything else is kept with it (`"\d"` is the two characters `\d`).
 */
export function decodeString(image: string): string {
  const body = image.slice(1, -1);
  if (!body.includes("\\")) return body;
  const delimiter = image[0];
  return unescape(body, (next) => controlEscapes[next] ?? (next === delimiter || next === "\\" ? next : `\\${next}`));
}

/**
 * The value of a regexp literal, slashes included in `image`: `\/` gives `/`, `\\` gives one
 * backslash, and every other escape is kept as written (`\d` stays `\d`).
 */
export function decodeRegexp(image: string): string {
  const body = image.slice(1, -1);
  if (!body.includes("\\")) return body;
  return unescape(body, (next) => (next === "/" || next === "\\" ? next : `\\${next}`));
}

const needsEscape = /[\\\x07\b\f\n\r\t\v"/]/;

/** Skipper's escape(): backslashes first, then the seven control bytes, then the delimiter. */
function escapeLiteral(value: string, delimiter: '"' | "/"): string {
  if (!needsEscape.test(value)) return value;
  let out = "";
  for (const c of value) {
    if (c === "\\") out += "\\\\";
    else if (c === delimiter) out += "\\" + c;
    else out += printedControls[c] ?? c;
  }
  return out;
}

export function quoteString(value: string): string {
  return `"${escapeLiteral(value, '"')}"`;
}

/** `/value/` as Skipper prints a regexp, with `/` and `\` escaped. */
export function quoteRegexp(value: string): string {
  return `/${escapeLiteral(value, "/")}/`;
}
