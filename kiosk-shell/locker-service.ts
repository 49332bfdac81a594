/**
 * The locker bank as the kiosk sees it: compartments by id, over the real LockerBank and BoardDriver,
 * whatever is on the other end of the bus (RS-485 boards, or the emulated boards under simulation).
 *
 * Opens are the driver's business: it queries the door first, sends the open exactly once and never
 * repeats it (ARCHITECTURE.md §6); a double tap shares the one attempt. Nothing here retries an open.
 *
 * Readings of the whole bank are shared: the status bar, the diagnostics screen and a parcel screen
 * all poll, and every reading is one query per board on a half-duplex bus that an open must not wait
 * behind. Concurrent callers share the reading in flight, and a reading answers for `statusMaxAgeMs`;
 * an open or a door query drops it, so what the screen shows next is read after the door moved.
 */
import { silentLogger, type Logger } from '../common/logger';
import { systemClock, type Clock } from '../drivers/clock';
import type { BankStatus, CompartmentStatus, LockerBank } from '../drivers/locker/locker-bank';
import { ok as driverOk, type DriverResult } from '../drivers/result';
import { fail, ok, type Compartment, type LockerStatus, type OpenResult, type Result } from './api';
import { driverFailure } from './driver-results';

export interface LockerServiceOptions {
  bank: LockerBank;
  simulated: boolean;
  close: () => Promise<void>;
  clock?: Clock;
  /** How long one reading of the bank answers status polls (default 1000 ms). */
  statusMaxAgeMs?: number;
  logger?: Logger;
}

export function compartmentView(c: CompartmentStatus): Compartment {
  return {
    id: c.id,
    board: c.board,
    lock: c.lock,
    size: c.size,
    door: c.door,
    occupied: c.occupied ?? null,
    // The same rule as LockerBank.status's count: disabled, or its board is not answering.
    outOfService: c.disabled || c.door === 'unknown',
  };
}

export class LockerService {
  readonly simulated: boolean;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private reading: Promise<DriverResult<BankStatus>> | undefined;
  private last: { at: number; value: BankStatus } | undefined;
  private generation = 0;

  constructor(private readonly opts: LockerServiceOptions) {
    this.simulated = opts.simulated;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
  }

  async status(): Promise<Result<LockerStatus>> {
    const r = await this.bankStatus();
    if (!r.ok) return driverFailure(r.error);
    const all = r.value.detail.map(compartmentView);
    const inService = all.filter((c) => !c.outOfService);
    return ok({
      state: r.value.state,
      compartments: all.length,
      free: inService.filter((c) => c.occupied !== true).length,
      outOfService: all.length - inService.length,
      simulated: this.simulated,
    });
  }

  async compartments(): Promise<Result<{ compartments: Compartment[] }>> {
    const r = await this.bankStatus();
    return r.ok ? ok({ compartments: r.value.detail.map(compartmentView) }) : driverFailure(r.error);
  }

  async open(compartmentId: string): Promise<Result<OpenResult>> {
    const r = await this.opts.bank.open(compartmentId);
    this.forget();
    this.logger.info(
      { compartmentId, outcome: r.ok ? r.value.confirmedBy : r.error.code },
      'compartment open requested',
    );
    if (!r.ok) return driverFailure(r.error);
    return ok({ compartmentId, confirmedBy: r.value.confirmedBy, alreadyOpen: r.value.alreadyOpen });
  }

  async doorState(
    compartmentId: string,
  ): Promise<Result<{ compartmentId: string; door: 'open' | 'closed'; occupied: boolean | null }>> {
    const d = await this.opts.bank.doorState(compartmentId);
    this.forget();
    if (d.state === 'unknown') {
      return d.error
        ? driverFailure(d.error)
        : fail('BOARD_SILENT', `柜门 ${compartmentId} 状态未知 / door state unknown`);
    }
    return ok({ compartmentId, door: d.state, occupied: d.occupied ?? null });
  }

  async waitClosed(
    compartmentId: string,
    timeoutMs: number,
  ): Promise<Result<{ compartmentId: string; sawOpen: boolean }>> {
    const r = await this.opts.bank.waitClosed(compartmentId, timeoutMs);
    this.forget();
    return r.ok ? ok({ compartmentId, sawOpen: r.value.sawOpen }) : driverFailure(r.error);
  }

  close(): Promise<void> {
    return this.opts.close();
  }

  private bankStatus(): Promise<DriverResult<BankStatus>> {
    const maxAge = this.opts.statusMaxAgeMs ?? 1_000;
    if (this.last && this.clock.now() - this.last.at < maxAge)
      return Promise.resolve(driverOk(this.last.value));
    if (this.reading) return this.reading;
    const generation = this.generation;
    const reading = this.opts.bank.status().then((r) => {
      // A door moved while this reading was on the bus: answer with it, but do not keep it.
      if (r.ok && generation === this.generation) this.last = { at: this.clock.now(), value: r.value };
      return r;
    });
    this.reading = reading;
    const done = () => {
      if (this.reading === reading) this.reading = undefined;
    };
    void reading.then(done, done);
    return reading;
  }

  private forget(): void {
    this.generation++;
    this.last = undefined;
    this.reading = undefined;
  }
}
