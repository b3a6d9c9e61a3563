/**
 * Sliding windows of admitted requests (skipper-semantics §3.3): a request is admitted when fewer
 * than `maxHits` were admitted in the `windowMs` before it. Each window reports the bytes it holds,
 * so that the limiters can keep all of them within one budget.
 */
export interface RateWindow {
  /** Whether a request at `now` is admitted; counts it if so. */
  allow(now: number): boolean;
  /** Milliseconds until the oldest admitted request in the window leaves it. */
  retryAfterMs(now: number): number;
  /** The memory the window holds, roughly, in bytes. */
  readonly bytes: number;
}

/** Up to this many hits a window keeps every admission time, exactly as Skipper's circular buffer. */
export const exactWindowLimit = 1024;
/** Beyond that, the window is cut into this many slices of time that count admissions. */
const sliceCount = 256;
/** One slot more than slices: the slice that is leaving the window keeps its count until it has left. */
const slotCount = sliceCount + 1;
const bytesPerStamp = 8;
const bytesPerSlice = 16;
const windowOverhead = 64;

export function newWindow(maxHits: number, windowMs: number): RateWindow {
  return maxHits <= exactWindowLimit ? new ExactWindow(maxHits, windowMs) : new SlicedWindow(maxHits, windowMs);
}

/**
 * The times of the last `maxHits` admitted requests, oldest first from `next`. The array grows
 * with use, so a client that sends one request costs one slot, not `maxHits`.
 */
class ExactWindow implements RateWindow {
  private readonly stamps: number[] = [];
  private next = 0;

  constructor(
    private readonly maxHits: number,
    private readonly windowMs: number,
  ) {}

  allow(now: number): boolean {
    if (this.stamps.length < this.maxHits) {
      this.stamps.push(now);
      return true;
    }
    if (now - this.stamps[this.next]! < this.windowMs) return false;
    this.stamps[this.next] = now;
    this.next = (this.next + 1) % this.maxHits;
    return true;
  }

  retryAfterMs(now: number): number {
    const oldest = this.stamps.length === 0 ? now - this.windowMs : this.stamps[this.next]!;
    return Math.max(0, oldest + this.windowMs - now);
  }

  get bytes(): number {
    return windowOverhead + this.stamps.length * bytesPerStamp;
  }
}

/**
 * Admissions counted per slice of 1/256 of the window, for limits too large to keep every time:
 * `clientRatelimit(100000, "1h")` would otherwise hold 800 KB per client. A request is admitted
 * when the slices that overlap the window before it hold fewer than `maxHits`. A slice counts whole
 * until it has left the window whole, so the window may refuse up to one slice (0.4 % of it) late;
 * it never admits more than `maxHits` in any window.
 */
class SlicedWindow implements RateWindow {
  private readonly sliceMs: number;
  /** Per slot, a slice's number (time / sliceMs) and its admissions, in a ring by slice number. */
  private readonly sliceNumbers = new Float64Array(slotCount).fill(-Infinity);
  private readonly counts = new Float64Array(slotCount);

  constructor(
    private readonly maxHits: number,
    private readonly windowMs: number,
  ) {
    this.sliceMs = windowMs / sliceCount;
  }

  allow(now: number): boolean {
    const current = Math.floor(now / this.sliceMs);
    if (this.admittedSince(now - this.windowMs) >= this.maxHits) return false;
    const at = current % slotCount;
    if (this.sliceNumbers[at] !== current) {
      this.sliceNumbers[at] = current;
      this.counts[at] = 0;
    }
    this.counts[at]!++;
    return true;
  }

  /** Until the oldest slice that counts has left the window whole. */
  retryAfterMs(now: number): number {
    let oldestEnd = Infinity;
    for (let i = 0; i < slotCount; i++) {
      if (this.counts[i]! > 0 && this.endOf(i) > now - this.windowMs) oldestEnd = Math.min(oldestEnd, this.endOf(i));
    }
    return oldestEnd === Infinity ? 0 : Math.max(0, oldestEnd + this.windowMs - now);
  }

  get bytes(): number {
    return windowOverhead + slotCount * bytesPerSlice;
  }

  /** Admissions in the slices that end after `since`. */
  private admittedSince(since: number): number {
    let admitted = 0;
    for (let i = 0; i < slotCount; i++) {
      if (this.endOf(i) > since) admitted += this.counts[i]!;
    }
    return admitted;
  }

  private endOf(slot: number): number {
    return (this.sliceNumbers[slot]! + 1) * this.sliceMs;
  }
}
