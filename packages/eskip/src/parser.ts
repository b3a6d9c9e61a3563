import { EmbeddedActionsParser, type IOrAlt, type IToken } from "chevrotain";
import type { Arg, Call } from "./ast.js";
import { decodeRegexp, decodeString } from "./literals.js";
import * as T from "./tokens.js";

/**
 * The eskip grammar as a chevrotain parser, skipper-semantics §1.2. The grammar is left-factored
 * so that every decision needs one token of lookahead (`maxLookahead: 1` makes chevrotain reject
 * anything else). That is what makes the parser stop on exactly the token where Skipper's LALR
 * parser stops, which the Skipper-compatible error text depends on.
 *
 * The parser builds syntax only; route-builder.ts applies the rules of skipper-semantics §1.3 and
 * uses the offsets kept here to point at what breaks them. `*` yields no call: every entry point
 * drops it. Alternatives are built once per parser, as chevrotain's performance guide advises.
 */

export interface ParsedEndpoint {
  readonly address: string;
  readonly offset: number;
}

export type ParsedBackend =
  | { readonly type: "network"; readonly address: string }
  | { readonly type: "shunt" | "loopback" | "dynamic" | "forward" }
  | { readonly type: "lb"; readonly algorithm: string; readonly endpoints: readonly ParsedEndpoint[] };

export interface ParsedRoute {
  id: string;
  /** Where the route starts: its id, or its first predicate when it has none. */
  startOffset: number;
  endOffset: number;
  readonly predicates: Call[];
  /** The offset of each predicate's name, for errors about it. */
  readonly predicateOffsets: number[];
  readonly filters: Call[];
  backend: ParsedBackend;
}

interface PredicateCollector {
  readonly predicates: Call[];
  readonly predicateOffsets: number[];
}

const endOf = (token: IToken) => token.startOffset + token.image.length;

function newRoute(startOffset: number): ParsedRoute {
  return {
    id: "",
    startOffset,
    endOffset: startOffset,
    predicates: [],
    predicateOffsets: [],
    filters: [],
    backend: { type: "shunt" },
  };
}

export class EskipParser extends EmbeddedActionsParser {
  constructor() {
    super(T.allTokens, { maxLookahead: 1, recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  /** Entry 1: one route without id, or a `;`-separated list of route definitions. */
  /**
   * The routes of the last `document` parse that were complete, kept when the parse fails
   * further on: a parse that reports every error goes on after them (recover.ts).
   */
  completedRoutes: ParsedRoute[] = [];

  public readonly document = this.RULE("document", (): ParsedRoute[] => {
    const routes: ParsedRoute[] = [];
    this.completedRoutes = routes;
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            const any = this.CONSUME(T.Any);
            const route = this.ACTION(() => newRoute(any.startOffset));
            this.SUBRULE(this.routeRest, { ARGS: [route] });
            this.ACTION(() => routes.push(route));
          },
        },
        {
          ALT: () => {
            const name = this.CONSUME(T.Symbol);
            this.OR1([
              {
                ALT: () => {
                  this.CONSUME(T.Colon);
                  const route = this.SUBRULE(this.routeExpression, { ARGS: [name] });
                  this.ACTION(() => routes.push(route));
                  this.SUBRULE(this.routeList, { ARGS: [routes] });
                },
              },
              {
                ALT: () => {
                  const args = this.SUBRULE(this.arguments);
                  const route = this.ACTION(() => {
                    const started = newRoute(name.startOffset);
                    started.predicates.push({ name: name.image, args });
                    started.predicateOffsets.push(name.startOffset);
                    return started;
                  });
                  this.SUBRULE1(this.routeRest, { ARGS: [route] });
                  this.ACTION(() => routes.push(route));
                },
              },
            ]);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Semicolon);
            this.OPTION1(() => {
              const route = this.SUBRULE(this.routeDefinition);
              this.ACTION(() => routes.push(route));
            });
            this.SUBRULE1(this.routeList, { ARGS: [routes] });
          },
        },
      ]),
    );
    return routes;
  });

  /** Further route definitions, each after a `;`; extra `;` are allowed anywhere. */
  private readonly routeList = this.RULE("routeList", (routes: ParsedRoute[]) => {
    this.MANY(() => {
      this.CONSUME(T.Semicolon);
      this.OPTION(() => {
        const route = this.SUBRULE(this.routeDefinition);
        this.ACTION(() => routes.push(route));
      });
    });
  });

  private readonly routeDefinition = this.RULE("routeDefinition", (): ParsedRoute => {
    const id = this.CONSUME(T.Symbol);
    this.CONSUME(T.Colon);
    return this.SUBRULE(this.routeExpression, { ARGS: [id] });
  });

  /** A whole route expression, for the route whose id token is given. */
  private readonly routeExpression = this.RULE("routeExpression", (id: IToken): ParsedRoute => {
    const route = this.ACTION(() => {
      const started = newRoute(id.startOffset);
      started.id = id.image;
      return started;
    });
    this.collector = route;
    this.SUBRULE(this.predicate);
    this.SUBRULE(this.routeRest, { ARGS: [route] });
    return route;
  });

  /*
   * The state of the route and argument list being read. The grammar never nests a route in a
   * route or an argument list in an argument list, so one field each is enough, and the loop
   * bodies below can be built once instead of as closures on every call.
   */
  private collector: PredicateCollector = newRoute(0);
  private route: ParsedRoute = newRoute(0);
  private args: Arg[] = [];

  private readonly morePredicates = () => {
    this.CONSUME(T.And);
    this.SUBRULE(this.predicate);
  };

  private readonly filterStep = () => {
    const filter = this.SUBRULE(this.filter);
    if (!this.RECORDING_PHASE) this.route.filters.push(filter);
    this.CONSUME1(T.Arrow);
  };

  /** Everything after the first predicate: `{ && predicate } -> { filter -> } backend`. */
  private readonly routeRest = this.RULE("routeRest", (route: ParsedRoute): void => {
    this.route = route;
    this.collector = route;
    this.MANY(this.morePredicates);
    this.CONSUME(T.Arrow);
    this.MANY1(this.filterStep);
    const backend = this.SUBRULE(this.backend);
    if (!this.RECORDING_PHASE) {
      route.backend = backend;
      route.endOffset = endOf(this.LA(0));
    }
  });

  private readonly predicateAlternatives: IOrAlt<Call | undefined>[] = [
    { ALT: () => void this.CONSUME(T.Any) },
    { ALT: () => this.SUBRULE(this.call) },
  ];

  /** `*` or a call; a call goes to the collector with its offset, `*` is dropped. */
  private readonly predicate = this.RULE("predicate", (): void => {
    const offset = this.LA(1).startOffset;
    const call = this.OR(this.predicateAlternatives);
    // Checking the phase instead of an ACTION closure saves an allocation per predicate.
    if (!this.RECORDING_PHASE && call !== undefined) {
      this.collector.predicates.push(call);
      this.collector.predicateOffsets.push(offset);
    }
  });

  private readonly filter = this.RULE("filter", (): Call => this.SUBRULE(this.call));

  private readonly call = this.RULE("call", (): Call => {
    const name = this.CONSUME(T.Symbol).image;
    const args = this.SUBRULE(this.arguments);
    return { name, args };
  });

  private readonly leadingComma = () => this.CONSUME(T.Comma);

  private readonly moreArguments = () => {
    this.CONSUME1(T.Comma);
    this.args.push(this.SUBRULE1(this.argument));
  };

  private readonly argumentList = () => {
    this.OPTION1(this.leadingComma);
    this.args.push(this.SUBRULE(this.argument));
    this.MANY(this.moreArguments);
  };

  /** `( [ [","] arg { "," arg } ] )`: Skipper's grammar tolerates one leading comma. */
  private readonly arguments = this.RULE("arguments", (): Arg[] => {
    const args: Arg[] = [];
    this.args = args;
    this.CONSUME(T.LParen);
    this.OPTION(this.argumentList);
    this.CONSUME(T.RParen);
    return args;
  });

  private readonly argumentAlternatives: IOrAlt<Arg>[] = [
    { ALT: () => Number(this.CONSUME(T.NumberLiteral).image) },
    { ALT: () => decodeString(this.CONSUME(T.StringLiteral).image) },
    { ALT: () => decodeRegexp(this.CONSUME(T.RegexpLiteral).image) },
  ];

  private readonly argument = this.RULE("argument", (): Arg => this.OR(this.argumentAlternatives));

  private readonly backendAlternatives: IOrAlt<ParsedBackend>[] = [
    { ALT: () => ({ type: "network", address: decodeString(this.CONSUME(T.StringLiteral).image) }) },
    { ALT: () => (this.CONSUME(T.Shunt), shunt) },
    { ALT: () => (this.CONSUME(T.Loopback), loopback) },
    { ALT: () => (this.CONSUME(T.Dynamic), dynamic) },
    { ALT: () => (this.CONSUME(T.Forward), forward) },
    { ALT: () => this.SUBRULE(this.loadBalancedBackend) },
  ];

  private readonly backend = this.RULE("backend", (): ParsedBackend => this.OR(this.backendAlternatives));

  /** `< [algorithm ,] "endpoint" { , "endpoint" } >` */
  private readonly loadBalancedBackend = this.RULE("loadBalancedBackend", (): ParsedBackend => {
    this.CONSUME(T.LAngle);
    let algorithm = "";
    const endpoints: ParsedEndpoint[] = [];
    this.OPTION(() => {
      algorithm = this.CONSUME(T.Symbol).image;
      this.CONSUME(T.Comma);
    });
    const first = this.CONSUME(T.StringLiteral);
    endpoints.push({ address: decodeString(first.image), offset: first.startOffset });
    this.MANY(() => {
      this.CONSUME1(T.Comma);
      const next = this.CONSUME1(T.StringLiteral);
      endpoints.push({ address: decodeString(next.image), offset: next.startOffset });
    });
    this.CONSUME(T.RAngle);
    return { type: "lb", algorithm, endpoints };
  });

  /** Entry 2: predicates joined by `&&`, as in RouteGroup fields and annotations. */
  public readonly predicateList = this.RULE("predicateList", (): Call[] => {
    const collector: PredicateCollector = { predicates: [], predicateOffsets: [] };
    this.collector = collector;
    this.OPTION(() => {
      this.SUBRULE(this.predicate);
      this.MANY(() => {
        this.CONSUME(T.And);
        this.SUBRULE1(this.predicate);
      });
    });
    return collector.predicates;
  });

  /** Entry 3: filters joined by `->`. */
  public readonly filterChain = this.RULE("filterChain", (): Call[] => {
    const filters: Call[] = [];
    this.OPTION(() => {
      filters.push(this.SUBRULE(this.filter));
      this.MANY(() => {
        this.CONSUME(T.Arrow);
        filters.push(this.SUBRULE1(this.filter));
      });
    });
    return filters;
  });
}

// Backends without data are shared: a route never changes its backend object.
const shunt: ParsedBackend = { type: "shunt" };
const loopback: ParsedBackend = { type: "loopback" };
const dynamic: ParsedBackend = { type: "dynamic" };
const forward: ParsedBackend = { type: "forward" };

export const entryRules = ["document", "predicateList", "filterChain"] as const;
export type EntryRule = (typeof entryRules)[number];
