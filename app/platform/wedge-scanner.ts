/**
 * Keyboard-wedge barcode scanners "type" the code much faster than a person and end with Enter.
 * This tells a scan from typing by the time between keys, so a screen waiting for a waybill, a
 * trace code or a QR code gets the whole code at once, and a person's typing is left alone.
 *
 * Invariant: a burst counts as a scan only when every gap is ≤ maxGapMs, it has ≥ minLength
 * characters, and it ends with Enter within maxGapMs of the last character.
 */
export interface WedgeOptions {
  maxGapMs?: number;
  minLength?: number;
  now?: () => number;
}

export class WedgeScanDetector {
  private buffer = '';
  private last = -Infinity;
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly now: () => number;

  constructor(opts: WedgeOptions = {}) {
    this.maxGapMs = opts.maxGapMs ?? 35;
    this.minLength = opts.minLength ?? 4;
    this.now = opts.now ?? (() => performance.now());
  }

  /** Feed every keydown's `key`; returns the scanned code when a scan completes. */
  key(key: string): string | undefined {
    const t = this.now();
    const gap = t - this.last;
    this.last = t;
    if (key === 'Enter') {
      const code = this.buffer;
      this.buffer = '';
      return gap <= this.maxGapMs && code.length >= this.minLength ? code : undefined;
    }
    if (key.length !== 1) {
      this.buffer = '';
      return undefined;
    }
    // A slow key starts a new burst: whatever came before was a person typing.
    this.buffer = gap <= this.maxGapMs ? this.buffer + key : key;
    return undefined;
  }
}

/** Listens on a window; calls onScan with each scanned code. Returns the unsubscribe function. */
export function listenForScans(
  win: Window,
  onScan: (code: string) => void,
  opts: WedgeOptions = {},
): () => void {
  const detector = new WedgeScanDetector(opts);
  const handler = (e: KeyboardEvent) => {
    const code = detector.key(e.key);
    if (code !== undefined) {
      e.preventDefault();
      onScan(code);
    }
  };
  win.addEventListener('keydown', handler, true);
  return () => win.removeEventListener('keydown', handler, true);
}
