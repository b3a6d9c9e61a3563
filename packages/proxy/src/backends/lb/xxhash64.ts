// XXH64 (seed 0), the hash Skipper's consistentHash uses through cespare/xxhash Sum64String.
// The 64-bit arithmetic runs on two unsigned 32-bit halves in reused scratch words instead of
// BigInt, which allocates on every operation: the proxy hashes a key on every consistentHash
// request, and this is about 2.5× faster than the plain BigInt reference in test/lb/support.ts.

/** An unsigned 64-bit word as two 32-bit halves, updated in place. */
class Word {
  constructor(
    public hi: number,
    public lo: number,
  ) {}

  static of(value: bigint): Word {
    return new Word(Number(value >> 32n), Number(value & 0xffffffffn));
  }

  set(other: Word): this {
    this.hi = other.hi;
    this.lo = other.lo;
    return this;
  }

  add(other: Word): this {
    const lo = this.lo + other.lo;
    this.lo = lo >>> 0;
    this.hi = (this.hi + other.hi + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    return this;
  }

  /** this × other mod 2^64. */
  mul(other: Word): this {
    const a = this.lo;
    const b = other.lo;
    // The low halves' full 64-bit product, from 16-bit pieces so every step stays exact in a double.
    const a1 = a >>> 16;
    const a0 = a & 0xffff;
    const b1 = b >>> 16;
    const b0 = b & 0xffff;
    const low = (a1 * b0 + a0 * b1) * 0x10000 + a0 * b0;
    const carry = Math.floor(low / 0x100000000);
    this.hi = (a1 * b1 + carry + Math.imul(this.hi, b) + Math.imul(a, other.hi)) >>> 0;
    this.lo = low >>> 0;
    return this;
  }

  xor(other: Word): this {
    this.hi = (this.hi ^ other.hi) >>> 0;
    this.lo = (this.lo ^ other.lo) >>> 0;
    return this;
  }

  /** Rotate left by 0 < bits < 32. */
  rotl(bits: number): this {
    const hi = this.hi;
    this.hi = ((hi << bits) | (this.lo >>> (32 - bits))) >>> 0;
    this.lo = ((this.lo << bits) | (hi >>> (32 - bits))) >>> 0;
    return this;
  }

  /** this ^= this >> bits, for 0 < bits < 64. */
  xorShiftRight(bits: number): this {
    if (bits >= 32) {
      this.lo = (this.lo ^ (this.hi >>> (bits - 32))) >>> 0;
      return this;
    }
    this.lo = (this.lo ^ ((this.lo >>> bits) | (this.hi << (32 - bits)))) >>> 0;
    this.hi = (this.hi ^ (this.hi >>> bits)) >>> 0;
    return this;
  }
}

const PRIME1 = Word.of(0x9e3779b185ebca87n);
const PRIME2 = Word.of(0xc2b2ae3d27d4eb4fn);
const PRIME3 = Word.of(0x165667b19e3779f9n);
const PRIME4 = Word.of(0x85ebca77c2b2ae63n);
const PRIME5 = Word.of(0x27d4eb2f165667c5n);
const MINUS_PRIME1 = Word.of((1n << 64n) - 0x9e3779b185ebca87n);

const ZERO = new Word(0, 0);

// Scratch space reused by every call: hashing runs to completion on the one JS thread, so no
// two calls share it at once, and a request's hash allocates almost nothing.
const encoder = new TextEncoder();
let bytes = new Uint8Array(256);
let view = new DataView(bytes.buffer);
const input = new Word(0, 0);
const laneTemp = new Word(0, 0);
const lanes = [new Word(0, 0), new Word(0, 0), new Word(0, 0), new Word(0, 0)] as const;
const acc = new Word(0, 0);
const result = new DataView(new ArrayBuffer(8));

/** Writes the UTF-8 bytes of `text` to `bytes` and returns how many there are. */
function encode(text: string): number {
  // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, 2 units, takes 4).
  if (text.length * 3 > bytes.length) {
    bytes = new Uint8Array(text.length * 3);
    view = new DataView(bytes.buffer);
  }
  return encoder.encodeInto(text, bytes).written;
}

function readWord(offset: number): Word {
  input.lo = view.getUint32(offset, true);
  input.hi = view.getUint32(offset + 4, true);
  return input;
}

/** lane = rotl(lane + value × PRIME2, 31) × PRIME1; `value` is overwritten. */
function round(lane: Word, value: Word): Word {
  return lane.add(value.mul(PRIME2)).rotl(31).mul(PRIME1);
}

/** Folds the 32-byte stripes of an input of 32 bytes or more into `acc`. */
function stripes(length: number): void {
  const [v1, v2, v3, v4] = lanes;
  v1.set(PRIME1).add(PRIME2);
  v2.set(PRIME2);
  v3.set(ZERO);
  v4.set(MINUS_PRIME1);
  for (let offset = 0; offset + 32 <= length; offset += 32) {
    round(v1, readWord(offset));
    round(v2, readWord(offset + 8));
    round(v3, readWord(offset + 16));
    round(v4, readWord(offset + 24));
  }
  acc.set(v1).rotl(1).add(laneTemp.set(v2).rotl(7)).add(laneTemp.set(v3).rotl(12)).add(laneTemp.set(v4).rotl(18));
  for (const lane of lanes) acc.xor(round(laneTemp.set(ZERO), lane)).mul(PRIME1).add(PRIME4);
}

/** Folds the bytes from `offset` to `length` into `acc`, then mixes it. */
function finish(offset: number, length: number): void {
  for (; offset + 8 <= length; offset += 8) {
    acc.xor(round(laneTemp.set(ZERO), readWord(offset))).rotl(27).mul(PRIME1).add(PRIME4);
  }
  if (offset + 4 <= length) {
    input.hi = 0;
    input.lo = view.getUint32(offset, true);
    acc.xor(input.mul(PRIME1)).rotl(23).mul(PRIME2).add(PRIME3);
    offset += 4;
  }
  for (; offset < length; offset++) {
    input.hi = 0;
    input.lo = bytes[offset] ?? 0;
    acc.xor(input.mul(PRIME5)).rotl(11).mul(PRIME1);
  }
  acc.xorShiftRight(33).mul(PRIME2).xorShiftRight(29).mul(PRIME3).xorShiftRight(32);
}

/** XXH64 with seed 0 of the UTF-8 bytes of `text`, as Go's xxhash.Sum64String computes it. */
export function xxhash64(text: string): bigint {
  const length = encode(text);
  if (length >= 32) stripes(length);
  else acc.set(PRIME5);
  // The length is added as a 64-bit value; a string's UTF-8 length always fits the low half.
  input.hi = 0;
  input.lo = length;
  acc.add(input);
  finish(length - (length % 32), length);
  result.setUint32(0, acc.lo, true);
  result.setUint32(4, acc.hi, true);
  return result.getBigUint64(0, true);
}
