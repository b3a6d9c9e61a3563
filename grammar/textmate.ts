import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import oniguruma from "vscode-oniguruma";
import textmate from "vscode-textmate";

/**
 * Tokenizes eskip text with eskip.tmLanguage.json the way VS Code does: vscode-textmate on the
 * Oniguruma regexp engine, compiled to WebAssembly. The engine's onig.wasm ships inside the
 * vscode-oniguruma package and is read from node_modules, so nothing is downloaded.
 */

export interface ScopedToken {
  readonly text: string;
  /** Offset of the token's first character in the whole text. */
  readonly offset: number;
  /** Outermost first: `source.eskip`, then the scopes of the rules the token is inside. */
  readonly scopes: readonly string[];
}

const grammarFile = fileURLToPath(new URL("eskip.tmLanguage.json", import.meta.url));
const engineFile = createRequire(import.meta.url).resolve("vscode-oniguruma/release/onig.wasm");

let engineLoaded: Promise<void> | undefined;

/** vscode-oniguruma allows one loadWASM per process. */
function loadEngine(): Promise<void> {
  engineLoaded ??= oniguruma.loadWASM(readFileSync(engineFile));
  return engineLoaded;
}

async function eskipGrammar(): Promise<textmate.IGrammar> {
  const registry = new textmate.Registry({
    onigLib: loadEngine().then(() => ({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    })),
    loadGrammar: async (scopeName: string) =>
      scopeName === "source.eskip" ? textmate.parseRawGrammar(readFileSync(grammarFile, "utf8"), grammarFile) : null,
  });
  const grammar = await registry.loadGrammar("source.eskip");
  if (grammar === null) throw new Error(`cannot load ${grammarFile}`);
  return grammar;
}

export async function tokenizeEskip(text: string): Promise<ScopedToken[]> {
  const grammar = await eskipGrammar();
  const scoped: ScopedToken[] = [];
  let state = textmate.INITIAL;
  let lineOffset = 0;
  for (const line of text.split("\n")) {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      scoped.push({
        text: line.slice(token.startIndex, token.endIndex),
        offset: lineOffset + token.startIndex,
        scopes: token.scopes,
      });
    }
    state = result.ruleStack;
    lineOffset += line.length + 1;
  }
  return scoped;
}
