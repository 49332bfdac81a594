/**
 * Finds fixed-length frames in a byte stream that may carry garbage: line noise when a lock fires,
 * a half frame from before a reconnect, a reply for someone else.
 *
 * Resynchronisation rule: bytes are dropped until one can start a frame (a header byte); a candidate
 * whose check fails (bad checksum, wrong trailer) costs exactly one byte, and the scan restarts at the
 * next byte — so a real frame that starts inside rubbish is still found.
 */
export interface FrameSpec {
  length: number;
  isHeader(byte: number): boolean;
  /** The frame is whole and its checksum is right. */
  isValid(frame: Uint8Array): boolean;
}

export class FrameScanner {
  private buf = new Uint8Array(0);
  /** Bytes thrown away since the last reset: garbage and failed candidates. */
  dropped = 0;

  constructor(private spec: FrameSpec) {}

  /** Swaps the frame shape (the reply expected depends on the request) and forgets buffered bytes. */
  expect(spec: FrameSpec): void {
    this.spec = spec;
    this.reset();
  }

  reset(): void {
    this.buf = new Uint8Array(0);
    this.dropped = 0;
  }

  /** Adds received bytes; returns every complete valid frame now available, in order. */
  push(bytes: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.buf.length + bytes.length);
    joined.set(this.buf);
    joined.set(bytes, this.buf.length);
    const frames: Uint8Array[] = [];
    const { length } = this.spec;
    let at = 0;
    while (at < joined.length) {
      if (!this.spec.isHeader(joined[at]!)) {
        at++;
        this.dropped++;
        continue;
      }
      if (joined.length - at < length) break; // a frame may still be arriving
      const candidate = joined.slice(at, at + length);
      if (this.spec.isValid(candidate)) {
        frames.push(candidate);
        at += length;
      } else {
        at++;
        this.dropped++;
      }
    }
    this.buf = joined.slice(at);
    return frames;
  }
}

export function xorOf(bytes: Uint8Array, end: number): number {
  let x = 0;
  for (let i = 0; i < end; i++) x ^= bytes[i]!;
  return x;
}

export function sumLowByte(bytes: Uint8Array, end: number): number {
  let s = 0;
  for (let i = 0; i < end; i++) s += bytes[i]!;
  return s & 0xff;
}

export const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');

export const fromHex = (text: string): Uint8Array =>
  Uint8Array.from(text.trim().split(/\s+/), (h) => parseInt(h, 16));
