import type { Arg, Backend, Call, Route } from "./ast.js";
import { queryEscape } from "./endpoints.js";
import { quoteRegexp, quoteString, decodeRegexp } from "./literals.js";
import { formatNumber } from "./numbers.js";
import { RegexpLiteral } from "./tokens.js";

/**
 * The printer, skipper-semantics §1.5. It writes what Skipper writes, with two deliberate
 * differences so that printing never turns a valid route into text that does not parse: a network
 * address is escaped like any string and `<forward>` is printed; numbers never use exponents; and
 * a regexp that the `/…/` form cannot carry back unchanged is printed as a string.
 */

export interface PrintOptions {
  /** One line per predicate list, filter and backend (Skipper's pretty form). Default: one line. */
  readonly pretty?: boolean;
  /** The indentation of the `->` lines in the pretty form. Default: two spaces. */
  readonly indent?: string;
}

/** How Skipper lays out the predicates it keeps in their own fields, in this order. */
interface LegacyLayout {
  readonly name: string;
  readonly argKinds: readonly ("string" | "regexp")[];
  /**
   * Skipper keeps Header and HeaderRegexp in maps keyed by header name, so their order is not
   * the user's: they print sorted by name, and repeated HeaderRegexps of one name keep their order.
   */
  readonly byHeaderName?: boolean;
}

const legacyLayout: readonly LegacyLayout[] = [
  { name: "Path", argKinds: ["string"] },
  { name: "Host", argKinds: ["regexp"] },
  { name: "PathRegexp", argKinds: ["regexp"] },
  { name: "Method", argKinds: ["string"] },
  { name: "Header", argKinds: ["string", "string"], byHeaderName: true },
  { name: "HeaderRegexp", argKinds: ["string", "regexp"], byHeaderName: true },
];

const legacyByName = new Map(legacyLayout.map((layout, rank) => [layout.name, { layout, rank }]));

export function printArg(arg: Arg): string {
  return typeof arg === "number" ? formatNumber(arg) : quoteString(arg);
}

export function printCall(call: Call): string {
  return `${call.name}(${call.args.map(printArg).join(", ")})`;
}

const wholeRegexpLiteral = new RegExp(`^(?:${(RegexpLiteral.PATTERN as RegExp).source})$`);

/**
 * A regexp as `/…/` when the lexer reads that back as the same value, else as a string: an empty
 * regexp would print as `//`, a comment, and an unbalanced `[` would swallow the closing slash.
 */
export function printRegexp(value: string): string {
  const literal = quoteRegexp(value);
  return value !== "" && wholeRegexpLiteral.test(literal) && decodeRegexp(literal) === value
    ? literal
    : quoteString(value);
}

function printLegacy(call: Call, layout: LegacyLayout): string {
  const args = call.args.map((arg, i) =>
    layout.argKinds[i] === "regexp" ? printRegexp(arg as string) : quoteString(arg as string),
  );
  return `${call.name}(${args.join(", ")})`;
}

function legacyShape(call: Call): { layout: LegacyLayout; rank: number } | undefined {
  const entry = legacyByName.get(call.name);
  if (!entry) return undefined;
  const fits =
    call.args.length === entry.layout.argKinds.length && call.args.every((arg) => typeof arg === "string");
  return fits ? entry : undefined;
}

export function printPredicates(predicates: readonly Call[]): string {
  const legacy: { text: string; rank: number; headerName?: string }[] = [];
  const generic: string[] = [];
  for (const predicate of predicates) {
    const shape = legacyShape(predicate);
    if (shape) {
      const text = printLegacy(predicate, shape.layout);
      legacy.push(shape.layout.byHeaderName ? { text, rank: shape.rank, headerName: predicate.args[0] as string } : { text, rank: shape.rank });
    } else if (predicate.name !== "Any") {
      generic.push(printCall(predicate));
    }
  }
  legacy.sort((a, b) => a.rank - b.rank || compareText(a.headerName ?? "", b.headerName ?? ""));
  const all = [...legacy.map((entry) => entry.text), ...generic];
  return all.length === 0 ? "*" : all.join(" && ");
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function printBackend(backend: Backend): string {
  switch (backend.type) {
    case "network":
      return quoteString(backend.address);
    case "lb": {
      const endpoints = backend.endpoints.map(({ address, zone }) =>
        quoteString(zone === undefined ? address : `${address}${address.includes("?") ? "&" : "?"}zone=${queryEscape(zone)}`),
      );
      return `<${backend.algorithm === "" ? "" : `${backend.algorithm}, `}${endpoints.join(", ")}>`;
    }
    default:
      return `<${backend.type}>`;
  }
}

/** A route expression without its id, as Skipper's `Route.String()` / `Route.Print()`. */
export function printRoute(route: Route, options: PrintOptions = {}): string {
  const parts = [printPredicates(route.predicates), ...route.filters.map(printCall), printBackend(route.backend)];
  return parts.join(options.pretty ? `\n${options.indent ?? "  "}-> ` : " -> ");
}

/** A routes document, as Skipper's `eskip.Print()`: one id-less route prints as a bare expression. */
export function printRoutes(routes: readonly Route[], options: PrintOptions = {}): string {
  if (routes.length === 1 && routes[0]!.id === "") return printRoute(routes[0]!, options);
  return routes.map((route) => `${route.id}: ${printRoute(route, options)};`).join(options.pretty ? "\n\n" : "\n");
}

export function printFilters(filters: readonly Call[]): string {
  return filters.map(printCall).join(" -> ");
}
