import { Endpoint } from "../../src/backends/lb/index.js";

/** A seeded source in [0, 1) (mulberry32), so every run draws the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` endpoints http://10.2.0.1:8080, http://10.2.0.2:8080, ... */
export function endpoints(count: number): Endpoint[] {
  return Array.from({ length: count }, (_, i) => {
    const url = `http://10.2.0.${i + 1}:8080`;
    return new Endpoint(url, url);
  });
}

/** A client address per index: 10.0.x.y. */
export function clientAddress(i: number): string {
  return `10.0.${(i >> 8) & 255}.${i & 255}`;
}

const MASK = (1n << 64n) - 1n;
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK;
const mul = (a: bigint, b: bigint): bigint => (a * b) & MASK;
const add = (a: bigint, b: bigint): bigint => (a + b) & MASK;

function littleEndian(bytes: Uint8Array, at: number, width: number): bigint {
  let value = 0n;
  for (let i = width - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[at + i] ?? 0);
  return value;
}

function lane(acc: bigint, input: bigint): bigint {
  return mul(rotl(add(acc, mul(input, P2)), 31n), P1);
}

/**
 * XXH64, seed 0, written straight from the xxHash specification (doc/xxhash_spec.md) with
 * BigInt, independently of the two-halves implementation under test.
 */
export function referenceXxh64(text: string): bigint {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  let h: bigint;
  if (bytes.length >= 32) {
    const v = [add(P1, P2), P2, 0n, (0n - P1) & MASK];
    for (; at + 32 <= bytes.length; at += 32) {
      for (let i = 0; i < 4; i++) v[i] = lane(v[i] ?? 0n, littleEndian(bytes, at + 8 * i, 8));
    }
    const [v1 = 0n, v2 = 0n, v3 = 0n, v4 = 0n] = v;
    h = add(add(rotl(v1, 1n), rotl(v2, 7n)), add(rotl(v3, 12n), rotl(v4, 18n)));
    for (const x of v) h = add(mul(h ^ lane(0n, x), P1), P4);
  } else {
    h = P5;
  }
  h = add(h, BigInt(bytes.length));
  for (; at + 8 <= bytes.length; at += 8) h = add(mul(rotl(h ^ lane(0n, littleEndian(bytes, at, 8)), 27n), P1), P4);
  if (at + 4 <= bytes.length) {
    h = add(mul(rotl(h ^ mul(littleEndian(bytes, at, 4), P1), 23n), P2), P3);
    at += 4;
  }
  for (; at < bytes.length; at++) h = mul(rotl(h ^ mul(BigInt(bytes[at] ?? 0), P5), 11n), P1);
  h = mul(h ^ (h >> 33n), P2);
  h = mul(h ^ (h >> 29n), P3);
  return h ^ (h >> 32n);
}
