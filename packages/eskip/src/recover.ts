import { createTokenInstance, EOF, type IToken } from "chevrotain";
import { DocumentBuilder, parser, type ParsedDocument } from "./document-builder.js";
import type { EskipParseError } from "./errors.js";
import { SourceText } from "./location.js";
import type { ParseOptions } from "./parse.js";
import { syntaxError } from "./syntax-error.js";
import * as T from "./tokens.js";

/**
 * A document parse that reports every syntax error, for `bosun check`: after an error it goes
 * on at the next route (the next `;`, or an `id:` where a `;` is missing) and keeps the routes
 * between the errors. The first error is the one a plain parse reports. Skipper itself stops at
 * the first error and uses nothing of the document; `bosun serve` does the same.
 */

/** A file with more syntax errors than this is reported up to it: nobody reads the rest. */
export const maxSyntaxErrors = 1000;

/** Tokens lexed from `start` on, with document offsets, up to the first text no token matches. */
interface Lexed {
  readonly tokens: IToken[];
  readonly lexErrorOffset: number | undefined;
}

export function parseRecovering(text: string, options: ParseOptions): ParsedDocument {
  const recovery = new Recovery(new SourceText(text), options.source);
  recovery.run();
  const document = recovery.document.document();
  document.errors.sort((a, b) => a.offset - b.offset);
  return document;
}

class Recovery {
  readonly document: DocumentBuilder;
  private syntaxErrors = 0;

  constructor(
    private readonly source: SourceText,
    private readonly sourceName: string | undefined,
  ) {
    this.document = new DocumentBuilder(source, sourceName);
  }

  run(): void {
    let resumeAt: number | undefined = 0;
    let midRoute = false;
    while (resumeAt !== undefined && resumeAt < this.source.text.length && this.syntaxErrors < maxSyntaxErrors) {
      resumeAt = this.parseRun(this.lexFrom(resumeAt), midRoute);
      midRoute = true;
    }
  }

  /**
   * Parses what one run of the lexer gave, error after error, and returns where the lexer must
   * start again (after text no token matches, or a string that ran on), or undefined at the end.
   */
  private parseRun(lexed: Lexed, midRoute: boolean): number | undefined {
    const { tokens } = lexed;
    let start = midRoute ? nextRouteStart(tokens, 0, true) : 0;
    while (this.syntaxErrors < maxSyntaxErrors) {
      const input = start === 0 && !midRoute ? tokens : [routeSeparatorBefore(tokens[start]), ...tokens.slice(start)];
      const p = parser();
      p.input = input;
      const routes = p.document();
      const rejected = p.errors[0]?.token;
      const completed = routes ?? p.completedRoutes;
      p.input = [];
      this.document.add(completed, [], 0);
      const pastCompleted = completed.length > 0 ? completed[completed.length - 1]!.endOffset : -1;
      const atEnd = rejected === undefined || rejected.tokenType === EOF;
      if (rejected === undefined && lexed.lexErrorOffset === undefined) return undefined;
      const runOn = stringThatRunsOn(input, pastCompleted, atEnd ? undefined : rejected);
      if (runOn !== undefined) {
        this.report(input.slice(0, input.indexOf(runOn)), undefined, runOn.startOffset);
        return nextLineStart(this.source.text, runOn.startOffset);
      }
      if (atEnd && lexed.lexErrorOffset === undefined) {
        this.report(input, rejected, undefined);
        return undefined;
      }
      if (atEnd) {
        this.report(input, undefined, lexed.lexErrorOffset);
        return afterLexError(this.source.text, lexed.lexErrorOffset!);
      }
      this.report(input, rejected, undefined);
      start = nextRouteStart(tokens, tokens.indexOf(rejected!));
      if (start >= tokens.length) {
        if (lexed.lexErrorOffset === undefined) return undefined;
        this.report([], undefined, lexed.lexErrorOffset);
        return afterLexError(this.source.text, lexed.lexErrorOffset);
      }
    }
    return undefined;
  }

  private report(tokens: readonly IToken[], rejected: IToken | undefined, lexErrorOffset: number | undefined): void {
    this.syntaxErrors++;
    const error: EskipParseError = syntaxError(parser(), {
      entry: "document",
      source: this.source,
      ...(this.sourceName === undefined ? {} : { sourceName: this.sourceName }),
      tokens,
      ...(rejected === undefined ? {} : { rejected }),
      ...(lexErrorOffset === undefined ? {} : { lexErrorOffset }),
      skipperBase: 0,
    });
    this.document.errors.push(error);
  }

  private lexFrom(start: number): Lexed {
    const lexed = T.eskipLexer.tokenize(this.source.text.slice(start));
    const tokens = lexed.tokens;
    for (const token of tokens) token.startOffset += start;
    const last = tokens[tokens.length - 1];
    const lexError = last?.tokenType === T.Unlexable ? tokens.pop() : undefined;
    return { tokens, lexErrorOffset: lexError?.startOffset };
  }
}

/** A `;` standing before `token`, so that the parser reads what follows as further routes. */
function routeSeparatorBefore(token: IToken | undefined): IToken {
  const offset = token?.startOffset ?? 0;
  return createTokenInstance(T.Semicolon, ";", offset, offset, NaN, NaN, NaN, NaN);
}

/**
 * Where the next route starts after the token at `from` (or at it, when the lexer started again
 * there): after a `;`, or at an `id:` whose `;` before it is missing (only a route definition
 * has a colon).
 */
function nextRouteStart(tokens: readonly IToken[], from: number, orAtFrom = false): number {
  for (let i = from; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (type === T.Semicolon) return i + 1;
    if ((i > from || orAtFrom) && type === T.Symbol && tokens[i + 1]?.tokenType === T.Colon) return i;
  }
  return tokens.length;
}

/**
 * A string or regexp of the failed route that runs past the end of its line: eskip lets a string
 * span lines, so one missing quote pairs with the next quote, perhaps routes further on, and the
 * grammar fails far from the mistake. The opening quote is what the user must look at.
 */
function stringThatRunsOn(tokens: readonly IToken[], pastCompleted: number, rejected: IToken | undefined): IToken | undefined {
  const last = rejected === undefined ? tokens.length - 1 : tokens.indexOf(rejected);
  for (let i = 0; i <= last; i++) {
    const token = tokens[i]!;
    if (token.startOffset < pastCompleted || !quoted.has(token.tokenType)) continue;
    if (token.image.includes("\n")) return token;
  }
  return undefined;
}

const quoted = new Set([T.DoubleQuoted, T.BacktickQuoted, T.RegexpLiteral]);

function nextLineStart(text: string, offset: number): number {
  const end = text.indexOf("\n", offset);
  return end === -1 ? text.length : end + 1;
}

/** An unterminated string or regexp takes the rest of its line; any other stray character itself. */
function afterLexError(text: string, offset: number): number {
  const c = text[offset];
  if (c === '"' || c === "`" || c === "/") return nextLineStart(text, offset);
  return offset + String.fromCodePoint(text.codePointAt(offset)!).length;
}
