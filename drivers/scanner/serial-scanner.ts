/**
 * A serial (or USB-CDC) barcode/QR scanner: it sends each code as bytes ending in CR, LF or CRLF —
 * the factory default of the common models — or, when configured without a suffix, simply stops
 * sending. So a code ends at a line ending or after `idleMs` of silence.
 *
 * Invariants:
 * - A code nobody is waiting for is kept only `maxAgeMs`: a stale scan must not open a product or a
 *   parcel minutes later on another villager's screen.
 * - Bytes are decoded as GB18030 (ASCII-compatible; Chinese QR payloads from Chinese scanners), and
 *   control characters are dropped. An over-long line (a scanner stuck sending) is discarded whole.
 */
import iconv from 'iconv-lite';
import type { ByteTransport } from '../transports/byte-transport';
import { systemClock, type Clock } from '../clock';

// eslint-disable-next-line no-control-regex -- dropping control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

export interface ScannedCode {
  code: string;
  at: number;
}

export interface SerialScannerOptions {
  idleMs?: number;
  maxLength?: number;
  maxAgeMs?: number;
  clock?: Clock;
}

export class SerialScanner {
  private buffer: number[] = [];
  private overflow = false;
  private cancelIdle: (() => void) | undefined;
  private queue: ScannedCode[] = [];
  private waiters: ((code: ScannedCode | null) => void)[] = [];
  private listeners = new Set<(code: ScannedCode) => void>();
  private readonly unsubscribe: () => void;
  private readonly idleMs: number;
  private readonly maxLength: number;
  private readonly maxAgeMs: number;
  private readonly clock: Clock;

  constructor(
    readonly transport: ByteTransport,
    opts: SerialScannerOptions = {},
  ) {
    this.idleMs = opts.idleMs ?? 100;
    this.maxLength = opts.maxLength ?? 512;
    this.maxAgeMs = opts.maxAgeMs ?? 5_000;
    this.clock = opts.clock ?? systemClock;
    this.unsubscribe = transport.onData((bytes) => this.receive(bytes));
  }

  /** Every code as it arrives (for logs and screens that listen continuously). */
  onCode(listener: (code: ScannedCode) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next code, or null when none arrives within `timeoutMs`. Never rejects. */
  next(timeoutMs: number): Promise<ScannedCode | null> {
    const now = this.clock.now();
    this.queue = this.queue.filter((c) => now - c.at <= this.maxAgeMs);
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const cancel = this.clock.setTimer(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(null);
      }, timeoutMs);
      const waiter = (code: ScannedCode | null) => {
        cancel();
        resolve(code);
      };
      this.waiters.push(waiter);
    });
  }

  close(): void {
    this.unsubscribe();
    this.cancelIdle?.();
    for (const w of this.waiters.splice(0)) w(null);
  }

  private receive(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (b === 0x0d || b === 0x0a) this.finish();
      else if (this.buffer.length >= this.maxLength) this.overflow = true;
      else this.buffer.push(b);
    }
    this.cancelIdle?.();
    this.cancelIdle =
      this.buffer.length > 0 ? this.clock.setTimer(() => this.finish(), this.idleMs) : undefined;
  }

  private finish(): void {
    const bytes = this.buffer;
    const overflow = this.overflow;
    this.buffer = [];
    this.overflow = false;
    if (bytes.length === 0 || overflow) return;
    const code = iconv.decode(Buffer.from(bytes), 'gb18030').replace(CONTROL_CHARS, '').trim();
    if (!code) return;
    const scanned = { code, at: this.clock.now() };
    for (const l of this.listeners) l(scanned);
    const waiter = this.waiters.shift();
    if (waiter) waiter(scanned);
    else {
      // Prune on push too: a scanner read only through onCode must not keep every code it ever read.
      this.queue = this.queue.filter((c) => scanned.at - c.at <= this.maxAgeMs);
      this.queue.push(scanned);
    }
  }
}
