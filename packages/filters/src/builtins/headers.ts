import { ArgsError, type Arg } from "@bosun/eskip";
import { stringArgs } from "../args.js";
import type { FilterContext } from "../context.js";
import { invalidFilterParameters, type Filter, type FilterSpec } from "../filter.js";
import { Template } from "../template.js";

/**
 * set/append/drop of request and response headers (skipper-semantics §3.3). Values are templates
 * (§3.2): set and append act only when every placeholder resolved, otherwise the header is left as
 * it was. On the request side the name `Host` sets the outgoing Host instead of a header.
 *
 * The `…Literal` variants are bosun's own, for the Gateway API compiler: the same filters with the
 * value used as written, since Gateway API header values are literal text (gateway-api §3.4).
 */

/** RFC 9110 token: a header name the proxy can send; others would fail every request. */
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function headerNameArg(name: string): string {
  if (!token.test(name)) throw new ArgsError(invalidFilterParameters);
  return name;
}

interface HeaderValueArgs {
  readonly name: string;
  readonly value: Template;
}

/** RFC 9110 field-value characters, as Node checks them before it sends a header. */
const fieldValue = /^[\t\x20-\x7e\x80-\xff]*$/;

/** A literal value is known now: one the proxy could not send is refused here, not on every request. */
function literalValue(value: string): Template {
  if (!fieldValue.test(value)) throw new ArgsError(invalidFilterParameters);
  return Template.literal(value);
}

type ValueParser = (value: string) => Template;

function headerValueArgs(parseValue: ValueParser): (raw: readonly Arg[]) => HeaderValueArgs {
  return (raw) => {
    const [name, value] = stringArgs(raw, { min: 2 });
    return { name: headerNameArg(name!), value: parseValue(value!) };
  };
}

type Operation = "set" | "append";

interface HeaderWriter {
  setHeader(name: string, value: string): void;
  appendHeader(name: string, value: string): void;
}

/** Sets or appends the template's value, only when every placeholder resolved. */
function write(headers: HeaderWriter, operation: Operation, { name, value }: HeaderValueArgs, context: FilterContext): void {
  const result = value.apply(context);
  if (!result.complete) return;
  if (operation === "set") headers.setHeader(name, result.value);
  else headers.appendHeader(name, result.value);
}

function requestHeaderFilter(operation: Operation, args: HeaderValueArgs): Filter {
  if (args.name.toLowerCase() === "host") {
    return {
      request: (context) => {
        const host = args.value.apply(context);
        if (host.complete) context.directives.outgoingHost = host.value;
      },
    };
  }
  return { request: (context) => write(context.request, operation, args, context) };
}

function responseHeaderFilter(operation: Operation, args: HeaderValueArgs): Filter {
  return { response: (context) => write(context.response, operation, args, context) };
}

function headerValueSpec(name: string, parseValue: ValueParser, create: (args: HeaderValueArgs) => Filter): FilterSpec<HeaderValueArgs> {
  return { name, args: headerValueArgs(parseValue), create };
}

const setRequest = (args: HeaderValueArgs) => requestHeaderFilter("set", args);
const appendRequest = (args: HeaderValueArgs) => requestHeaderFilter("append", args);
const setResponse = (args: HeaderValueArgs) => responseHeaderFilter("set", args);
const appendResponse = (args: HeaderValueArgs) => responseHeaderFilter("append", args);

export const setRequestHeaderFilter = headerValueSpec("setRequestHeader", Template.parse, setRequest);
export const appendRequestHeaderFilter = headerValueSpec("appendRequestHeader", Template.parse, appendRequest);
export const setResponseHeaderFilter = headerValueSpec("setResponseHeader", Template.parse, setResponse);
export const appendResponseHeaderFilter = headerValueSpec("appendResponseHeader", Template.parse, appendResponse);

export const setRequestHeaderLiteralFilter = headerValueSpec("setRequestHeaderLiteral", literalValue, setRequest);
export const appendRequestHeaderLiteralFilter = headerValueSpec("appendRequestHeaderLiteral", literalValue, appendRequest);
export const setResponseHeaderLiteralFilter = headerValueSpec("setResponseHeaderLiteral", literalValue, setResponse);
export const appendResponseHeaderLiteralFilter = headerValueSpec("appendResponseHeaderLiteral", literalValue, appendResponse);

/** dropXHeader(name[, value]): Skipper's optional second argument drops only that value. */
interface DropArgs {
  readonly name: string;
  readonly value?: string;
}

function dropArgs(raw: readonly Arg[]): DropArgs {
  const [name, value] = stringArgs(raw, { min: 1, max: 2 });
  return value === undefined ? { name: name! } : { name: name!, value };
}

type HeaderMap = Pick<FilterContext["request"], "header" | "deleteHeader" | "appendHeader">;

function dropHeader(headers: HeaderMap, { name, value }: DropArgs): void {
  if (value === undefined) {
    headers.deleteHeader(name);
    return;
  }
  const values = headers.header(name);
  if (!values?.includes(value)) return;
  const kept = values.filter((each) => each !== value);
  headers.deleteHeader(name);
  for (const each of kept) headers.appendHeader(name, each);
}

export const dropRequestHeaderFilter: FilterSpec<DropArgs> = {
  name: "dropRequestHeader",
  args: dropArgs,
  create: (args) => ({ request: (context) => dropHeader(context.request, args) }),
};

export const dropResponseHeaderFilter: FilterSpec<DropArgs> = {
  name: "dropResponseHeader",
  args: dropArgs,
  create: (args) => ({ response: (context) => dropHeader(context.response, args) }),
};
