import type { IToken } from "chevrotain";
import type { Filter, Predicate, Route } from "./ast.js";
import type { EskipParseError } from "./errors.js";
import { SourceText } from "./location.js";
import { EskipParser, type EntryRule, type ParsedCall, type ParsedRoute } from "./parser.js";
import { RouteBuilder } from "./route-builder.js";
import { syntaxError } from "./syntax-error.js";
import { eskipLexer, Unlexable } from "./tokens.js";

export interface ParseOptions {
  /** The file (or other source) name used in error messages and route origins. */
  readonly source?: string;
}

export interface EskipComment {
  /** The comment as written, `//` included. */
  readonly text: string;
  readonly offset: number;
}

export interface ParsedDocument {
  /** The routes that passed the post-parse rules, in document order. */
  readonly routes: Route[];
  /** One error per rejected route (code `ESKIP_INVALID_ROUTE`). */
  readonly errors: EskipParseError[];
  readonly comments: EskipComment[];
}

/** Chevrotain parsers are reusable: one instance serves every parse, as Skipper pools its parsers. */
let sharedParser: EskipParser | undefined;
function parser(): EskipParser {
  sharedParser ??= new EskipParser();
  return sharedParser;
}

interface SyntaxTree<V> {
  readonly value: V;
  readonly source: SourceText;
  readonly comments: EskipComment[];
}

function parseSyntax<V>(entry: EntryRule, text: string, options: ParseOptions, skipperBase = 0): SyntaxTree<V> {
  const lexed = eskipLexer.tokenize(text);
  const tokens = lexed.tokens;
  const last = tokens[tokens.length - 1];
  const lexError = last?.tokenType === Unlexable ? tokens.pop() : undefined;
  const p = parser();
  p.input = tokens;
  const value = p[entry]() as V;
  const rejected = p.errors[0]?.token;
  const source = new SourceText(text);
  if (rejected !== undefined || lexError !== undefined) {
    throw syntaxError(p, {
      entry,
      source,
      ...(options.source === undefined ? {} : { sourceName: options.source }),
      tokens,
      ...(rejected === undefined ? {} : { rejected }),
      ...(lexError === undefined ? {} : { lexErrorOffset: lexError.startOffset }),
      skipperBase,
    });
  }
  const comments = (lexed.groups["comments"] ?? []).map((token: IToken) => ({
    text: token.image,
    offset: token.startOffset,
  }));
  return { value, source, comments };
}

/**
 * Parses a routes document: one route without id, or route definitions separated by `;`.
 * Throws EskipParseError when the text is not eskip; a route that breaks a post-parse rule
 * (skipper-semantics §1.3) is left out and reported in `errors`.
 */
export function parseDocument(text: string, options: ParseOptions = {}): ParsedDocument {
  const tree = parseSyntax<ParsedRoute[]>("document", text, options);
  const builder = new RouteBuilder(tree.source, options.source);
  const routes: Route[] = [];
  const errors: EskipParseError[] = [];
  for (const parsed of tree.value) {
    const built = builder.build(parsed);
    if ("code" in built) errors.push(built);
    else routes.push(built);
  }
  return { routes, errors, comments: tree.comments };
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
  return parseTrimmed("predicateList", text, options).filter((predicate) => predicate.name !== "*");
}

/** Skipper's `eskip.ParseFilters`, as used for RouteGroup `filters` and `zalando.org/skipper-filter`. */
export function parseFilters(text: string, options: ParseOptions = {}): Filter[] {
  return parseTrimmed("filterChain", text, options);
}

function parseTrimmed(entry: "predicateList" | "filterChain", text: string, options: ParseOptions) {
  // Skipper trims before parsing, so its error positions count from the first non-space byte.
  const skipperBase = text.length - text.trimStart().length;
  const tree = parseSyntax<ParsedCall[]>(entry, text, options, skipperBase);
  return tree.value.map(({ name, args }) => ({ name, args }));
}
