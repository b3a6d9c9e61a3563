/**
 * The content type `inlineContent` serves when it is given none: Go's http.DetectContentType, the
 * WHATWG MIME sniffing algorithm over the first 512 bytes. JSON is not detected, so `{"a": 1}` is
 * served as text/plain (skipper-semantics §3.3).
 */

const sniffLength = 512;

interface Signature {
  readonly pattern: readonly number[];
  /** Bits that take part in the comparison, per byte; all when absent. */
  readonly mask?: readonly number[];
  readonly type: string;
}

function bytes(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

const htmlTags = ["<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--"].map(bytes);

/** Skips leading whitespace, as the HTML signatures do. */
const xmlDeclaration: Signature = { pattern: bytes("<?xml"), type: "text/xml; charset=utf-8" };

/** Exact and masked signatures, in Go's order; none of them skips leading whitespace. */
const signatures: readonly Signature[] = [
  { pattern: bytes("%PDF-"), type: "application/pdf" },
  { pattern: bytes("%!PS-Adobe-"), type: "application/postscript" },
  { pattern: [0xfe, 0xff, 0, 0], mask: [0xff, 0xff, 0, 0], type: "text/plain; charset=utf-16be" },
  { pattern: [0xff, 0xfe, 0, 0], mask: [0xff, 0xff, 0, 0], type: "text/plain; charset=utf-16le" },
  { pattern: [0xef, 0xbb, 0xbf, 0], mask: [0xff, 0xff, 0xff, 0], type: "text/plain; charset=utf-8" },
  { pattern: [0, 0, 1, 0], type: "image/x-icon" },
  { pattern: [0, 0, 2, 0], type: "image/x-icon" },
  { pattern: bytes("BM"), type: "image/bmp" },
  { pattern: bytes("GIF87a"), type: "image/gif" },
  { pattern: bytes("GIF89a"), type: "image/gif" },
  { pattern: bytes("RIFF\0\0\0\0WEBPVP"), mask: [255, 255, 255, 255, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255], type: "image/webp" },
  { pattern: [0x89, ...bytes("PNG\r\n\x1a\n")], type: "image/png" },
  { pattern: [0xff, 0xd8, 0xff], type: "image/jpeg" },
  { pattern: [0x1f, 0x8b, 0x08], type: "application/x-gzip" },
  { pattern: bytes("PK\x03\x04"), type: "application/zip" },
  { pattern: bytes("\0asm"), type: "application/wasm" },
];

function isWhitespace(byte: number): boolean {
  return byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d || byte === 0x20;
}

function upper(byte: number): number {
  return byte >= 0x61 && byte <= 0x7a ? byte - 0x20 : byte;
}

/** A tag signature, case-insensitive, after whitespace, followed by a space or `>`. */
function startsWithTag(data: Uint8Array, start: number, tag: readonly number[]): boolean {
  if (data.length < start + tag.length + 1) return false;
  for (let i = 0; i < tag.length; i++) {
    if (upper(data[start + i]!) !== tag[i]) return false;
  }
  const next = data[start + tag.length];
  return next === 0x20 || next === 0x3e;
}

function matches(data: Uint8Array, { pattern, mask }: Signature): boolean {
  if (data.length < pattern.length) return false;
  return pattern.every((byte, i) => (data[i]! & (mask?.[i] ?? 0xff)) === byte);
}

/** Control bytes that mark data as binary in the WHATWG algorithm. */
function isBinary(byte: number): boolean {
  return byte <= 0x08 || byte === 0x0b || (byte >= 0x0e && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f);
}

export function sniffContentType(body: Uint8Array): string {
  const data = body.subarray(0, sniffLength);
  let start = 0;
  while (start < data.length && isWhitespace(data[start]!)) start++;
  if (htmlTags.some((tag) => startsWithTag(data, start, tag))) return "text/html; charset=utf-8";
  if (matches(data.subarray(start), xmlDeclaration)) return xmlDeclaration.type;
  const signature = signatures.find((candidate) => matches(data, candidate));
  if (signature) return signature.type;
  return data.some(isBinary) ? "application/octet-stream" : "text/plain; charset=utf-8";
}
