import type { SourceOrigin } from "./ast.js";
import * as T from "./tokens.js";

/** Where each part of a parsed route is written: what a message about one part points at. */
export interface RoutePartOffsets {
  /** The offset of each predicate's name, in the order of `Route.predicates` (`*` and `Any` left out). */
  readonly predicates: readonly number[];
  readonly filters: readonly number[];
  readonly backend: number;
}

/**
 * Finds the parts of the route at `origin` in the text it was parsed from. Routes do not carry
 * these offsets, which only a report needs: its route's text is lexed again instead.
 */
export function routePartOffsets(text: string, origin: SourceOrigin): RoutePartOffsets {
  const tokens = T.eskipLexer.tokenize(text.slice(origin.offset, origin.endOffset)).tokens;
  const predicates: number[] = [];
  const filters: number[] = [];
  let backend = origin.offset;
  let inFilters = false;
  let depth = 0;
  const start = tokens[0]?.tokenType === T.Symbol && tokens[1]?.tokenType === T.Colon ? 2 : 0;
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i]!;
    const type = token.tokenType;
    if (type === T.LParen) depth++;
    else if (type === T.RParen) depth--;
    if (depth > 0 || type === T.RParen) continue;
    const offset = token.startOffset + origin.offset;
    if (type === T.Arrow) inFilters = true;
    else if (type === T.Symbol && !inFilters && token.image !== "Any") predicates.push(offset);
    else if (type === T.Symbol && inFilters) filters.push(offset);
    else if (inFilters && type !== T.Semicolon) {
      backend = offset;
      break;
    }
  }
  return { predicates, filters, backend };
}
