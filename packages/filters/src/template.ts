import type { FilterContext } from "./context.js";

/**
 * Templates with `${…}` placeholders (skipper-semantics §3.2), split once when the filter is
 * created: applying one is a walk over literal and resolver parts, with no parsing per request.
 */

type Resolver = (context: FilterContext) => string | undefined;

export interface TemplateResult {
  readonly value: string;
  /** Every placeholder resolved to a non-empty value; filters skip incomplete results or not. */
  readonly complete: boolean;
}

const placeholder = /\$\{([^{}]+)\}/g;

function firstOf(values: readonly string[] | undefined): string | undefined {
  return values?.[0];
}

function forwardedFor(context: FilterContext): string[] {
  const header = context.request.header("x-forwarded-for");
  if (!header) return [];
  return header.join(",").split(",").map((part) => part.trim()).filter((part) => part !== "");
}

/** Resolvers by exact placeholder name; names with a prefix take the rest as their argument. */
const exactResolvers: Readonly<Record<string, Resolver>> = {
  "request.method": (context) => context.request.method,
  "request.host": (context) => context.request.host,
  "request.path": (context) => context.request.path,
  "request.rawQuery": (context) => context.request.rawQuery,
  "request.source": (context) => forwardedFor(context)[0] ?? context.request.remoteAddress,
  "request.sourceFromLast": (context) => forwardedFor(context).at(-1) ?? context.request.remoteAddress,
  "request.clientIP": (context) => context.request.remoteAddress,
};

const prefixedResolvers: ReadonlyArray<readonly [string, (argument: string) => Resolver]> = [
  ["request.header.", (name) => (context) => firstOf(context.request.header(name))],
  ["request.query.", (name) => (context) => firstOf(context.request.query(name))],
  ["request.cookie.", (name) => (context) => context.request.cookie(name)],
  ["response.header.", (name) => (context) => firstOf(context.response.header(name))],
];

function resolverFor(name: string): Resolver {
  const exact = exactResolvers[name];
  if (exact) return exact;
  for (const [prefix, make] of prefixedResolvers) {
    if (name.startsWith(prefix)) return make(name.slice(prefix.length));
  }
  return (context) => context.params[name];
}

export class Template {
  private constructor(
    /** Literal text and resolvers, alternating as in the source. */
    private readonly parts: ReadonlyArray<string | Resolver>,
    readonly source: string,
  ) {}

  static parse(source: string): Template {
    const parts: Array<string | Resolver> = [];
    let last = 0;
    for (const match of source.matchAll(placeholder)) {
      if (match.index > last) parts.push(source.slice(last, match.index));
      parts.push(resolverFor(match[1]!));
      last = match.index + match[0].length;
    }
    if (last < source.length) parts.push(source.slice(last));
    return new Template(parts, source);
  }

  /**
   * The text as it is, `${…}` included: for values that are literal by definition, as Gateway API
   * header values are (gateway-api §2.7), where parsing would expand or drop what the user wrote.
   */
  static literal(source: string): Template {
    return new Template(source === "" ? [] : [source], source);
  }

  /** Whether the template has no placeholder: filters can then use `source` as it is. */
  get isConstant(): boolean {
    return this.parts.every((part) => typeof part === "string");
  }

  apply(context: FilterContext): TemplateResult {
    let value = "";
    let complete = true;
    for (const part of this.parts) {
      if (typeof part === "string") {
        value += part;
        continue;
      }
      const resolved = part(context);
      if (!resolved) complete = false;
      else value += resolved;
    }
    return { value, complete };
  }
}
