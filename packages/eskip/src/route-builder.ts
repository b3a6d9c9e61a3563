import type { Arg, Backend, Call, LbEndpoint, Route } from "./ast.js";
import { requestUriScheme, splitZone } from "./endpoints.js";
import { EskipParseError } from "./errors.js";
import { quoteString } from "./literals.js";
import type { SourceText } from "./location.js";
import type { ParsedBackend, ParsedRoute } from "./parser.js";

/**
 * Turns a parsed route into a Route, applying the rules Skipper applies after parsing
 * (skipper-semantics §1.3): endpoint checks, the argument shape of the predicates Skipper keeps
 * apart (Path, Host, PathRegexp, Method, Header, HeaderRegexp), duplicates, and dropping `Any()`
 * (the parser drops `*`). A route that breaks a rule gives an error and no Route; other routes
 * are unaffected.
 */

interface LegacyPredicateRule {
  /** How many string arguments the predicate takes. */
  readonly arity: 1 | 2;
  /** What must be unique in a route, and Skipper's text when it is not. */
  readonly unique?: (args: readonly string[]) => { key: string; message: string };
}

const legacyPredicates: ReadonlyMap<string, LegacyPredicateRule> = new Map<string, LegacyPredicateRule>([
  ["Path", { arity: 1, unique: () => ({ key: "Path", message: "duplicate path tree predicate" }) }],
  ["Host", { arity: 1 }],
  ["PathRegexp", { arity: 1 }],
  ["Method", { arity: 1, unique: () => ({ key: "Method", message: "duplicate method predicate" }) }],
  ["Header", { arity: 2, unique: ([name]) => ({ key: `Header\0${name}`, message: `duplicate header predicate: ${name}` }) }],
  ["HeaderRegexp", { arity: 2 }],
]);

/** The predicate that means "no condition" in a document, dropped as Skipper drops it. */
const noCondition = "Any";

export class RouteBuilder {
  constructor(
    private readonly source: SourceText,
    private readonly sourceName: string | undefined,
  ) {}

  /** `base` is added to the parsed offsets: a slice's offsets become the document's. */
  build(parsed: ParsedRoute, base = 0): Route | EskipParseError {
    const backend = this.backend(parsed, base);
    if (backend instanceof EskipParseError) return backend;
    const predicates = this.predicates(parsed, base);
    if (predicates instanceof EskipParseError) return predicates;
    const offset = parsed.startOffset + base;
    const { line, column } = this.source.position(offset);
    return {
      id: parsed.id,
      predicates,
      filters: parsed.filters,
      backend,
      // One object shape for every origin: `file` is present, if undefined.
      origin: {
        kind: "eskip",
        file: this.sourceName,
        line,
        column,
        offset,
        endOffset: parsed.endOffset + base,
      },
    };
  }

  private predicates(parsed: ParsedRoute, base: number): Call[] | EskipParseError {
    let unique: Set<string> | undefined;
    let dropped = false;
    for (let i = 0; i < parsed.predicates.length; i++) {
      const predicate = parsed.predicates[i]!;
      if (predicate.name === noCondition) dropped = true;
      const rule = legacyPredicates.get(predicate.name);
      if (!rule) continue;
      const offset = parsed.predicateOffsets[i]! + base;
      const args = stringArgs(predicate.args, rule.arity);
      if (args === undefined) {
        const plural = rule.arity === 1 ? "1 string argument" : `${rule.arity} string arguments`;
        const reason = `${predicate.name} predicate expects ${plural}`;
        return this.error(parsed, offset, predicate.name, reason, `invalid route ${JSON.stringify(parsed.id)}: ${reason}`);
      }
      const constraint = rule.unique?.(args);
      if (constraint) {
        unique ??= new Set();
        if (unique.has(constraint.key)) return this.error(parsed, offset, predicate.name, constraint.message, constraint.message);
        unique.add(constraint.key);
      }
    }
    return dropped ? parsed.predicates.filter((predicate) => predicate.name !== noCondition) : parsed.predicates;
  }

  private backend(parsed: ParsedRoute, base: number): Backend | EskipParseError {
    const backend: ParsedBackend = parsed.backend;
    if (backend.type !== "lb") return backend;
    let firstScheme: string | undefined;
    const endpoints: LbEndpoint[] = [];
    for (const endpoint of backend.endpoints) {
      const checked = requestUriScheme(endpoint.address);
      if ("error" in checked) return this.error(parsed, endpoint.offset + base, quoteString(endpoint.address), checked.error, checked.error);
      firstScheme ??= checked.scheme;
      if (checked.scheme !== firstScheme) {
        const message = "loadbalancer endpoints cannot have mixed protocols";
        return this.error(parsed, endpoint.offset + base, quoteString(endpoint.address), message, message);
      }
      endpoints.push(splitZone(endpoint.address));
    }
    return { type: "lb", algorithm: backend.algorithm, endpoints };
  }

  private error(parsed: ParsedRoute, offset: number, token: string, reason: string, skipperMessage: string): EskipParseError {
    const { line, column } = this.source.position(offset);
    const routeName = parsed.id === "" ? "route" : `route "${parsed.id}"`;
    return new EskipParseError({
      code: "ESKIP_INVALID_ROUTE",
      reason: `${routeName}: ${reason}`,
      ...(this.sourceName === undefined ? {} : { source: this.sourceName }),
      line,
      column,
      offset,
      token,
      expected: [],
      routeId: parsed.id,
      skipperMessage,
      sourceLine: this.source.lineText(line),
    });
  }
}

function stringArgs(args: readonly Arg[], arity: number): string[] | undefined {
  if (args.length !== arity || args.some((arg) => typeof arg !== "string")) return undefined;
  return args as string[];
}
