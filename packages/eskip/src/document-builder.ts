import type { IToken } from "chevrotain";
import type { Route } from "./ast.js";
import type { EskipParseError } from "./errors.js";
import type { SourceText } from "./location.js";
import { EskipParser, type ParsedRoute } from "./parser.js";
import { RouteBuilder } from "./route-builder.js";

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
export function parser(): EskipParser {
  sharedParser ??= new EskipParser();
  return sharedParser;
}

export function commentsOf(tokens: readonly IToken[], base = 0): EskipComment[] {
  return tokens.map((token) => ({ text: token.image, offset: token.startOffset + base }));
}

/** Routes built as they are parsed, so the parser's intermediate objects die young. */
export class DocumentBuilder {
  readonly routes: Route[] = [];
  readonly errors: EskipParseError[] = [];
  readonly comments: EskipComment[] = [];
  private readonly builder: RouteBuilder;

  constructor(readonly source: SourceText, sourceName: string | undefined) {
    this.builder = new RouteBuilder(source, sourceName);
  }

  add(parsed: readonly ParsedRoute[], comments: readonly IToken[], base: number): void {
    for (const route of parsed) {
      const built = this.builder.build(route, base);
      if ("code" in built) this.errors.push(built);
      else this.routes.push(built);
    }
    this.comments.push(...commentsOf(comments, base));
  }

  document(): ParsedDocument {
    return { routes: this.routes, errors: this.errors, comments: this.comments };
  }
}

