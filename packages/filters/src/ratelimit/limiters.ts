/**
 * In-process rate limiters (skipper-semantics §3.3, `ratelimit` and `clientRatelimit`). Like
 * Skipper's registry, limiters are keyed by their settings, so that routes with identical settings
 * share one, and they live as long as the proxy, so a route table reload does not reset them.
 */

export interface RateLimitSettings {
  /** `service`: one window for the whole route; `client`: one window per client key. */
  readonly kind: "service" | "client";
  readonly maxHits: number;
  readonly windowMs: number;
  /** How clients are told apart (header names, normalised); part of the identity of a limiter. */
  readonly lookup?: string;
}

/**
 * The times of the last `maxHits` admitted requests, oldest first from `next`: a request is admitted
 * when fewer than `maxHits` were admitted in the window before it (Skipper's circular buffer). The
 * array grows with use, so a client that sends one request costs one slot, not `maxHits`.
 */
class SlidingWindow {
  private readonly stamps: number[] = [];
  private next = 0;

  allow(now: number, maxHits: number, windowMs: number): boolean {
    if (this.stamps.length < maxHits) {
      this.stamps.push(now);
      return true;
    }
    if (now - this.stamps[this.next]! < windowMs) return false;
    this.stamps[this.next] = now;
    this.next = (this.next + 1) % maxHits;
    return true;
  }

  /** Milliseconds until the oldest admitted request leaves the window. */
  retryAfterMs(now: number, windowMs: number): number {
    const oldest = this.stamps.length === 0 ? now - windowMs : this.stamps[this.next]!;
    return Math.max(0, oldest + windowMs - now);
  }
}

export class RateLimiter {
  /** Windows by client key, least recently used first, so the oldest is evicted first. */
  private readonly windows = new Map<string, SlidingWindow>();

  constructor(
    readonly settings: RateLimitSettings,
    private readonly maxClients: number,
  ) {}

  /** Whether a request of this client (`""` for a service limiter) may pass now; counts it if so. */
  allow(key: string, now: number): boolean {
    let window = this.windows.get(key);
    if (window === undefined) {
      window = new SlidingWindow();
      if (this.windows.size >= this.maxClients) this.evictOldest();
    } else {
      // Re-inserted to mark it the most recently used.
      this.windows.delete(key);
    }
    this.windows.set(key, window);
    return window.allow(now, this.settings.maxHits, this.settings.windowMs);
  }

  retryAfterMs(key: string, now: number): number {
    return this.windows.get(key)?.retryAfterMs(now, this.settings.windowMs) ?? 0;
  }

  /** How many client windows are held; bounded by `maxClients`. */
  get clients(): number {
    return this.windows.size;
  }

  private evictOldest(): void {
    const oldest = this.windows.keys().next();
    if (!oldest.done) this.windows.delete(oldest.value);
  }
}

export interface RateLimitersOptions {
  /** Client windows kept per limiter; the least recently seen client is forgotten beyond it. */
  readonly maxClientsPerLimiter?: number;
}

export const defaultMaxClientsPerLimiter = 100_000;

/** In-process rate limiters, keyed by their settings so that identical routes share one. */
export class RateLimiters {
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly maxClients: number;

  constructor(options: RateLimitersOptions = {}) {
    this.maxClients = Math.max(1, options.maxClientsPerLimiter ?? defaultMaxClientsPerLimiter);
  }

  /** The limiter for these settings, the same object for every route that asks with equal ones. */
  get(settings: RateLimitSettings): RateLimiter {
    const key = `${settings.kind}\n${settings.maxHits}\n${settings.windowMs}\n${settings.lookup ?? ""}`;
    let limiter = this.limiters.get(key);
    if (limiter === undefined) {
      limiter = new RateLimiter(settings, this.maxClients);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  get size(): number {
    return this.limiters.size;
  }
}
