/** The grammar's machinery, for tools that document or measure it (grammar/, benchmarks). */
export { EskipParser, entryRules, type EntryRule } from "./parser.js";
export * as tokens from "./tokens.js";
export { eskipLexer } from "./tokens.js";
