import type { Route, SourceOrigin } from "./ast.js";
import { parseDocument, type EskipComment, type ParseOptions } from "./parse.js";
import { printRoute, type PrintOptions } from "./print.js";

/**
 * The canonical layout of a routes file, what `bosun fmt` writes: Skipper's pretty form, one blank
 * line between routes, and the file's comments kept. A comment on the line where a route ends stays
 * there; every other comment goes above the route that follows it (comments inside a route move
 * above it); comments after the last route stay at the end.
 */

interface PlacedComments {
  readonly leading: EskipComment[];
  readonly trailing: string[];
}

/** Blank lines between comments, or between comments and their route, are kept (at most one). */
function separator(text: string, end: number, start: number): string {
  return /\n[ \t\r\v\f]*\n/.test(text.slice(end, start)) ? "\n\n" : "\n";
}

function joinKeepingBlankLines(text: string, comments: readonly EskipComment[], last?: { text: string; offset: number }): string {
  const pieces = last ? [...comments, last] : comments;
  let out = pieces[0]?.text ?? "";
  for (let i = 1; i < pieces.length; i++) {
    const before = pieces[i - 1]!;
    out += separator(text, before.offset + before.text.length, pieces[i]!.offset) + pieces[i]!.text;
  }
  return out;
}

/**
 * Formats a routes document. Throws EskipParseError if the text is not eskip, or if a route breaks
 * a post-parse rule: printing would drop that route, so such a file is never formatted.
 */
export function formatDocument(text: string, options: ParseOptions & PrintOptions = {}): string {
  const document = parseDocument(text, options);
  if (document.errors.length > 0) throw document.errors[0];
  const { routes, comments } = document;
  const placed = routes.map((): PlacedComments => ({ leading: [], trailing: [] }));
  const atEnd: EskipComment[] = [];
  let next = 0;
  for (const comment of comments) {
    // Comments and routes both come in source order, so one forward walk pairs them.
    while (next < routes.length && sourceOf(routes[next]!).endOffset <= comment.offset) next++;
    placeComment(text, routes, placed, comment, next, atEnd);
  }

  const printOptions: PrintOptions = { pretty: options.pretty ?? true, indent: options.indent ?? "  " };
  const blocks = routes.map((route, i) => {
    const expression = printRoute(route, printOptions);
    const definition = routes.length === 1 && route.id === "" ? expression : `${route.id}: ${expression};`;
    const { leading, trailing } = placed[i]!;
    const line = [definition, ...trailing].join(" ");
    return joinKeepingBlankLines(text, leading, { text: line, offset: sourceOf(route).offset });
  });
  if (atEnd.length > 0) blocks.push(joinKeepingBlankLines(text, atEnd));
  return blocks.length === 0 ? "" : `${blocks.join("\n\n")}\n`;
}

function placeComment(
  text: string,
  routes: readonly Route[],
  placed: PlacedComments[],
  comment: EskipComment,
  /** The first route that ends after the comment, or routes.length. */
  next: number,
  atEnd: EskipComment[],
): void {
  const previous = next - 1;
  const previousRoute = routes[previous];
  if (previousRoute && !text.slice(sourceOf(previousRoute).endOffset, comment.offset).includes("\n")) {
    placed[previous]!.trailing.push(comment.text);
  } else if (next === routes.length) {
    atEnd.push(comment);
  } else {
    placed[next]!.leading.push(comment);
  }
}

/** A parsed document's routes always carry their place in the text. */
function sourceOf(route: Route): SourceOrigin {
  return route.origin as SourceOrigin;
}
