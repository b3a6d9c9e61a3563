import { ArgsError, type Arg } from "@bosun/eskip";
import { isIP } from "node:net";
import type { FilterContext } from "../context.js";
import { parseDuration } from "../duration.js";
import { invalidFilterParameters, type Filter, type FilterEnvironment, type FilterSpec } from "../filter.js";
import type { RateLimitSettings } from "../ratelimit/limiters.js";
import { statusCodeArg } from "./status.js";

/**
 * ratelimit(n, window[, status]) and clientRatelimit(n, window[, "H1,H2"]) (skipper-semantics §3.3):
 * at most n requests per sliding window in this process, for the route or per client. A refused
 * request is served `status` (429) with X-Rate-Limit (n per hour) and Retry-After (seconds).
 */

/**
 * Where a client key comes from: a request header, or `clientAddress` (the first X-Forwarded-For
 * address, else the remote address) where Skipper uses its X-Forwarded-For lookuper.
 */
const clientAddress = Symbol("clientAddress");
type KeySource = string | typeof clientAddress;

interface RatelimitArgs {
  readonly settings: RateLimitSettings;
  readonly status: number;
  /** Empty for `ratelimit`: one window for every request of the route. */
  readonly sources: readonly KeySource[];
}

function hitsArg(raw: readonly Arg[]): number {
  const hits = raw[0];
  if (typeof hits !== "number" || Math.trunc(hits) < 1) throw new ArgsError(invalidFilterParameters);
  return Math.trunc(hits);
}

/** A Go duration string, or a number of whole seconds. */
function windowArg(raw: readonly Arg[]): number {
  const window = raw[1];
  const milliseconds = typeof window === "string" ? parseDuration(window) : typeof window === "number" ? Math.trunc(window) * 1000 : NaN;
  if (!(milliseconds > 0)) throw new ArgsError(invalidFilterParameters);
  return milliseconds;
}

/**
 * Skipper's lookupers: one header as it is; several, comma-separated, as a tuple in which
 * X-Forwarded-For means the client address; none, the client address.
 */
function keySources(lookup: Arg | undefined): KeySource[] {
  if (lookup === undefined) return [clientAddress];
  if (typeof lookup !== "string") throw new ArgsError(invalidFilterParameters);
  if (!lookup.includes(",")) return [lookup.trim().toLowerCase()];
  return lookup.split(",").map((name) => name.trim().toLowerCase()).map((name) => (name === "x-forwarded-for" ? clientAddress : name));
}

function describeSources(sources: readonly KeySource[]): string {
  return sources.map((source) => (source === clientAddress ? "@client" : source)).join(",");
}

export const ratelimitFilter: FilterSpec<RatelimitArgs> = {
  name: "ratelimit",
  args: (raw) => {
    if (raw.length < 2 || raw.length > 3) throw new ArgsError(invalidFilterParameters);
    const settings: RateLimitSettings = { kind: "service", maxHits: hitsArg(raw), windowMs: windowArg(raw) };
    return { settings, status: raw.length === 3 ? statusCodeArg(raw, 2) : 429, sources: [] };
  },
  create: createRatelimit,
};

export const clientRatelimitFilter: FilterSpec<RatelimitArgs> = {
  name: "clientRatelimit",
  args: (raw) => {
    if (raw.length < 2 || raw.length > 3) throw new ArgsError(invalidFilterParameters);
    const sources = keySources(raw[2]);
    const settings: RateLimitSettings = { kind: "client", maxHits: hitsArg(raw), windowMs: windowArg(raw), lookup: describeSources(sources) };
    return { settings, status: 429, sources };
  },
  create: createRatelimit,
};

function addressOf(context: FilterContext): string {
  const forwarded = context.request.header("x-forwarded-for")?.[0];
  const first = forwarded?.split(",", 1)[0]!.trim();
  return first !== undefined && isIP(first) !== 0 ? first : context.request.remoteAddress;
}

function sourceValue(context: FilterContext, source: KeySource): string {
  return source === clientAddress ? addressOf(context) : (context.request.header(source)?.[0] ?? "");
}

/** The client's key, or undefined when the request carries none: then it is not limited. */
function clientKey(context: FilterContext, sources: readonly KeySource[]): string | undefined {
  if (sources.length === 0) return "";
  if (sources.length === 1) return sourceValue(context, sources[0]!) || undefined;
  let key = "";
  for (const source of sources) key += `${sourceValue(context, source)}\n`;
  return key.length === sources.length ? undefined : key;
}

function createRatelimit({ settings, status, sources }: RatelimitArgs, environment: FilterEnvironment): Filter {
  const limiter = environment.rateLimiters.get(settings);
  // Integer division, as Skipper's ratelimit.Headers.
  const perHour = String(Math.floor((settings.maxHits * 3_600_000) / settings.windowMs));
  return {
    request: (context) => {
      const key = clientKey(context, sources);
      if (key === undefined) return;
      const now = environment.now();
      if (limiter.allow(key, now)) return;
      const retryAfter = Math.max(1, Math.ceil(limiter.retryAfterMs(key, now) / 1000));
      context.serve({ status, headers: { "X-Rate-Limit": perHour, "Retry-After": String(retryAfter) } });
    },
  };
}
