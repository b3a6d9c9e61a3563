import { EmbeddedActionsParser, type IToken } from "chevrotain";
import type { Arg } from "./ast.js";
import { decodeRegexp, decodeString } from "./literals.js";
import * as T from "./tokens.js";

/**
 * The eskip grammar as a chevrotain parser, skipper-semantics §1.2. The grammar is left-factored
 * so that every decision needs one token of lookahead (`maxLookahead: 1` makes chevrotain reject
 * anything else). That is what makes the parser stop on exactly the token where Skipper's LALR
 * parser stops, which the Skipper-compatible error text depends on.
 *
 * The parser builds syntax only: calls keep their name token so that the checks of
 * skipper-semantics §1.3 (see route-builder.ts) can point at them.
 */

export interface ParsedCall {
  readonly name: string;
  readonly args: Arg[];
  readonly nameToken: IToken;
}

export type ParsedBackend =
  | { readonly type: "network"; readonly address: string; readonly token: IToken }
  | { readonly type: "shunt" | "loopback" | "dynamic" | "forward"; readonly token: IToken }
  | {
      readonly type: "lb";
      readonly algorithm: string;
      readonly endpoints: readonly { readonly address: string; readonly token: IToken }[];
      readonly token: IToken;
    };

export interface ParsedRoute {
  id: string;
  /** The route id token, or the first predicate token for a route without id. */
  startToken: IToken;
  endToken: IToken;
  readonly predicates: ParsedCall[];
  readonly filters: ParsedCall[];
  readonly backend: ParsedBackend;
}

/** The parts of a route after its first predicate. */
interface RouteRest {
  readonly predicates: ParsedCall[];
  readonly filters: ParsedCall[];
  readonly backend: ParsedBackend;
  readonly endToken: IToken;
}

const anyName = "*";

export class EskipParser extends EmbeddedActionsParser {
  constructor() {
    super(T.allTokens, { maxLookahead: 1, recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  /** Entry 1: one route without id, or a `;`-separated list of route definitions. */
  public readonly document = this.RULE("document", (): ParsedRoute[] => {
    const routes: ParsedRoute[] = [];
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            const any = this.CONSUME(T.Any);
            const rest = this.SUBRULE(this.routeRest);
            this.ACTION(() => routes.push(anonymousRoute(anyCall(any), rest)));
          },
        },
        {
          ALT: () => {
            const name = this.CONSUME(T.Symbol);
            this.OR1([
              {
                ALT: () => {
                  this.CONSUME(T.Colon);
                  const route = this.SUBRULE(this.routeExpression);
                  this.ACTION(() => routes.push(named(name, route)));
                  this.SUBRULE(this.routeList, { ARGS: [routes] });
                },
              },
              {
                ALT: () => {
                  const args = this.SUBRULE(this.arguments);
                  const rest = this.SUBRULE1(this.routeRest);
                  this.ACTION(() => routes.push(anonymousRoute({ name: name.image, args, nameToken: name }, rest)));
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
    const route = this.SUBRULE(this.routeExpression);
    return this.ACTION(() => named(id, route));
  });

  private readonly routeExpression = this.RULE("routeExpression", (): ParsedRoute => {
    const first = this.SUBRULE(this.predicate);
    const rest = this.SUBRULE(this.routeRest);
    return this.ACTION(() => anonymousRoute(first, rest));
  });

  /** Everything after the first predicate: `{ && predicate } -> { filter -> } backend`. */
  private readonly routeRest = this.RULE("routeRest", (): RouteRest => {
    const predicates: ParsedCall[] = [];
    const filters: ParsedCall[] = [];
    this.MANY(() => {
      this.CONSUME(T.And);
      const predicate = this.SUBRULE(this.predicate);
      this.ACTION(() => predicates.push(predicate));
    });
    this.CONSUME(T.Arrow);
    this.MANY1(() => {
      const filter = this.SUBRULE(this.filter);
      this.ACTION(() => filters.push(filter));
      this.CONSUME1(T.Arrow);
    });
    const backend = this.SUBRULE(this.backend);
    return this.ACTION(() => ({ predicates, filters, backend, endToken: this.LA(0) }));
  });

  private readonly predicate = this.RULE("predicate", (): ParsedCall =>
    this.OR([
      { ALT: () => anyCall(this.CONSUME(T.Any)) },
      { ALT: () => this.SUBRULE(this.call) },
    ]),
  );

  private readonly filter = this.RULE("filter", (): ParsedCall => this.SUBRULE(this.call));

  private readonly call = this.RULE("call", (): ParsedCall => {
    const nameToken = this.CONSUME(T.Symbol);
    const args = this.SUBRULE(this.arguments);
    return { name: nameToken.image, args, nameToken };
  });

  /** `( [ [","] arg { "," arg } ] )`: Skipper's grammar tolerates one leading comma. */
  private readonly arguments = this.RULE("arguments", (): Arg[] => {
    const args: Arg[] = [];
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.OPTION1(() => this.CONSUME(T.Comma));
      args.push(this.SUBRULE(this.argument));
      this.MANY(() => {
        this.CONSUME1(T.Comma);
        args.push(this.SUBRULE1(this.argument));
      });
    });
    this.CONSUME(T.RParen);
    return args;
  });

  private readonly argument = this.RULE("argument", (): Arg =>
    this.OR([
      { ALT: () => Number(this.CONSUME(T.NumberLiteral).image) },
      { ALT: () => decodeString(this.CONSUME(T.StringLiteral).image) },
      { ALT: () => decodeRegexp(this.CONSUME(T.RegexpLiteral).image) },
    ]),
  );

  private readonly backend = this.RULE("backend", (): ParsedBackend =>
    this.OR([
      {
        ALT: () => {
          const token = this.CONSUME(T.StringLiteral);
          return { type: "network" as const, address: decodeString(token.image), token };
        },
      },
      { ALT: () => ({ type: "shunt" as const, token: this.CONSUME(T.Shunt) }) },
      { ALT: () => ({ type: "loopback" as const, token: this.CONSUME(T.Loopback) }) },
      { ALT: () => ({ type: "dynamic" as const, token: this.CONSUME(T.Dynamic) }) },
      { ALT: () => ({ type: "forward" as const, token: this.CONSUME(T.Forward) }) },
      { ALT: () => this.SUBRULE(this.loadBalancedBackend) },
    ]),
  );

  /** `< [algorithm ,] "endpoint" { , "endpoint" } >` */
  private readonly loadBalancedBackend = this.RULE("loadBalancedBackend", (): ParsedBackend => {
    const token = this.CONSUME(T.LAngle);
    let algorithm = "";
    const endpoints: { address: string; token: IToken }[] = [];
    this.OPTION(() => {
      algorithm = this.CONSUME(T.Symbol).image;
      this.CONSUME(T.Comma);
    });
    const first = this.CONSUME(T.StringLiteral);
    endpoints.push({ address: decodeString(first.image), token: first });
    this.MANY(() => {
      this.CONSUME1(T.Comma);
      const next = this.CONSUME1(T.StringLiteral);
      endpoints.push({ address: decodeString(next.image), token: next });
    });
    this.CONSUME(T.RAngle);
    return { type: "lb", algorithm, endpoints, token };
  });

  /** Entry 2: predicates joined by `&&`, as in RouteGroup fields and annotations. */
  public readonly predicateList = this.RULE("predicateList", (): ParsedCall[] => {
    const predicates: ParsedCall[] = [];
    this.OPTION(() => {
      predicates.push(this.SUBRULE(this.predicate));
      this.MANY(() => {
        this.CONSUME(T.And);
        predicates.push(this.SUBRULE1(this.predicate));
      });
    });
    return predicates;
  });

  /** Entry 3: filters joined by `->`. */
  public readonly filterChain = this.RULE("filterChain", (): ParsedCall[] => {
    const filters: ParsedCall[] = [];
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

function anyCall(token: IToken): ParsedCall {
  return { name: anyName, args: [], nameToken: token };
}

function anonymousRoute(first: ParsedCall, rest: RouteRest): ParsedRoute {
  return {
    id: "",
    startToken: first.nameToken,
    endToken: rest.endToken,
    predicates: [first, ...rest.predicates],
    filters: rest.filters,
    backend: rest.backend,
  };
}

function named(id: IToken, route: ParsedRoute): ParsedRoute {
  route.id = id.image;
  route.startToken = id;
  return route;
}

export const entryRules = ["document", "predicateList", "filterChain"] as const;
export type EntryRule = (typeof entryRules)[number];
