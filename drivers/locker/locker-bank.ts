/**
 * LockerBank — what the kiosk uses: compartments by id, not boards and locks.
 *
 * Door-open safety, in addition to the driver's never-retry rule:
 * - Before firing a lock the door is queried. An open door is reported as opened without a pulse;
 *   a board that does not answer the query gets no open command at all.
 * - Two calls to open the same compartment while one is in flight share that one attempt (a double tap
 *   on the screen fires the lock once).
 * - After a crash or power cut the caller does not repeat an open it cannot prove finished; it calls
 *   `doorState` (ARCHITECTURE.md §4: reconcile, never blindly repeat).
 */
import { silentLogger, type Logger } from '../../common/logger';
import { sleep, systemClock, type Clock } from '../clock';
import { fail, ok, type DriverError, type DriverResult } from '../result';
import type { BoardDriver, OpenOutcome } from './board-driver';
import type { CompartmentMap, CompartmentSize } from './compartments';

export type DoorState = 'open' | 'closed' | 'unknown';

export interface DoorReport {
  state: DoorState;
  /** Kerong boards have infrared occupancy sensors; undefined elsewhere. */
  occupied?: boolean;
  /** Why the state is unknown. */
  error?: DriverError;
}

export interface CompartmentStatus {
  id: string;
  board: number;
  lock: number;
  size: CompartmentSize;
  disabled: boolean;
  door: DoorState;
  occupied?: boolean;
}

export interface BankStatus {
  state: 'ready' | 'degraded' | 'offline';
  compartments: number;
  /** Compartments that cannot be used now: disabled, or on a board that did not answer. */
  outOfService: number;
  doorsOpen: number;
  boards: { board: number; online: boolean; error?: DriverError }[];
  detail: CompartmentStatus[];
}

export interface OpenResult extends OpenOutcome {
  id: string;
  /** The door was already open: no pulse was sent. */
  alreadyOpen: boolean;
}

export interface WaitClosedResult {
  /** The door was seen open at least once before it closed ("collected" needs this). */
  sawOpen: boolean;
}

export class LockerBank {
  private readonly inFlight = new Map<string, Promise<DriverResult<OpenResult>>>();

  constructor(
    private readonly driver: BoardDriver,
    readonly map: CompartmentMap,
    private readonly clock: Clock = systemClock,
    private readonly logger: Logger = silentLogger,
  ) {}

  async status(): Promise<DriverResult<BankStatus>> {
    const boards: BankStatus['boards'] = [];
    const detail: CompartmentStatus[] = [];
    for (const board of this.map.boards()) {
      const reading = await this.driver.queryBoard(board);
      boards.push(reading.ok ? { board, online: true } : { board, online: false, error: reading.error });
      for (const c of this.map.all().filter((x) => x.board === board)) {
        const lock = reading.ok ? reading.value.locks[c.lock - 1] : undefined;
        detail.push({
          id: c.id,
          board,
          lock: c.lock,
          size: c.size,
          disabled: c.disabled,
          door: lock ? (lock.closed ? 'closed' : 'open') : 'unknown',
          ...(lock?.occupied !== undefined ? { occupied: lock.occupied } : {}),
        });
      }
    }
    const online = boards.filter((b) => b.online).length;
    const outOfService = detail.filter((d) => d.disabled || d.door === 'unknown').length;
    return ok({
      state: online === 0 ? 'offline' : outOfService > 0 ? 'degraded' : 'ready',
      compartments: detail.length,
      outOfService,
      doorsOpen: detail.filter((d) => d.door === 'open').length,
      boards,
      detail,
    });
  }

  open(id: string): Promise<DriverResult<OpenResult>> {
    const pending = this.inFlight.get(id);
    if (pending) return pending;
    const attempt = this.openOnce(id).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, attempt);
    return attempt;
  }

  async doorState(id: string): Promise<DoorReport> {
    const c = this.map.get(id);
    if (!c) return { state: 'unknown', error: unknownCompartment(id).error };
    const r = await this.driver.queryDoor(c.board, c.lock);
    if (!r.ok) return { state: 'unknown', error: r.error };
    return {
      state: r.value.closed ? 'closed' : 'open',
      ...(r.value.occupied !== undefined ? { occupied: r.value.occupied } : {}),
    };
  }

  /** Polls the door until it reads closed; DOOR_STILL_OPEN (or the last read error) after `timeoutMs`. */
  async waitClosed(id: string, timeoutMs: number, pollMs = 500): Promise<DriverResult<WaitClosedResult>> {
    if (!this.map.get(id)) return unknownCompartment(id);
    const deadline = this.clock.now() + timeoutMs;
    let sawOpen = false;
    let last: DoorReport;
    for (;;) {
      last = await this.doorState(id);
      if (last.state === 'closed') return ok({ sawOpen });
      if (last.state === 'open') sawOpen = true;
      if (this.clock.now() + pollMs > deadline) break;
      await sleep(this.clock, pollMs);
    }
    if (last.state === 'unknown' && last.error) return { ok: false, error: last.error };
    return fail('DOOR_STILL_OPEN', `柜门 ${id} 未关闭 / door ${id} is still open`);
  }

  private async openOnce(id: string): Promise<DriverResult<OpenResult>> {
    const c = this.map.get(id);
    if (!c) return unknownCompartment(id);
    if (c.disabled) return fail('BAD_REQUEST', `格口 ${id} 已停用 / compartment ${id} is out of service`);
    const before = await this.driver.queryDoor(c.board, c.lock);
    if (!before.ok) return before;
    if (!before.value.closed) {
      return ok({ id, board: c.board, lock: c.lock, confirmedBy: 'query', alreadyOpen: true });
    }
    const r = await this.driver.open(c.board, c.lock);
    this.logger.info(
      { id, ok: r.ok, outcome: r.ok ? r.value.confirmedBy : r.error.code },
      'compartment open',
    );
    return r.ok ? ok({ id, ...r.value, alreadyOpen: false }) : r;
  }
}

function unknownCompartment(id: string): { ok: false; error: DriverError } {
  return fail('UNKNOWN_COMPARTMENT', `没有格口 ${id} / no compartment ${id}`);
}
