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

/** Up to this many admissions a window keeps every time, exactly as Skipper's circular buffer. */
export const exactWindowLimit = 1024;
/** Beyond that, the window is cut into this many slices of time that count admissions. */
const sliceCount = 256;
/** One slot more than slices: the slice that is leaving the window keeps its count until it has left. */
const slotCount = sliceCount + 1;
const bytesPerStamp = 8;
const bytesPerSlot = 16;
const windowOverhead = 64;

export function newWindow(maxHits: number, windowMs: number): RateWindow {
  return maxHits <= exactWindowLimit ? new ExactWindow(maxHits, windowMs) : new LargeWindow(maxHits, windowMs);
}

/**
 * The times of the last `maxHits` admitted requests, oldest first from `next`. The array grows
 * with use, so a client that sends one request costs one slot, not `maxHits`.
 */
class ExactWindow implements RateWindow {
  readonly stamps: number[] = [];
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
 * A window for a limit too large to keep every time (`clientRatelimit(100000, "1h")` would hold
 * 800 KB per client): exact while it has admitted fewer than `exactWindowLimit` requests, so that
 * a client of a few requests costs a few bytes, then counted in slices.
 */
class LargeWindow implements RateWindow {
  private exact: ExactWindow | undefined;
  private sliced: SlicedWindow | undefined;

  constructor(
    private readonly maxHits: number,
    private readonly windowMs: number,
  ) {
    this.exact = new ExactWindow(exactWindowLimit, windowMs);
  }

  allow(now: number): boolean {
    if (this.exact && this.exact.stamps.length < exactWindowLimit) return this.exact.allow(now);
    if (this.exact) {
      this.sliced = new SlicedWindow(this.maxHits, this.windowMs, this.exact.stamps);
      this.exact = undefined;
    }
    return this.sliced!.allow(now);
  }

  retryAfterMs(now: number): number {
    return (this.exact ?? this.sliced!).retryAfterMs(now);
  }

  get bytes(): number {
    return (this.exact ?? this.sliced!).bytes;
  }
}

/**
 * Admissions counted per slice of 1/256 of the window. A request is admitted when the slices that
 * overlap the window before it hold fewer than `maxHits`. A slice counts whole until it has left
 * the window whole, so the window may refuse up to one slice (0.4 % of it) late; it never admits
 * more than `maxHits` in any window. Time that runs backwards counts as standing still.
 */
class SlicedWindow implements RateWindow {
  private readonly sliceMs: number;
  /** Per slot, a slice's number (time / sliceMs) and its admissions, in a ring by slice number. */
  private readonly sliceNumbers = new Float64Array(slotCount).fill(-Infinity);
  private readonly counts = new Float64Array(slotCount);
  /** Admissions of the slices from `firstCounted` on: those that overlap the window. */
  private admitted = 0;
  private firstCounted = -Infinity;
  private latest = -Infinity;

  constructor(
    private readonly maxHits: number,
    private readonly windowMs: number,
    stamps: readonly number[],
  ) {
    // At least a millisecond: slice numbers of Date.now() must stay exact integers in a double,
    // or counting slice by slice would stall. A window under 256 ms then has fewer slices.
    this.sliceMs = Math.max(windowMs / sliceCount, 1);
    for (const stamp of stamps) this.count(Math.max(stamp, this.latest));
  }

  allow(now: number): boolean {
    const at = Math.max(now, this.latest);
    this.forgetBefore(Math.floor((at - this.windowMs) / this.sliceMs));
    if (this.admitted >= this.maxHits) return false;
    this.count(at);
    return true;
  }

  /** Until the oldest slice that counts has left the window whole. */
  retryAfterMs(now: number): number {
    const at = Math.max(now, this.latest);
    this.forgetBefore(Math.floor((at - this.windowMs) / this.sliceMs));
    for (let slice = this.firstCounted; slice <= Math.floor(at / this.sliceMs); slice++) {
      const slot = slotOf(slice);
      if (this.sliceNumbers[slot] === slice && this.counts[slot]! > 0) return Math.max(0, (slice + 1) * this.sliceMs + this.windowMs - at);
    }
    return 0;
  }

  get bytes(): number {
    return windowOverhead + slotCount * bytesPerSlot;
  }

  private count(at: number): void {
    this.latest = at;
    const slice = Math.floor(at / this.sliceMs);
    const slot = slotOf(slice);
    if (this.sliceNumbers[slot] !== slice) {
      // The slot's slice is a ring's turn old: whatever it still counted has left the window.
      this.admitted -= this.counts[slot]!;
      this.sliceNumbers[slot] = slice;
      this.counts[slot] = 0;
    }
    this.counts[slot]!++;
    this.admitted++;
  }

  /** Stops counting the slices before `slice`: they ended at or before the window's start. */
  private forgetBefore(slice: number): void {
    if (slice <= this.firstCounted) return;
    if (slice - this.firstCounted >= slotCount) {
      // After a pause of a window or more, any slot may hold an old slice: look at each.
      for (let slot = 0; slot < slotCount; slot++) {
        if (this.sliceNumbers[slot]! < slice) this.clear(slot);
      }
    } else {
      for (let old = this.firstCounted; old < slice; old++) {
        if (this.sliceNumbers[slotOf(old)] === old) this.clear(slotOf(old));
      }
    }
    this.firstCounted = slice;
  }

  private clear(slot: number): void {
    this.admitted -= this.counts[slot]!;
    this.counts[slot] = 0;
  }
}

function slotOf(slice: number): number {
  return ((slice % slotCount) + slotCount) % slotCount;
}
