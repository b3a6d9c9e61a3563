import { createToken, Lexer, type CustomPatternMatcherFunc, type TokenType } from "chevrotain";

/**
 * Tokens of the eskip language, skipper-semantics §1.1. The order of `allTokens` is the order in
 * which the lexer tries them, so the fixed `<shunt>`-style backends come before the plain `<`.
 */

const digits = "0123456789".split("");

/** Skipper's number: an optional `-`, then digits with at most one `.`, not ending in `.`. */
const matchNumber: CustomPatternMatcherFunc = (text, offset) => {
  let i = offset;
  if (text.charCodeAt(i) === 45 /* - */) i++;
  const start = i;
  let seenDot = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (seenDot) break;
      seenDot = true;
    } else if (c < 48 || c > 57) {
      break;
    }
  }
  if (i === start || text.charCodeAt(i - 1) === 46) return null;
  return [text.slice(offset, i)];
};

/**
 * Whatever no other token matches, up to the end of the input. Skipper's lexer stops at its first
 * error; taking the rest as one token does the same and keeps lexing linear on any input.
 */
const matchRest: CustomPatternMatcherFunc = (text, offset) => [text.slice(offset)];

/** One character code per chevrotain first-char bucket: codes above 255 share buckets of 255. */
function everyFirstCharBucket(): number[] {
  const codes: number[] = [];
  for (let code = 0; code < 256; code++) codes.push(code);
  for (let code = 256; code < 65536; code += 255) codes.push(code);
  codes.push(65535);
  return codes;
}

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\n\r\v\f]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
export const Comment = createToken({
  name: "Comment",
  pattern: /\/\/[^\n]*/,
  group: "comments",
  line_breaks: false,
});
export const And = createToken({ name: "And", pattern: "&&", label: "&&" });
export const Arrow = createToken({ name: "Arrow", pattern: "->", label: "->" });
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: { exec: matchNumber },
  start_chars_hint: ["-", ".", ...digits],
  line_breaks: false,
  label: "number",
});
export const Comma = createToken({ name: "Comma", pattern: ",", label: "," });
export const LParen = createToken({ name: "LParen", pattern: "(", label: "(" });
export const RParen = createToken({ name: "RParen", pattern: ")", label: ")" });
export const Colon = createToken({ name: "Colon", pattern: ":", label: ":" });
export const Semicolon = createToken({ name: "Semicolon", pattern: ";", label: ";" });
export const RAngle = createToken({ name: "RAngle", pattern: ">", label: ">" });
export const Any = createToken({ name: "Any", pattern: "*", label: "*" });
export const Shunt = createToken({ name: "Shunt", pattern: "<shunt>", label: "<shunt>" });
export const Loopback = createToken({ name: "Loopback", pattern: "<loopback>", label: "<loopback>" });
export const Dynamic = createToken({ name: "Dynamic", pattern: "<dynamic>", label: "<dynamic>" });
export const Forward = createToken({ name: "Forward", pattern: "<forward>", label: "<forward>" });
export const LAngle = createToken({ name: "LAngle", pattern: "<", label: "<" });
export const StringLiteral = createToken({ name: "StringLiteral", pattern: Lexer.NA, label: "string" });
export const DoubleQuoted = createToken({
  name: "DoubleQuoted",
  pattern: /"(?:[^"\\]|\\[^])*"/,
  categories: [StringLiteral],
  line_breaks: true,
  label: "string",
});
export const BacktickQuoted = createToken({
  name: "BacktickQuoted",
  pattern: /`(?:[^`\\]|\\[^])*`/,
  categories: [StringLiteral],
  line_breaks: true,
  label: "string",
});
/** A `[` opens a class in which `/` does not end the literal (no nesting), skipper-semantics §1.1. */
export const RegexpLiteral = createToken({
  name: "RegexpLiteral",
  pattern: /\/(?:[^/\\[]|\\[^]|\[(?:[^\]\\]|\\[^])*\])*\//,
  line_breaks: true,
  label: "regexp",
});
export const Symbol = createToken({ name: "Symbol", pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: "name" });
export const Unlexable = createToken({
  name: "Unlexable",
  pattern: { exec: matchRest },
  start_chars_hint: everyFirstCharBucket(),
  line_breaks: true,
});

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  And,
  Arrow,
  NumberLiteral,
  Comma,
  LParen,
  RParen,
  Colon,
  Semicolon,
  RAngle,
  Any,
  Shunt,
  Loopback,
  Dynamic,
  Forward,
  LAngle,
  StringLiteral,
  DoubleQuoted,
  BacktickQuoted,
  RegexpLiteral,
  Symbol,
  Unlexable,
];

export const eskipLexer = new Lexer(allTokens, {
  positionTracking: "onlyOffset",
  ensureOptimizations: true,
});
