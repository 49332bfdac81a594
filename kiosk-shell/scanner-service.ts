/**
 * The serial scanner as KioskApi sees it: `next` is a long-poll answered with the next code or
 * TIMEOUT, and `simulate` feeds the emulated scanner (simulation only).
 *
 * Every poll waiting when a code arrives gets it (broadcast), not only the first: a page that reloads
 * mid-poll leaves an orphan waiter behind on this side, and a first-come queue would hand the next
 * scan to that orphan. A code nobody is waiting for is kept `maxAgeMs` (default 5 s, the driver's own
 * rule) for the next poll, so a code read between two polls is not lost, but a stale one never
 * reaches the next villager's screen.
 */
import { systemClock, type Clock } from '../drivers/clock';
import type { ScannedCode, SerialScanner } from '../drivers/scanner/serial-scanner';
import type { TransportState } from '../drivers/transports/byte-transport';
import { fail, ok, type Result } from './api';

export interface ScannerServiceOptions {
  scanner: SerialScanner;
  simulated: boolean;
  /** Simulation: makes the emulated scanner read a code. */
  feed?: (code: string) => Promise<void>;
  close: () => Promise<void>;
  clock?: Clock;
  maxAgeMs?: number;
}

export class ScannerService {
  readonly simulated: boolean;
  private readonly waiters = new Set<(code: ScannedCode) => void>();
  private unclaimed: ScannedCode[] = [];
  private readonly clock: Clock;
  private readonly maxAgeMs: number;
  private readonly unsubscribe: () => void;

  constructor(private readonly opts: ScannerServiceOptions) {
    this.simulated = opts.simulated;
    this.clock = opts.clock ?? systemClock;
    this.maxAgeMs = opts.maxAgeMs ?? 5_000;
    this.unsubscribe = opts.scanner.onCode((code) => this.receive(code));
  }

  next(timeoutMs: number): Promise<Result<{ code: string; at: number }>> {
    const now = this.clock.now();
    this.unclaimed = this.unclaimed.filter((c) => now - c.at <= this.maxAgeMs);
    const queued = this.unclaimed.shift();
    if (queued) return Promise.resolve(ok({ code: queued.code, at: queued.at }));
    return new Promise((resolve) => {
      const waiter = (code: ScannedCode) => {
        cancel();
        resolve(ok({ code: code.code, at: code.at }));
      };
      const cancel = this.clock.setTimer(() => {
        this.waiters.delete(waiter);
        resolve(fail('TIMEOUT', '没有扫码 / nothing scanned'));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  status(): Result<{ port: string; state: TransportState; simulated: boolean }> {
    const transport = this.opts.scanner.transport;
    return ok({ port: transport.description, state: transport.state, simulated: this.simulated });
  }

  async simulate(code: string): Promise<Result<Record<string, never>>> {
    if (!this.opts.feed) {
      return fail('NOT_AVAILABLE', '只有模拟扫码枪可以模拟扫码 / only the simulated scanner can be fed');
    }
    await this.opts.feed(code);
    return ok({});
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.opts.close();
  }

  private receive(code: ScannedCode): void {
    if (this.waiters.size === 0) {
      this.unclaimed = this.unclaimed.filter((c) => code.at - c.at <= this.maxAgeMs);
      this.unclaimed.push(code);
      return;
    }
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const w of waiting) w(code);
  }
}
