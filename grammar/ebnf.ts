/**
 * Reads the productions of eskip.ebnf, just enough for grammar.test.ts to hold the document
 * against the parser: names, kinds, and what each production refers to. It rejects any character
 * the notation does not use, so a typo in the document fails the test instead of going unseen.
 */

export interface Production {
  readonly name: string;
  /** Lexical productions are token types; their names start with a capital letter. */
  readonly lexical: boolean;
  /** The productions named on the right side, in order of appearance. */
  readonly references: readonly string[];
  /** The quoted texts on the right side, without quotes. */
  readonly terminals: readonly string[];
}

interface Lexeme {
  readonly kind: "name" | "terminal" | "punctuation";
  readonly text: string;
}

const lexemePattern =
  /\s+|\(\*[^]*?\*\)|"([^"]*)"|'([^']*)'|\?[^?]*\?|([A-Za-z][A-Za-z0-9]*)|([=|[\]{}();-])/y;

function lex(text: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  lexemePattern.lastIndex = 0;
  while (lexemePattern.lastIndex < text.length) {
    const at = lexemePattern.lastIndex;
    const match = lexemePattern.exec(text);
    if (match === null) {
      throw new Error(`eskip.ebnf: unexpected ${JSON.stringify(text.slice(at, at + 10))} at offset ${at}`);
    }
    const [, doubleQuoted, singleQuoted, name, punctuation] = match;
    const terminal = doubleQuoted ?? singleQuoted;
    if (terminal !== undefined) lexemes.push({ kind: "terminal", text: terminal });
    else if (name !== undefined) lexemes.push({ kind: "name", text: name });
    else if (punctuation !== undefined) lexemes.push({ kind: "punctuation", text: punctuation });
    // Blanks, comments and `? character classes ?` refer to nothing the test checks.
  }
  return lexemes;
}

export function readProductions(text: string): Production[] {
  const productions: Production[] = [];
  let rest = lex(text);
  while (rest.length > 0) {
    const end = rest.findIndex((lexeme) => lexeme.kind === "punctuation" && lexeme.text === ";");
    if (end < 0) throw new Error("eskip.ebnf: the last production has no closing ;");
    const [head, equals, ...body] = rest.slice(0, end);
    rest = rest.slice(end + 1);
    if (head?.kind !== "name" || equals?.text !== "=") {
      throw new Error(`eskip.ebnf: a production must begin with "name =", found ${JSON.stringify(head?.text)}`);
    }
    productions.push({
      name: head.text,
      lexical: /^[A-Z]/.test(head.text),
      references: body.filter((lexeme) => lexeme.kind === "name").map((lexeme) => lexeme.text),
      terminals: body.filter((lexeme) => lexeme.kind === "terminal").map((lexeme) => lexeme.text),
    });
  }
  return productions;
}
