import { stringArgs } from "../args.js";
import type { FilterContext } from "../context.js";
import type { FilterSpec } from "../filter.js";
import { Template } from "../template.js";
import { encodeQuery, parseQuery } from "./query-values.js";

/**
 * setQuery, dropQuery and stripQuery (skipper-semantics §3.3). Names and values are templates whose
 * unresolved placeholders count as empty text, as in Skipper.
 */

interface SetQueryArgs {
  readonly name: Template;
  /** Absent in the one-argument form, which replaces the whole raw query. */
  readonly value?: Template;
}

export const setQueryFilter: FilterSpec<SetQueryArgs> = {
  name: "setQuery",
  args: (raw) => {
    const [name, value] = stringArgs(raw, { min: 1, max: 2 });
    const parsedName = Template.parse(name!);
    return value === undefined ? { name: parsedName } : { name: parsedName, value: Template.parse(value) };
  },
  create: ({ name, value }) => {
    if (value === undefined) {
      return {
        request: (context) => {
          context.request.rawQuery = name.apply(context).value;
        },
      };
    }
    return {
      request: (context) => {
        const values = parseQuery(context.request.rawQuery);
        values.set(name.apply(context).value, [value.apply(context).value]);
        context.request.rawQuery = encodeQuery(values);
      },
    };
  },
};

export const dropQueryFilter: FilterSpec<Template> = {
  name: "dropQuery",
  args: (raw) => Template.parse(stringArgs(raw, { min: 1 })[0]!),
  create: (name) => ({
    request: (context) => {
      const values = parseQuery(context.request.rawQuery);
      values.delete(name.apply(context).value);
      // Re-encoded even when nothing was dropped, as Skipper does.
      context.request.rawQuery = encodeQuery(values);
    },
  }),
};

/** A few characters of strconv.QuoteToASCII's escapes; others print as \xNN, \uNNNN, \UNNNNNNNN. */
const shortEscapes: Readonly<Record<number, string>> = { 7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r" };

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, "0");
}

/**
 * Skipper's sanitize(): the key quoted by Go's strconv.QuoteToASCII, then every byte that is not a
 * letter, a digit or `-` dropped. So "a b" → "ab", "ä" → "u00e4", "a\tb" → "atb".
 */
export function sanitizeHeaderSuffix(key: string): string {
  let quoted = "";
  for (const char of key) {
    const code = char.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) quoted += char;
    else if (shortEscapes[code] !== undefined) quoted += shortEscapes[code];
    else if (code < 0x80) quoted += `x${hex(code, 2)}`;
    else if (code <= 0xffff) quoted += `u${hex(code, 4)}`;
    else quoted += `U${hex(code, 8)}`;
  }
  return quoted.replace(/[^A-Za-z0-9-]/g, "");
}

function queryToHeaders(context: FilterContext): void {
  for (const [key, values] of parseQuery(context.request.rawQuery)) {
    const name = `X-Query-Param-${sanitizeHeaderSuffix(key)}`;
    for (const value of values) context.request.appendHeader(name, value);
  }
}

export const stripQueryFilter: FilterSpec<boolean> = {
  name: "stripQuery",
  // Any other string is accepted and means false, as in Skipper.
  args: (raw) => stringArgs(raw, { min: 0, max: 1 })[0]?.toLowerCase() === "true",
  create: (preserveAsHeaders) => ({
    request: (context) => {
      if (preserveAsHeaders) queryToHeaders(context);
      context.request.rawQuery = "";
    },
  }),
};
