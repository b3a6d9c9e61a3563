import { EOF, type IToken, type TokenType } from "chevrotain";
import { EskipParseError } from "./errors.js";
import { decodeRegexp, decodeString } from "./literals.js";
import type { SourceText } from "./location.js";
import type { EntryRule, EskipParser } from "./parser.js";
import * as T from "./tokens.js";

/**
 * Builds the error for text that is not eskip, following Skipper's rules (skipper-semantics §1.4):
 * a lexer error ends the token stream there; if the grammar cannot end at that point the error is
 * a syntax error at the lexer's position, otherwise the lexer's own message survives.
 */

export interface SyntaxFailure {
  readonly entry: EntryRule;
  readonly source: SourceText;
  readonly sourceName?: string;
  /** The tokens before any lexer error. */
  readonly tokens: readonly IToken[];
  /** The token the grammar rejected, or undefined when only the lexer failed. */
  readonly rejected?: IToken;
  /** The start of the text no token matched, if any. */
  readonly lexErrorOffset?: number;
  /** Where the text handed to Skipper's parser would start (it trims annotations first). */
  readonly skipperBase: number;
}

interface LexProblem {
  readonly skipperReason: string;
  /** Where Skipper's lexer stands after the failure. */
  readonly skipperOffset: number;
  readonly description: string;
}

export function syntaxError(parser: EskipParser, failure: SyntaxFailure): EskipParseError {
  const { source, tokens } = failure;
  const text = source.text;
  const rejectedIndex =
    failure.rejected === undefined || failure.rejected.tokenType === EOF
      ? tokens.length
      : tokens.indexOf(failure.rejected);
  const rejected = tokens[rejectedIndex];
  const lexProblem = failure.lexErrorOffset === undefined ? undefined : describeLexError(text, failure.lexErrorOffset);
  const grammarFailed = failure.rejected !== undefined;

  // Skipper reports the last token its lexer produced, and the offset its lexer stands at.
  const lastLexed = rejected ?? tokens[tokens.length - 1];
  const skipperOffset = rejected ? end(rejected) : (lexProblem?.skipperOffset ?? text.length);
  const routeId = lastRouteId(tokens, rejectedIndex);
  const skipperMessage =
    `parse failed after token ${lastLexed ? tokenValue(lastLexed) : ""}` +
    (routeId === undefined ? "" : `, last route id: ${routeId}`) +
    `, position ${source.byteOffset(skipperOffset) - source.byteOffset(failure.skipperBase)}: ` +
    (grammarFailed || !lexProblem ? "syntax error" : lexProblem.skipperReason);

  const expected = expectedAt(parser, failure.entry, tokens, rejectedIndex);
  const offset = rejected
    ? rejected.startOffset
    : (failure.lexErrorOffset ?? (tokens.length > 0 ? end(tokens[tokens.length - 1]!) : text.length));
  const found = rejected
    ? `unexpected ${describeToken(rejected)}`
    : (lexProblem?.description ?? "unexpected end of input");
  const reason = grammarFailed && expected.length > 0 ? `${found}; expected ${listExpected(expected)}` : found;
  const { line, column } = source.position(offset);
  return new EskipParseError({
    code: "ESKIP_SYNTAX_ERROR",
    reason,
    ...(failure.sourceName === undefined ? {} : { source: failure.sourceName }),
    line,
    column,
    offset,
    token: rejected ? rejected.image : failure.lexErrorOffset === undefined ? "" : firstCharacter(text, offset),
    expected,
    ...(routeId === undefined ? {} : { routeId }),
    skipperMessage,
    sourceLine: source.lineText(line),
  });
}

function end(token: IToken): number {
  return token.startOffset + token.image.length;
}

/** Skipper prints strings and regexps by their value, everything else as written. */
function tokenValue(token: IToken): string {
  if (token.tokenType === T.DoubleQuoted || token.tokenType === T.BacktickQuoted) return decodeString(token.image);
  if (token.tokenType === T.RegexpLiteral) return decodeRegexp(token.image);
  return token.image;
}

/** The id of the last `id:` the parser has read: only a route definition has a colon. */
function lastRouteId(tokens: readonly IToken[], before: number): string | undefined {
  for (let i = before - 1; i > 0; i--) {
    if (tokens[i]!.tokenType === T.Colon) return tokens[i - 1]!.image;
  }
  return undefined;
}

function describeLexError(text: string, offset: number): LexProblem {
  const c = text[offset]!;
  if (c === '"' || c === "`") {
    return { skipperReason: "incomplete token", skipperOffset: text.length, description: "unterminated string" };
  }
  if (c === "/") {
    return offset === text.length - 1
      ? { skipperReason: "invalid character", skipperOffset: offset, description: 'a lone "/" at the end of the input' }
      : { skipperReason: "incomplete token", skipperOffset: text.length, description: "unterminated regexp" };
  }
  const numberEnd = numberRunEnd(text, offset);
  if (numberEnd !== undefined) {
    return {
      skipperReason: "incomplete token",
      skipperOffset: numberEnd,
      description: `incomplete number "${text.slice(offset, numberEnd)}"`,
    };
  }
  return {
    skipperReason: "unexpected token",
    skipperOffset: offset,
    description: `unexpected character ${JSON.stringify(firstCharacter(text, offset))}`,
  };
}

/** The end of the digits-and-one-dot run Skipper's number lexer consumes, if one starts here. */
function numberRunEnd(text: string, offset: number): number | undefined {
  let i = text[offset] === "-" ? offset + 1 : offset;
  if (!/[0-9.]/.test(text[i] ?? "")) return undefined;
  let seenDot = false;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === ".") {
      if (seenDot) break;
      seenDot = true;
    } else if (c < "0" || c > "9") break;
  }
  return i;
}

function firstCharacter(text: string, offset: number): string {
  return String.fromCodePoint(text.codePointAt(offset)!);
}

function describeToken(token: IToken): string {
  const kind = tokenKind(token.tokenType);
  return kind === undefined ? `"${token.image}"` : `${kind} ${token.image}`;
}

const tokenKinds = new Map<TokenType, string>([
  [T.Symbol, "name"],
  [T.NumberLiteral, "number"],
  [T.StringLiteral, "string"],
  [T.DoubleQuoted, "string"],
  [T.BacktickQuoted, "string"],
  [T.RegexpLiteral, "regexp"],
]);

function tokenKind(type: TokenType): string | undefined {
  return tokenKinds.get(type);
}

/** Labels of the tokens that may follow the accepted prefix: `"->"` for fixed text, `string` for a class. */
function expectedAt(parser: EskipParser, entry: EntryRule, tokens: readonly IToken[], index: number): string[] {
  // Every `;` leaves a document in the same state, so the prefix after the last one is enough.
  let start = 0;
  for (let i = index - 1; i >= 0; i--) {
    if (tokens[i]!.tokenType === T.Semicolon) {
      start = i;
      break;
    }
  }
  const prefix = tokens.slice(start, index);
  const labels = new Set<string>();
  for (const suggestion of parser.computeContentAssist(entry, prefix)) {
    const type = suggestion.nextTokenType;
    labels.add(tokenKind(type) ?? `"${type.LABEL ?? type.name}"`);
  }
  if (index < tokens.length && acceptsAsWhole(parser, entry, prefix)) labels.add("end of input");
  return [...labels];
}

function acceptsAsWhole(parser: EskipParser, entry: EntryRule, tokens: IToken[]): boolean {
  parser.input = tokens;
  parser[entry]();
  const accepted = parser.errors.length === 0;
  parser.input = [];
  return accepted;
}

function listExpected(labels: readonly string[]): string {
  if (labels.length === 1) return labels[0]!;
  return `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}
