import { createHash } from "node:crypto";

/**
 * The little of RFC 6455 the echo backend and the websocket case need: the accept key of the
 * handshake, and frames up to 64 KiB (a client masks its frames, a server does not).
 */

export interface Frame {
  readonly opcode: number;
  readonly payload: Buffer;
}

export const opcodes = { text: 1, binary: 2, close: 8 } as const;

/** `Sec-WebSocket-Accept` for a `Sec-WebSocket-Key` (RFC 6455 §4.2.2). */
export function acceptKey(key: string): string {
  return createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
}

export function encodeFrame(frame: Frame, masked: boolean): Buffer {
  const { opcode, payload } = frame;
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff]);
  if (!masked) return Buffer.concat([head, payload]);
  head[1] = head[1]! | 0x80;
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  return Buffer.concat([head, mask, payload.map((byte, i) => byte ^ mask[i % 4]!)]);
}

/** The whole frames at the start of `buffer`, and the bytes of a frame not complete yet. */
export function decodeFrames(buffer: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let offset = 0;
  while (buffer.length - offset >= 2) {
    const opcode = buffer[offset]! & 0x0f;
    const masked = (buffer[offset + 1]! & 0x80) !== 0;
    let length = buffer[offset + 1]! & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      if (buffer.length < start + 2) break;
      length = buffer.readUInt16BE(start);
      start += 2;
    }
    const mask = masked ? buffer.subarray(start, start + 4) : undefined;
    if (masked) start += 4;
    if (buffer.length < start + length) break;
    const payload = Buffer.from(buffer.subarray(start, start + length));
    if (mask) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i % 4]!;
    frames.push({ opcode, payload });
    offset = start + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}
