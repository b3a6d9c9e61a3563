import type { Arg } from "@bosun/eskip";
import {
  defaultFilterRegistry,
  Directives,
  RateLimiters,
  type Filter,
  type FilterContext,
  type FilterEnvironment,
  type FilterRequest,
  type FilterResponse,
  type ServedResponse,
} from "../../src/index.js";

/**
 * An in-memory FilterContext: what the proxy implements over real messages, kept to plain maps so
 * that tests can look at every header the filters leave behind.
 */

type HeaderInit = Readonly<Record<string, string | readonly string[]>>;

class HeaderMap {
  /** Lower-cased names to values, in the order they were added. */
  readonly values = new Map<string, string[]>();

  constructor(init: HeaderInit = {}) {
    for (const [name, value] of Object.entries(init)) this.set(name, value);
  }

  header(name: string): readonly string[] | undefined {
    return this.values.get(name.toLowerCase());
  }

  set(name: string, value: string | readonly string[]): void {
    this.values.set(name.toLowerCase(), typeof value === "string" ? [value] : [...value]);
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    this.values.set(key, [...(this.values.get(key) ?? []), value]);
  }

  delete(name: string): void {
    this.values.delete(name.toLowerCase());
  }
}

export class TestRequest implements FilterRequest {
  readonly headers: HeaderMap;
  method = "GET";
  host = "www.example.org";
  path = "/";
  rawQuery = "";
  remoteAddress = "192.0.2.1";
  tls = false;

  constructor({ headers, ...fields }: Partial<Pick<TestRequest, "method" | "host" | "path" | "rawQuery" | "remoteAddress" | "tls">> & { headers?: HeaderInit }) {
    Object.assign(this, fields);
    this.headers = new HeaderMap(headers);
  }

  header(name: string) {
    return this.headers.header(name);
  }
  setHeader(name: string, value: string) {
    this.headers.set(name, value);
  }
  appendHeader(name: string, value: string) {
    this.headers.append(name, value);
  }
  deleteHeader(name: string) {
    this.headers.delete(name);
  }

  /** Independent of the filters' own parsing: the first `name=value` of the Cookie lines. */
  cookie(name: string): string | undefined {
    for (const line of this.header("cookie") ?? []) {
      for (const pair of line.split(";")) {
        const [key, ...value] = pair.trim().split("=");
        if (key === name) return value.join("=");
      }
    }
    return undefined;
  }

  /** WHATWG query parsing, not the filters' Go-style parser. */
  query(name: string): readonly string[] | undefined {
    const values = new URLSearchParams(this.rawQuery).getAll(name);
    return values.length === 0 ? undefined : values;
  }
}

export class TestResponse implements FilterResponse {
  readonly headers: HeaderMap;

  constructor(
    public status = 404,
    headers: HeaderInit = {},
  ) {
    this.headers = new HeaderMap(headers);
  }

  header(name: string) {
    return this.headers.header(name);
  }
  setHeader(name: string, value: string | readonly string[]) {
    this.headers.set(name, value);
  }
  appendHeader(name: string, value: string) {
    this.headers.append(name, value);
  }
  deleteHeader(name: string) {
    this.headers.delete(name);
  }
}

export class TestContext implements FilterContext {
  readonly directives = new Directives();
  servedResponse: ServedResponse | undefined;

  constructor(
    readonly request: TestRequest,
    public response: TestResponse = new TestResponse(),
    readonly params: Readonly<Record<string, string>> = {},
  ) {}

  get served(): boolean {
    return this.servedResponse !== undefined;
  }

  serve(response: ServedResponse): void {
    if (this.servedResponse) throw new Error("served twice");
    this.servedResponse = response;
    // What the proxy does: the served response is the one the response phase sees.
    this.response = new TestResponse(response.status, response.headers ?? {});
  }
}

export interface RequestOptions {
  readonly method?: string;
  readonly host?: string;
  readonly headers?: HeaderInit;
  readonly remoteAddress?: string;
  readonly params?: Readonly<Record<string, string>>;
  /** The response the response phase starts from; a 404 without headers (the shunt) if absent. */
  readonly response?: { readonly status: number; readonly headers?: HeaderInit };
}

/** A context for `target` ("/decoded/path?raw=query"). */
export function context(target = "/", options: RequestOptions = {}): TestContext {
  const queryAt = target.indexOf("?");
  const request = new TestRequest({
    path: queryAt < 0 ? target : target.slice(0, queryAt),
    rawQuery: queryAt < 0 ? "" : target.slice(queryAt + 1),
    ...(options.method && { method: options.method }),
    ...(options.host !== undefined && { host: options.host }),
    ...(options.remoteAddress && { remoteAddress: options.remoteAddress }),
    ...(options.headers && { headers: options.headers }),
  });
  const response = options.response && new TestResponse(options.response.status, options.response.headers);
  return new TestContext(request, response, options.params);
}

export function environment(overrides: Partial<FilterEnvironment> = {}): FilterEnvironment {
  return { now: () => 0, random: () => 0, rateLimiters: new RateLimiters(), ...overrides };
}

const registry = defaultFilterRegistry();

/** A filter made through the default registry, as a route table would: `filter("status", [418])`. */
export function filter(name: string, args: readonly Arg[], env: FilterEnvironment = environment()): Filter {
  const spec = registry.get(name);
  if (!spec) throw new Error(`no filter ${name}`);
  return spec.create(spec.args(args), env);
}

/** The ArgsError message for these arguments, or undefined when they are accepted. */
export function argsError(name: string, args: readonly Arg[]): string | undefined {
  try {
    registry.get(name)!.args(args);
    return undefined;
  } catch (error) {
    if ((error as Error).name !== "ArgsError") throw error;
    return (error as Error).message;
  }
}

/**
 * Runs a chain as the proxy does (skipper-semantics §3.1): request phases left to right until one
 * serves, then the response phases of those that ran, right to left.
 */
export function run(chain: readonly Filter[], ctx: TestContext): TestContext {
  const ran: Filter[] = [];
  for (const each of chain) {
    each.request?.(ctx);
    ran.push(each);
    if (ctx.served) break;
  }
  for (const each of ran.reverse()) each.response?.(ctx);
  return ctx;
}
