/**
 * Where a long document may be cut for parsing in slices: just after a `;` that separates
 * routes, found by a scan that steps over strings, regexps and comments exactly as the lexer
 * reads them. Parsing slices of some tens of kilobytes keeps each token vector small, so its
 * tokens die young instead of filling the old generation: parse time then grows linearly with
 * the document.
 */

/** Offsets just after the `;` where slices of about `size` characters end; undefined if the text does not lex. */
const significant = /["`/;]/g;

export function sliceEnds(text: string, size: number): number[] | undefined {
  const ends: number[] = [];
  let sliceStart = 0;
  let i = 0;
  while (i < text.length) {
    significant.lastIndex = i;
    if (!significant.test(text)) break;
    i = significant.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ || c === 96 /* ` */) {
      i = stringEnd(text, i, c);
    } else if (c === 47 /* / */) {
      i = text.charCodeAt(i + 1) === 47 ? lineEnd(text, i) : regexpEnd(text, i);
    } else {
      i++;
      if (c === 59 /* ; */ && i - sliceStart >= size) {
        ends.push(i);
        sliceStart = i;
      }
      continue;
    }
    if (i < 0) return undefined;
  }
  return ends;
}

/**
 * Just past the closing delimiter, or -1 when the string does not end. A delimiter is escaped
 * when an odd number of backslashes stands right before it.
 */
function stringEnd(text: string, open: number, delimiter: number): number {
  const quote = String.fromCharCode(delimiter);
  for (let from = open + 1; ; ) {
    const at = text.indexOf(quote, from);
    if (at === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 92 /* \ */) backslashes++;
    if (backslashes % 2 === 0) return at + 1;
    from = at + 1;
  }
}

/** Just past the closing slash (not inside a bracket class), or -1 when the regexp does not end. */
function regexpEnd(text: string, open: number): number {
  let inClass = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (inClass) inClass = c !== 93; /* ] */
    else if (c === 91 /* [ */) inClass = true;
    else if (c === 47 /* / */) return i + 1;
  }
  return -1;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf("\n", from);
  return newline === -1 ? text.length : newline;
}
