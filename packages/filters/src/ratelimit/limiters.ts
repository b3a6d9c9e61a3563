/** In-process rate limiters, keyed by their settings so that identical routes share one. */
export class RateLimiters {}
