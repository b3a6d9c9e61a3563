import { compileRe2 } from "@bosun/eskip";

/**
 * Go's Regexp.ReplaceAllString, which `modPath` and `tee` use on the path (skipper-semantics §3.3).
 * Two things differ from JavaScript's String.replace: the replacement syntax (`$1`, `${1}`,
 * `$name`, `${name}`, `$$`, where `$1x` names the group "1x", not group 1 then "x"), and an empty
 * match right after a match is not replaced (`a*` → "-" in "baaa" gives "-b-", not "-b--").
 */

/** Literal text, or a group by number or by name. */
type Part = string | number | { readonly name: string };

/** A name in a Go template: letters, digits and underscores, as many as there are. */
const templateName = /^\{?([\p{L}\p{Nd}_]+)/u;

/** Go's Regexp.expand's extract(): the group reference at the start of `text`, if well formed. */
function extract(text: string): { part: Part; length: number } | undefined {
  const name = templateName.exec(text);
  if (!name) return undefined;
  const braced = text.startsWith("{");
  let length = name[0].length;
  if (braced) {
    if (text[length] !== "}") return undefined;
    length++;
  }
  const digits = name[1]!;
  // All digits and no leading zero is a group number; anything else ("01", "1x") is a name.
  const isNumber = /^(0|[1-9]\d{0,7})$/.test(digits);
  return { part: isNumber ? Number(digits) : { name: digits }, length };
}

/** Splits a Go replacement template into literal and group parts, once, when the filter is made. */
export function parseReplacement(template: string): Part[] {
  const parts: Part[] = [];
  let literal = "";
  let rest = template;
  for (let dollar = rest.indexOf("$"); dollar >= 0; dollar = rest.indexOf("$")) {
    literal += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith("$")) {
      literal += "$";
      rest = rest.slice(1);
      continue;
    }
    const reference = extract(rest);
    if (reference === undefined) {
      // Malformed, so Go keeps the `$` as text.
      literal += "$";
      continue;
    }
    if (literal !== "") parts.push(literal);
    literal = "";
    parts.push(reference.part);
    rest = rest.slice(reference.length);
  }
  literal += rest;
  if (literal !== "") parts.push(literal);
  return parts;
}

function expand(parts: readonly Part[], match: RegExpExecArray): string {
  let text = "";
  for (const part of parts) {
    if (typeof part === "string") text += part;
    else if (typeof part === "number") text += match[part] ?? "";
    else text += match.groups?.[part.name] ?? "";
  }
  return text;
}

export class GoReplacer {
  private readonly regexp: RegExp;
  private readonly parts: readonly Part[];

  /** Throws ArgsError when the RE2 expression does not compile. */
  constructor(expression: string, template: string) {
    const compiled = compileRe2(expression);
    // A private global copy: compiled regexps are shared, and lastIndex is state.
    this.regexp = new RegExp(compiled.source, `${compiled.flags.replace("g", "")}g`);
    this.parts = parseReplacement(template);
  }

  /** Every match replaced, as Go's ReplaceAllString. */
  replaceAll(input: string): string {
    const regexp = this.regexp;
    let output = "";
    let lastMatchEnd = 0;
    let searchFrom = 0;
    while (searchFrom <= input.length) {
      regexp.lastIndex = searchFrom;
      const match = regexp.exec(input);
      if (match === null) break;
      const start = match.index;
      const end = start + match[0].length;
      output += input.slice(lastMatchEnd, start);
      // Go skips an empty match that abuts the previous match, so it is not replaced twice.
      if (end > lastMatchEnd || start === 0) output += expand(this.parts, match);
      lastMatchEnd = end;
      const width = (input.codePointAt(searchFrom) ?? 0) > 0xffff ? 2 : 1;
      searchFrom = Math.max(end, searchFrom + width);
    }
    return output + input.slice(lastMatchEnd);
  }
}
