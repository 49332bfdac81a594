/**
 * The RS-485 bus: half duplex, every board hears every frame, so exactly ONE request is on the wire at
 * a time. Requests queue here; each waits for the previous exchange to finish plus an inter-frame gap
 * (~30 ms: boards need a quiet line to see the start of a frame), then gets its reply or a timeout.
 *
 * A request carries a deadline for reaching the wire (`notAfterMs`). One that cannot be sent in time is
 * dropped without being sent (BUS_BUSY): a door must never open seconds after the villager gave up.
 * Nothing is retried here — retrying is a decision for the caller, who knows whether it is safe.
 */
import { silentLogger, type Logger } from '../../common/logger';
import { sleep, systemClock, type Clock } from '../clock';
import { fail, type DriverError } from '../result';
import type { ByteTransport } from '../transports/byte-transport';
import { FrameScanner, hex } from './frame-scanner';
import type { Exchange } from './protocol';

export interface BusTiming {
  /** Quiet time between the end of one exchange and the next request (default 30 ms). */
  gapMs: number;
  /** How long to wait for a reply once the request is written (default 800 ms). */
  timeoutMs: number;
}

export const defaultBusTiming: BusTiming = { gapMs: 30, timeoutMs: 800 };

/** What went wrong, and whether the request may have reached a board (it matters for opens). */
export type BusFailure = DriverError & { maybeSent: boolean };
export type BusResult<T> = { ok: true; value: T } | { ok: false; error: BusFailure };

export interface ExchangeOptions {
  /** Absolute clock time after which the request is dropped instead of sent. */
  notAfterMs?: number;
  /** Keep the bus quiet this long after the request (a board busy firing all its locks). */
  holdMs?: number;
}

export class LockerBus {
  private tail: Promise<unknown> = Promise.resolve();
  private quietFrom = 0;
  private readonly scanner = new FrameScanner({ length: 1, isHeader: () => false, isValid: () => false });
  private onFrame: ((frame: Uint8Array) => void) | undefined;
  private readonly offData: () => void;

  constructor(
    readonly transport: ByteTransport,
    private readonly timing: BusTiming = defaultBusTiming,
    private readonly clock: Clock = systemClock,
    private readonly logger: Logger = silentLogger,
  ) {
    this.offData = transport.onData((bytes) => {
      this.quietFrom = this.clock.now() + this.timing.gapMs;
      if (!this.onFrame) {
        this.logger.debug({ bytes: hex(bytes) }, 'bytes on the bus with no request waiting');
        return;
      }
      for (const frame of this.scanner.push(bytes)) this.onFrame(frame);
    });
  }

  exchange<T>(ex: Exchange<T>, options: ExchangeOptions = {}): Promise<BusResult<T | undefined>> {
    const run = this.tail.then(() => this.run(ex, options));
    this.tail = run.catch(() => undefined);
    return run;
  }

  dispose(): void {
    this.offData();
  }

  private async run<T>(ex: Exchange<T>, options: ExchangeOptions): Promise<BusResult<T | undefined>> {
    const wait = this.quietFrom - this.clock.now();
    if (wait > 0) await sleep(this.clock, wait);
    if (options.notAfterMs !== undefined && this.clock.now() > options.notAfterMs) {
      return busFail('BUS_BUSY', '总线繁忙，指令未发送 / bus busy: request dropped unsent', false);
    }
    if (this.transport.state !== 'open') {
      return busFail('BUS_UNPLUGGED', `锁控板总线未连接 / ${this.transport.description} is unplugged`, false);
    }

    let settle: (r: BusResult<T | undefined>) => void = () => undefined;
    const done = new Promise<BusResult<T | undefined>>((resolve) => (settle = resolve));
    let strayFrames = 0;
    if (ex.reply) {
      this.scanner.expect(ex.reply);
      this.onFrame = (frame) => {
        const answer = ex.interpret(frame);
        if (answer === undefined) {
          strayFrames++;
          this.logger.debug({ frame: hex(frame) }, 'valid frame that answers another request: ignored');
          return;
        }
        settle({ ok: true, value: answer });
      };
    }

    this.logger.trace({ request: hex(ex.request) }, 'bus request');
    const written = await this.transport.write(ex.request);
    this.quietFrom = this.clock.now() + this.timing.gapMs;
    if (!written.ok) {
      this.onFrame = undefined;
      // The port was open when we started, so some bytes may have left before it died.
      return busFail('BUS_UNPLUGGED', written.error.message, true);
    }
    if (!ex.reply) {
      this.quietFrom = this.clock.now() + Math.max(this.timing.gapMs, options.holdMs ?? 0);
      return { ok: true, value: undefined };
    }

    const cancel = this.clock.setTimer(() => {
      const garbage = this.scanner.dropped > 0 || strayFrames > 0;
      settle(
        garbage
          ? busFail('BAD_FRAME', `锁控板应答无效 / no valid reply (${this.scanner.dropped} bad bytes)`, true)
          : busFail('BOARD_SILENT', '锁控板无应答 / the board did not answer', true),
      );
    }, this.timing.timeoutMs);
    const offState = this.transport.onState((s) => {
      if (s !== 'open') settle(busFail('BUS_UNPLUGGED', '总线在等待应答时断开 / bus lost mid-request', true));
    });
    const result = await done;
    cancel();
    offState();
    this.onFrame = undefined;
    this.quietFrom = Math.max(this.quietFrom, this.clock.now() + this.timing.gapMs);
    return result;
  }
}

function busFail(
  code: DriverError['code'],
  message: string,
  maybeSent: boolean,
): { ok: false; error: BusFailure } {
  return { ok: false, error: { ...fail(code, message).error, maybeSent } };
}
