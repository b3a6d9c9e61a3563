import type { IToken } from "chevrotain";
import type { Call, Filter, Predicate, Route } from "./ast.js";
import { commentsOf, DocumentBuilder, parser, type EskipComment, type ParsedDocument } from "./document-builder.js";
import { EskipParseError } from "./errors.js";
import { SourceText } from "./location.js";
import type { EntryRule, ParsedRoute } from "./parser.js";
import { parseRecovering } from "./recover.js";
import { sliceEnds } from "./slices.js";
import { syntaxError } from "./syntax-error.js";
import { eskipLexer, Unlexable } from "./tokens.js";

export type { EskipComment, ParsedDocument } from "./document-builder.js";

export interface ParseOptions {
  /** The file (or other source) name used in error messages and route origins. */
  readonly source?: string;
}

export interface DocumentParseOptions extends ParseOptions {
  /**
   * Report every syntax error, each in `errors`, and keep the routes between them, instead of
   * throwing on the first (Skipper's way: a document that is not eskip is not used at all).
   */
  readonly everyError?: boolean;
}

interface SyntaxTree<V> {
  readonly value: V;
  readonly source: SourceText;
  readonly comments: EskipComment[];
}

interface ParserRun<V> {
  readonly value: V;
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly rejected?: IToken;
  readonly lexError?: IToken;
}

function runParser<V>(entry: EntryRule, text: string): ParserRun<V> {
  const lexed = eskipLexer.tokenize(text);
  const tokens = lexed.tokens;
  const last = tokens[tokens.length - 1];
  const lexError = last?.tokenType === Unlexable ? tokens.pop() : undefined;
  const p = parser();
  p.input = tokens;
  const value = p[entry]() as V;
  const rejected = p.errors[0]?.token;
  // The shared parser would otherwise keep the whole token vector alive until the next parse.
  p.input = [];
  return {
    value,
    tokens,
    comments: lexed.groups["comments"] ?? [],
    ...(rejected === undefined ? {} : { rejected }),
    ...(lexError === undefined ? {} : { lexError }),
  };
}

function parseSyntax<V>(entry: EntryRule, text: string, options: ParseOptions, skipperBase = 0): SyntaxTree<V> {
  const run = runParser<V>(entry, text);
  const source = new SourceText(text);
  if (run.rejected !== undefined || run.lexError !== undefined) {
    throw syntaxError(parser(), {
      entry,
      source,
      ...(options.source === undefined ? {} : { sourceName: options.source }),
      tokens: run.tokens,
      ...(run.rejected === undefined ? {} : { rejected: run.rejected }),
      ...(run.lexError === undefined ? {} : { lexErrorOffset: run.lexError.startOffset }),
      skipperBase,
    });
  }
  return { value: run.value, source, comments: commentsOf(run.comments) };
}

/** Documents longer than this are parsed in slices of about this size (see slices.ts). */
const sliceSize = 64 * 1024;

/**
 * Parses slices of a long document. Any problem in a slice, or a route without id in a sliced
 * document, returns undefined: the one-piece parse then reports it exactly as Skipper would.
 */
function parseSlices(text: string, ends: readonly number[], options: ParseOptions): ParsedDocument | undefined {
  const document = new DocumentBuilder(new SourceText(text), options.source);
  let start = 0;
  for (const end of ends) {
    const run = runParser<ParsedRoute[]>("document", text.slice(start, end));
    if (run.rejected !== undefined || run.lexError !== undefined) return undefined;
    if (run.value.some((route) => route.id === "")) return undefined;
    document.add(run.value, run.comments, start);
    start = end;
  }
  return document.document();
}

/** The document parse without slicing, so tests can hold the sliced parse against it. */
export function parseDocumentInOnePiece(text: string, options: ParseOptions = {}): ParsedDocument {
  const tree = parseSyntax<ParsedRoute[]>("document", text, options);
  const document = new DocumentBuilder(tree.source, options.source);
  document.add(tree.value, [], 0);
  for (const comment of tree.comments) document.comments.push(comment);
  return document.document();
}

/**
 * Parses a routes document: one route without id, or route definitions separated by `;`.
 * Throws EskipParseError when the text is not eskip (unless `everyError` is set); a route that
 * breaks a post-parse rule (skipper-semantics §1.3) is left out and reported in `errors`. Long documents are parsed in
 * slices (see slices.ts), with the same result.
 */
export function parseDocument(text: string, options: DocumentParseOptions = {}): ParsedDocument {
  const ends = text.length > 2 * sliceSize ? sliceEnds(text, sliceSize) : undefined;
  const sliced = ends !== undefined && ends.length > 0 ? parseSlices(text, [...ends, text.length], options) : undefined;
  if (sliced) return sliced;
  if (!options.everyError) return parseDocumentInOnePiece(text, options);
  try {
    return parseDocumentInOnePiece(text, options);
  } catch (error) {
    if (!(error instanceof EskipParseError)) throw error;
    return parseRecovering(text, options);
  }
}

/** Skipper's `eskip.Parse`: the routes of a document, or the first error of any kind. */
export function parse(text: string, options: ParseOptions = {}): Route[] {
  const document = parseDocument(text, options);
  if (document.errors.length > 0) throw document.errors[0];
  return document.routes;
}

/**
 * Skipper's `eskip.ParsePredicates`, as used for RouteGroup `predicates` and the
 * `zalando.org/skipper-predicate` annotation: surrounding space is trimmed and `*` dropped.
 */
export function parsePredicates(text: string, options: ParseOptions = {}): Predicate[] {
  return parseTrimmed("predicateList", text, options);
}

/** Skipper's `eskip.ParseFilters`, as used for RouteGroup `filters` and `zalando.org/skipper-filter`. */
export function parseFilters(text: string, options: ParseOptions = {}): Filter[] {
  return parseTrimmed("filterChain", text, options);
}

function parseTrimmed(entry: "predicateList" | "filterChain", text: string, options: ParseOptions) {
  // Skipper trims before parsing, so its error positions count from the first non-space byte.
  const skipperBase = text.length - text.trimStart().length;
  // An all-space text trims to nothing: its end is its start.
  const trimmedEnd = Math.max(skipperBase, text.trimEnd().length);
  // What the trim removes is gone for Skipper, Unicode spaces (U+2000) that eskip's lexer does not
  // skip included: they become plain spaces, which keeps every offset, line and column.
  const plain = (space: string) => space.replace(/[^ \t\n\r\v\f]/g, " ");
  const lexed = plain(text.slice(0, skipperBase)) + text.slice(skipperBase, trimmedEnd) + plain(text.slice(trimmedEnd));
  return parseSyntax<Call[]>(entry, lexed, options, skipperBase).value;
}
