/**
 * The one error type of the eskip package. It carries bosun's precise location (line and
 * column of the token the user must look at) and, from the same data, Skipper's own message
 * text (skipper-semantics §1.4), which fixtures and users' log searches match against.
 */

export type EskipErrorCode =
  /** The text is not eskip: a grammar or lexer error. Nothing of the document is usable. */
  | "ESKIP_SYNTAX_ERROR"
  /** A route is well-formed but breaks a rule of skipper-semantics §1.3; only it is rejected. */
  | "ESKIP_INVALID_ROUTE";

export interface EskipParseErrorDetails {
  readonly code: EskipErrorCode;
  /** What went wrong, without location: `unexpected "#"; expected "->" or "&&"`. */
  readonly reason: string;
  /** The file or other source name the text came from, if known. */
  readonly source?: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** The offending token as written; `""` at the end of the input. */
  readonly token: string;
  /** Labels of the tokens that would have been accepted where the error is (syntax errors). */
  readonly expected: readonly string[];
  /** The id of the route the error is in, when known. */
  readonly routeId?: string;
  /** Skipper's message for the same error, byte for byte. */
  readonly skipperMessage: string;
  /** The source line the error is on, shown with a caret under the column. */
  readonly sourceLine: string;
}

// The class carries every detail as a field of its own: the interface merges them into it.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface EskipParseError extends EskipParseErrorDetails {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class EskipParseError extends Error {
  override readonly name = "EskipParseError";

  constructor(details: EskipParseErrorDetails) {
    super(renderMessage(details));
    Object.assign(this, details);
  }

  /** `file:line:col: reason`, the one-line form `bosun check` prints. */
  get summary(): string {
    return summaryLine(this);
  }
}

function summaryLine(details: EskipParseErrorDetails): string {
  return `${details.source ?? "<input>"}:${details.line}:${details.column}: ${details.reason}`;
}

function renderMessage(details: EskipParseErrorDetails): string {
  const gutter = String(details.line);
  const caretPad = " ".repeat(Math.max(0, details.column - 1));
  return [
    summaryLine(details),
    ` ${gutter} | ${details.sourceLine}`,
    ` ${" ".repeat(gutter.length)} | ${caretPad}^`,
  ].join("\n");
}
