import type { RateLimiter } from "./limiters.js";

/**
 * The bytes the windows of all limiters hold, with their client keys. Beyond the budget, clients
 * are forgotten, least recently seen first: of the limiter that grew (all but the client it just
 * counted), then of the client limiters that hold the most. A forgotten client starts a new window,
 * so under memory pressure the limits admit more rather than the process running out of memory.
 * A service limiter's one window is never forgotten: it holds the limit of whole routes, and there
 * is one per distinct setting, not one per client.
 */
export class WindowBudget {
  private held = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly limiters: () => Iterable<RateLimiter>,
  ) {}

  add(delta: number, grown: RateLimiter): void {
    this.held += delta;
    if (delta <= 0 || this.held <= this.maxBytes) return;
    while (this.held > this.maxBytes && isClientLimiter(grown) && grown.forgetOldest(1));
    if (this.held <= this.maxBytes) return;
    const largestFirst = [...this.limiters()].filter((limiter) => limiter !== grown && isClientLimiter(limiter)).sort((a, b) => b.bytes - a.bytes);
    for (const limiter of largestFirst) {
      while (this.held > this.maxBytes && limiter.forgetOldest(0));
    }
  }

  get bytes(): number {
    return this.held;
  }
}

const isClientLimiter = (limiter: RateLimiter) => limiter.settings.kind === "client";
