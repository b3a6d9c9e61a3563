import { ArgsError } from "./args.js";

/**
 * Skipper's regexps are Go RE2. Most RE2 text means the same in JavaScript; these translations
 * cover what does not: a leading `(?i)`/`(?s)`/`(?m)` flag group, `(?P<name>`, `\A` and `\z`, and
 * POSIX classes such as `[[:upper:]]`. Compiled regexps are shared by source: a table of 100k
 * routes over 200 hosts compiles 200 Host regexps, not 100k.
 */

const posixClasses: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

export function translateRe2(source: string): { source: string; flags: string } {
  let flags = "";
  let text = source;
  const flagGroup = /^\(\?([ims]+)\)/.exec(text);
  if (flagGroup) {
    flags = [...new Set(flagGroup[1]!.split(""))].join("");
    text = text.slice(flagGroup[0].length);
  }
  text = text
    .replace(/\(\?P</g, "(?<")
    .replace(/\[:(\^?)([a-z]+):\]/g, (whole, negated: string, name: string) => {
      const range = posixClasses[name];
      if (range === undefined) return whole;
      if (negated) throw new ArgsError(`negated POSIX class [:^${name}:] is not supported`);
      return range;
    })
    .replace(/(^|[^\\])\\A/g, "$1^")
    .replace(/(^|[^\\])\\z/g, "$1$(?![\\s\\S])");
  return { source: text, flags };
}

/** Shared by source; cleared when it grows past this many entries, so reloads cannot make it leak. */
const cacheLimit = 100_000;
const cache = new Map<string, RegExp>();

/** Compiles an RE2 regexp, or throws ArgsError with the error. */
export function compileRe2(source: string): RegExp {
  let compiled = cache.get(source);
  if (compiled === undefined) {
    const translated = translateRe2(source);
    try {
      compiled = new RegExp(translated.source, translated.flags);
    } catch (error) {
      throw new ArgsError(`error parsing regexp: ${(error as Error).message.replace(/^Invalid regular expression: /, "")}`);
    }
    if (cache.size >= cacheLimit) cache.clear();
    cache.set(source, compiled);
  }
  return compiled;
}
