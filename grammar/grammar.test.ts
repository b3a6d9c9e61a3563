import { readFileSync } from "node:fs";
import { NonTerminal, Terminal, type IProduction, type TokenType } from "chevrotain";
import { beforeAll, describe, expect, it } from "vitest";
import { EskipParser, tokens } from "@bosun/eskip/grammar";
import { readProductions } from "./ebnf.js";
import { railroadFile, railroadHtml } from "./generate.js";
import { tokenizeEskip, type ScopedToken } from "./textmate.js";

const productions = readProductions(readFileSync(new URL("eskip.ebnf", import.meta.url), "utf8"));
const syntactic = productions.filter((production) => !production.lexical);
const lexical = productions.filter((production) => production.lexical);
const rules = new EskipParser().getGAstProductions();

/** The token types tokens.ts exports under their own name: a lexical production must name one. */
const exported: Record<string, unknown> = tokens;
const tokenTypes = new Map<string, TokenType>(
  tokens.allTokens
    .filter((tokenType) => exported[tokenType.name] === tokenType)
    .map((tokenType) => [tokenType.name, tokenType]),
);

/** The name of the fixed token written as `text`, as quoted terminals in syntactic productions are. */
function fixedTokenWritten(text: string): string | undefined {
  return [...tokenTypes.values()].find((tokenType) => tokenType.PATTERN === text)?.name;
}

/** The rules and token types a parser rule refers to itself (not through its subrules). */
function referencesOfRule(name: string): Set<string> {
  const references = new Set<string>();
  rules[name]?.accept({
    visit(node: IProduction) {
      if (node instanceof NonTerminal) references.add(node.nonTerminalName);
      if (node instanceof Terminal) references.add(node.terminalType.name);
    },
  });
  return references;
}

describe("eskip.ebnf", () => {
  it("defines each production once", () => {
    const names = productions.map((production) => production.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it("documents every parser rule, and only parser rules, as a syntactic production", () => {
    expect(syntactic.map((production) => production.name).sort()).toEqual(Object.keys(rules).sort());
  });

  it("names a token type of tokens.ts in every lexical production", () => {
    expect(lexical.map((production) => production.name).filter((name) => !tokenTypes.has(name))).toEqual([]);
  });

  it("spells each fixed token as tokens.ts does", () => {
    for (const production of lexical) {
      const pattern = tokenTypes.get(production.name)?.PATTERN;
      if (typeof pattern === "string") expect(production.terminals, production.name).toEqual([pattern]);
    }
  });

  it("refers in each syntactic production to the rules and tokens its parser rule uses", () => {
    for (const production of syntactic) {
      const tokensWritten = production.terminals.map((text) => fixedTokenWritten(text) ?? `"${text}"`);
      const documented = new Set([...production.references, ...tokensWritten]);
      expect([...documented].sort(), production.name).toEqual([...referencesOfRule(production.name)].sort());
    }
  });

  it("defines every production it refers to", () => {
    const defined = new Set(productions.map((production) => production.name));
    const references = productions.flatMap((production) => production.references);
    expect(references.filter((name) => !defined.has(name))).toEqual([]);
  });
});

describe("railroad.html", () => {
  it("is what `corepack pnpm grammar` generates from the parser now", () => {
    expect(readFileSync(railroadFile, "utf8"), "run `corepack pnpm grammar`").toBe(railroadHtml());
  });
});

describe("eskip.tmLanguage.json", () => {
  const sample = [
    "// two routes",
    'hello_1: Path("/a\\tb") && Host(/^example\\.org$/) && Weight(-.5) -> setPath(`/x\\``) -> <shunt>;',
    'lb: * && PathRegexp(/[/]x\\//) -> <roundRobin, "http://a:1", "http://b:2">;',
    'r2: Foo(1e5, .5, -3) -> f("\\d+//x") -> <loopback>',
  ].join("\n");
  let scoped: ScopedToken[] = [];
  beforeAll(async () => {
    scoped = await tokenizeEskip(sample);
  });

  /** The token that begins where `context`, which occurs once in the sample, begins. */
  function tokenAt(context: string): ScopedToken {
    const offset = sample.indexOf(context);
    expect(sample.indexOf(context, offset + 1), `${JSON.stringify(context)} occurs once`).toBe(-1);
    const token = scoped.find((each) => each.offset === offset);
    if (offset < 0 || token === undefined) throw new Error(`no token begins at ${JSON.stringify(context)}`);
    return token;
  }

  it.each([
    ["// two", "//", "comment.line.double-slash.eskip"],
    [" two routes", " two routes", "comment.line.double-slash.eskip"],
    ["hello_1", "hello_1", "entity.name.function.route-id.eskip"],
    ["r2", "r2", "entity.name.function.route-id.eskip"],
    ['Path("', "Path", "support.function.predicate.eskip"],
    ["Weight", "Weight", "support.function.predicate.eskip"],
    ["setPath", "setPath", "support.function.filter.eskip"],
    ['f("', "f", "support.function.filter.eskip"],
    ["/a\\tb", "/a", "string.quoted.double.eskip"],
    ["\\tb", "\\t", "constant.character.escape.eskip"],
    ["/x\\`", "/x", "string.quoted.other.backtick.eskip"],
    ["\\``", "\\`", "constant.character.escape.eskip"],
    ["^example", "^example", "string.regexp.eskip"],
    ["\\.org", "\\.", "constant.character.escape.eskip"],
    ["-.5", "-.5", "constant.numeric.eskip"],
    [".5,", ".5", "constant.numeric.eskip"],
    ["-3)", "-3", "constant.numeric.eskip"],
    ["&& Host", "&&", "keyword.operator.logical.and.eskip"],
    ["-> setPath", "->", "keyword.operator.arrow.eskip"],
    ["-> <shunt>", "->", "keyword.operator.arrow.eskip"],
    ["* &&", "*", "keyword.operator.wildcard.eskip"],
    [";\nlb", ";", "punctuation.terminator.route.eskip"],
    ["<shunt>", "<shunt>", "constant.language.backend.eskip"],
    ["<loopback>", "<loopback>", "constant.language.backend.eskip"],
    ["roundRobin", "roundRobin", "support.constant.algorithm.eskip"],
    ["http://a:1", "http://a:1", "string.quoted.double.eskip"],
  ])("at %j scopes %j as %s", (context, text, scope) => {
    const token = tokenAt(context);
    expect(token.text).toBe(text);
    expect(token.scopes).toContain(scope);
  });

  it("does not end a regexp literal at a / inside a bracket expression", () => {
    expect(tokenAt("/]x").scopes).toContain("string.regexp.eskip");
    expect(tokenAt("x\\//").scopes).toContain("string.regexp.eskip");
  });

  it("reads no exponent: 1e5 is the number 1, then a name", () => {
    const one = tokenAt("1e5");
    expect(one.text).toBe("1");
    expect(one.scopes).toContain("constant.numeric.eskip");
    expect(tokenAt("e5").scopes).not.toContain("constant.numeric.eskip");
  });

  it("keeps // inside a string, and \\d is no escape", () => {
    const token = tokenAt("\\d+//x");
    expect(token.text).toBe("\\d+//x");
    expect(token.scopes).toContain("string.quoted.double.eskip");
  });
});
