/**
 * How fast and how much: exponential backoff with full jitter between failed cycles, and batch sizes
 * that follow the link's measured throughput. Pure, so tests check them without a network.
 */

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** Never retry sooner than this, even when the jitter draws ~0: a dead link must not spin. */
  floorMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 5 * 60_000, floorMs: 1_000 };

/**
 * Full jitter (AWS architecture blog): uniform in [0, min(cap, base·2^(attempt−1))]. Hundreds of
 * kiosks that lost the county at the same moment then come back spread out instead of all at once.
 * `attempt` counts consecutive failures, from 1.
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  o: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(o.capMs, o.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(o.floorMs, Math.floor(random() * ceiling));
}

export interface BatchSizerOptions {
  initial: number;
  min: number;
  max: number;
  /** Aim at this much time per request: long enough to amortise the 3G round trip, short enough that a dropped link wastes little. */
  targetMs: number;
}

/**
 * Batch size from measured throughput: after a request of n items took t ms, the next asks for
 * n·target/t items — at most double (one fast answer may be luck), at least one.
 * A failed request halves it: on a link that drops long requests, shorter ones get through.
 */
export class BatchSizer {
  private current: number;

  constructor(private readonly o: BatchSizerOptions) {
    this.current = clamp(o.initial, o.min, o.max);
  }

  get size(): number {
    return this.current;
  }

  observe(items: number, elapsedMs: number): void {
    if (items <= 0) return;
    // Only a full batch says how much the link could carry; a short tail batch must not shrink it.
    if (items < this.current && elapsedMs <= this.o.targetMs) return;
    const ideal = (items * this.o.targetMs) / Math.max(1, elapsedMs);
    this.current = clamp(Math.floor(Math.min(ideal, this.current * 2)), this.o.min, this.o.max);
  }

  failed(): void {
    this.current = clamp(Math.floor(this.current / 2), this.o.min, this.o.max);
  }

  /** After a 413: the county refused a body this large, so never ask for more than half of it. */
  tooLarge(items: number): void {
    this.current = clamp(Math.floor(items / 2), this.o.min, this.o.max);
  }
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));
