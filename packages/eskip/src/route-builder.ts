import type { IToken } from "chevrotain";
import type { Arg, Backend, Call, LbEndpoint, Route } from "./ast.js";
import { requestUriScheme, splitZone } from "./endpoints.js";
import { EskipParseError } from "./errors.js";
import type { SourceText } from "./location.js";
import type { ParsedBackend, ParsedCall, ParsedRoute } from "./parser.js";

/**
 * Turns a parsed route into a Route, applying the rules Skipper applies after parsing
 * (skipper-semantics §1.3): endpoint checks, the argument shape of the predicates Skipper keeps
 * apart (Path, Host, PathRegexp, Method, Header, HeaderRegexp), duplicates, and dropping `*` and
 * `Any()`. A route that breaks a rule gives an error and no Route; other routes are unaffected.
 */

interface LegacyPredicateRule {
  /** How many string arguments the predicate takes. */
  readonly arity: 1 | 2;
  /** The text Skipper reports when a second one is found, keyed by what must be unique. */
  readonly duplicate?: (args: readonly string[]) => { key: string; message: string };
}

const legacyPredicates: ReadonlyMap<string, LegacyPredicateRule> = new Map<string, LegacyPredicateRule>([
  ["Path", { arity: 1, duplicate: () => ({ key: "Path", message: "duplicate path tree predicate" }) }],
  ["Host", { arity: 1 }],
  ["PathRegexp", { arity: 1 }],
  ["Method", { arity: 1, duplicate: () => ({ key: "Method", message: "duplicate method predicate" }) }],
  [
    "Header",
    {
      arity: 2,
      duplicate: ([name]) => ({ key: `Header\0${name}`, message: `duplicate header predicate: ${name}` }),
    },
  ],
  ["HeaderRegexp", { arity: 2 }],
]);

/** Predicates that mean "no condition" and are dropped from a document's routes. */
const noConditionPredicates = new Set(["*", "Any"]);

export class RouteBuilder {
  constructor(
    private readonly source: SourceText,
    private readonly sourceName: string | undefined,
  ) {}

  build(parsed: ParsedRoute): Route | EskipParseError {
    const backend = this.backend(parsed);
    if (backend instanceof EskipParseError) return backend;
    const predicates = this.predicates(parsed);
    if (predicates instanceof EskipParseError) return predicates;
    const offset = parsed.startToken.startOffset;
    const { line, column } = this.source.position(offset);
    return {
      id: parsed.id,
      predicates,
      filters: parsed.filters.map(toCall),
      backend,
      origin: {
        kind: "eskip",
        ...(this.sourceName === undefined ? {} : { file: this.sourceName }),
        line,
        column,
        offset,
        endOffset: parsed.endToken.startOffset + parsed.endToken.image.length,
      },
    };
  }

  private predicates(parsed: ParsedRoute): Call[] | EskipParseError {
    const seen = new Set<string>();
    const predicates: Call[] = [];
    for (const predicate of parsed.predicates) {
      if (noConditionPredicates.has(predicate.name)) continue;
      const rule = legacyPredicates.get(predicate.name);
      if (rule) {
        const args = stringArgs(predicate.args, rule.arity);
        if (args === undefined) {
          const plural = rule.arity === 1 ? "1 string argument" : `${rule.arity} string arguments`;
          const reason = `${predicate.name} predicate expects ${plural}`;
          return this.error(parsed, predicate.nameToken, reason, `invalid route ${JSON.stringify(parsed.id)}: ${reason}`);
        }
        const duplicate = rule.duplicate?.(args);
        if (duplicate) {
          if (seen.has(duplicate.key)) return this.error(parsed, predicate.nameToken, duplicate.message, duplicate.message);
          seen.add(duplicate.key);
        }
      }
      predicates.push(toCall(predicate));
    }
    return predicates;
  }

  private backend(parsed: ParsedRoute): Backend | EskipParseError {
    const backend: ParsedBackend = parsed.backend;
    if (backend.type === "network") return { type: "network", address: backend.address };
    if (backend.type !== "lb") return { type: backend.type };
    let firstScheme: string | undefined;
    const endpoints: LbEndpoint[] = [];
    for (const endpoint of backend.endpoints) {
      const checked = requestUriScheme(endpoint.address);
      if ("error" in checked) return this.error(parsed, endpoint.token, checked.error, checked.error);
      firstScheme ??= checked.scheme;
      if (checked.scheme !== firstScheme) {
        const message = "loadbalancer endpoints cannot have mixed protocols";
        return this.error(parsed, endpoint.token, message, message);
      }
      endpoints.push(splitZone(endpoint.address));
    }
    return { type: "lb", algorithm: backend.algorithm, endpoints };
  }

  private error(parsed: ParsedRoute, at: IToken, reason: string, skipperMessage: string): EskipParseError {
    const { line, column } = this.source.position(at.startOffset);
    const routeName = parsed.id === "" ? "route" : `route "${parsed.id}"`;
    return new EskipParseError({
      code: "ESKIP_INVALID_ROUTE",
      reason: `${routeName}: ${reason}`,
      ...(this.sourceName === undefined ? {} : { source: this.sourceName }),
      line,
      column,
      offset: at.startOffset,
      token: at.image,
      expected: [],
      routeId: parsed.id,
      skipperMessage,
      sourceLine: this.source.lineText(line),
    });
  }
}

function toCall(call: ParsedCall): Call {
  return { name: call.name, args: call.args };
}

function stringArgs(args: readonly Arg[], arity: number): string[] | undefined {
  if (args.length !== arity || args.some((arg) => typeof arg !== "string")) return undefined;
  return args as string[];
}
