import { WindowBudget } from "./window-budget.js";
import { newWindow, type RateWindow } from "./windows.js";

/**
 * In-process rate limiters (skipper-semantics §3.3, `ratelimit` and `clientRatelimit`). Like
 * Skipper's registry, limiters are keyed by their settings, so that routes with identical settings
 * share one, and they live as long as the proxy, so a route table reload does not reset them.
 * Unlike Skipper's, their memory is bounded: in clients per limiter, and in bytes over all.
 */

export interface RateLimitSettings {
  /** `service`: one window for the whole route; `client`: one window per client key. */
  readonly kind: "service" | "client";
  readonly maxHits: number;
  readonly windowMs: number;
  /** How clients are told apart (header names, normalised); part of the identity of a limiter. */
  readonly lookup?: string;
}

export class RateLimiter {
  /** Windows by client key, least recently used first, so the oldest is evicted first. */
  private readonly windows = new Map<string, RateWindow>();
  private heldBytes = 0;

  constructor(
    readonly settings: RateLimitSettings,
    private readonly maxClients: number,
    private readonly budget: WindowBudget,
  ) {}

  /** Whether a request of this client (`""` for a service limiter) may pass now; counts it if so. */
  allow(key: string, now: number): boolean {
    let window = this.windows.get(key);
    let grown = 0;
    if (window === undefined) {
      if (this.windows.size >= this.maxClients) this.forgetOldest(0);
      window = newWindow(this.settings.maxHits, this.settings.windowMs);
      grown = window.bytes + keyBytes(key);
    } else {
      // Re-inserted to mark it the most recently used.
      this.windows.delete(key);
    }
    this.windows.set(key, window);
    const before = window.bytes;
    const allowed = window.allow(now);
    grown += window.bytes - before;
    if (grown !== 0) this.account(grown);
    return allowed;
  }

  retryAfterMs(key: string, now: number): number {
    return this.windows.get(key)?.retryAfterMs(now) ?? 0;
  }

  /** How many client windows are held; bounded by `maxClients` and by the budget. */
  get clients(): number {
    return this.windows.size;
  }

  get bytes(): number {
    return this.heldBytes;
  }

  /** Forgets the least recently seen client, unless only `keep` are left; false when none was. */
  forgetOldest(keep: number): boolean {
    if (this.windows.size <= keep) return false;
    const [key, window] = this.windows.entries().next().value!;
    this.windows.delete(key);
    this.account(-window.bytes - keyBytes(key));
    return true;
  }

  private account(delta: number): void {
    this.heldBytes += delta;
    this.budget.add(delta, this);
  }
}

export interface RateLimitersOptions {
  /** Client windows kept per limiter; the least recently seen client is forgotten beyond it. */
  readonly maxClientsPerLimiter?: number;
  /** The memory all windows of all limiters may hold together, in bytes. */
  readonly maxBytes?: number;
}

export const defaultMaxClientsPerLimiter = 100_000;
export const defaultMaxBytes = 64 * 1024 * 1024;

/** A client key's string and its place in a Map, roughly. */
const keyBytes = (key: string) => 64 + 2 * key.length;

/** In-process rate limiters, keyed by their settings so that identical routes share one. */
export class RateLimiters {
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly maxClients: number;
  private readonly budget: WindowBudget;

  constructor(options: RateLimitersOptions = {}) {
    this.maxClients = Math.max(1, options.maxClientsPerLimiter ?? defaultMaxClientsPerLimiter);
    this.budget = new WindowBudget(options.maxBytes ?? defaultMaxBytes, () => this.limiters.values());
  }

  /** The limiter for these settings, the same object for every route that asks with equal ones. */
  get(settings: RateLimitSettings): RateLimiter {
    const key = `${settings.kind}\n${settings.maxHits}\n${settings.windowMs}\n${settings.lookup ?? ""}`;
    let limiter = this.limiters.get(key);
    if (limiter === undefined) {
      limiter = new RateLimiter(settings, this.maxClients, this.budget);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  get size(): number {
    return this.limiters.size;
  }

  /** What the windows of all limiters hold, in bytes; at most the budget, but for the window last counted. */
  get bytes(): number {
    return this.budget.bytes;
  }
}
