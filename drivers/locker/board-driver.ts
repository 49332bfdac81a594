/**
 * Talks to the locker boards on one bus, by board address and lock number, in one protocol.
 *
 * Retry policy — the safety rule of ARCHITECTURE.md §6:
 * - A query has no side effect, so it is retried (BOARD_SILENT / BAD_FRAME only).
 * - An OPEN is sent exactly once. If its answer is lost, the board may or may not have fired the lock,
 *   so the driver asks the door instead and reports what it sees: open → opened (confirmed by query);
 *   closed → DOOR_DID_NOT_OPEN (safe for a person to try again); no answer → BOARD_SILENT, door state
 *   unknown. It never sends the open again by itself: a second pulse could open a door nobody stands at.
 */
import { silentLogger, type Logger } from '../../common/logger';
import { systemClock, type Clock } from '../clock';
import { fail, ok, type DriverError, type DriverResult } from '../result';
import type { ByteTransport } from '../transports/byte-transport';
import { defaultBusTiming, LockerBus, type BusResult, type BusTiming } from './bus';
import type { BoardReading, Exchange, LockReading, LockerProtocol } from './protocol';

export interface DriverTiming extends BusTiming {
  /** Extra attempts for a query that got no valid answer (default 2). */
  queryRetries: number;
  /** An open that cannot reach the wire within this time is dropped unsent (default 2000 ms). */
  openDeadlineMs: number;
  /** How long a board needs to fire all its locks after an open-all (default 150 ms per lock). */
  openAllSettleMsPerLock: number;
}

export const defaultDriverTiming: DriverTiming = {
  ...defaultBusTiming,
  queryRetries: 2,
  openDeadlineMs: 2_000,
  openAllSettleMsPerLock: 150,
};

export interface OpenOutcome {
  board: number;
  lock: number;
  /** 'board': the board's reply confirmed it; 'query': the reply was lost and the door reads open. */
  confirmedBy: 'board' | 'query';
}

export interface OpenAllOutcome {
  board: number;
  /** Locks that read open afterwards. */
  open: number[];
  /** Locks that still read closed (jammed, or nothing attached). */
  closed: number[];
}

export interface BoardDriverOptions {
  transport: ByteTransport;
  protocol: LockerProtocol;
  timing?: Partial<DriverTiming>;
  clock?: Clock;
  logger?: Logger;
}

export class BoardDriver {
  readonly protocol: LockerProtocol;
  private readonly bus: LockerBus;
  private readonly timing: DriverTiming;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(opts: BoardDriverOptions) {
    this.protocol = opts.protocol;
    this.timing = { ...defaultDriverTiming, ...opts.timing };
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.bus = new LockerBus(opts.transport, this.timing, this.clock, this.logger);
  }

  get transport(): ByteTransport {
    return this.bus.transport;
  }

  queryDoor(board: number, lock: number): Promise<DriverResult<LockReading>> {
    const bad = this.badAddress(board, lock);
    return bad ? Promise.resolve(bad) : this.query(() => this.protocol.queryDoor(board, lock));
  }

  queryBoard(board: number): Promise<DriverResult<BoardReading>> {
    const bad = this.badAddress(board, 1);
    return bad ? Promise.resolve(bad) : this.query(() => this.protocol.queryBoard(board));
  }

  async open(board: number, lock: number): Promise<DriverResult<OpenOutcome>> {
    const bad = this.badAddress(board, lock);
    if (bad) return bad;
    const sent = await this.bus.exchange(this.protocol.open(board, lock), {
      notAfterMs: this.clock.now() + this.timing.openDeadlineMs,
    });
    if (sent.ok) {
      if (sent.value?.released) return ok({ board, lock, confirmedBy: 'board' });
      this.logger.warn({ board, lock }, 'board reports the lock did not release');
      return fail('LOCK_JAMMED', `锁未弹开（板 ${board} 锁 ${lock}）/ lock ${board}-${lock} did not release`);
    }
    if (!sent.error.maybeSent)
      return { ok: false, error: { code: sent.error.code, message: sent.error.message } };

    // The open may have fired: look at the door, never send it again.
    this.logger.warn({ board, lock, error: sent.error.code }, 'open not confirmed; querying the door');
    const door = await this.queryDoor(board, lock);
    if (door.ok) {
      if (!door.value.closed) return ok({ board, lock, confirmedBy: 'query' });
      return fail(
        'DOOR_DID_NOT_OPEN',
        `柜门未打开（板 ${board} 锁 ${lock}）/ door ${board}-${lock} did not open`,
      );
    }
    return fail(
      door.error.code === 'BUS_UNPLUGGED' ? 'BUS_UNPLUGGED' : 'BOARD_SILENT',
      `开锁未确认，柜门状态未知，请先查询再重试 / open not confirmed and door state unknown ` +
        `(${sent.error.code}, then ${door.error.code}); query the door before trying again`,
    );
  }

  /** Opens every lock of a board (technician use): the board's own command, or one lock at a time. */
  async openAll(board: number): Promise<DriverResult<OpenAllOutcome>> {
    const bad = this.badAddress(board, 1);
    if (bad) return bad;
    const all = this.protocol.openAll(board);
    if (all) {
      const sent = await this.bus.exchange(all, {
        notAfterMs: this.clock.now() + this.timing.openDeadlineMs,
        holdMs: this.timing.openAllSettleMsPerLock * this.protocol.locksPerBoard,
      });
      if (!sent.ok) return { ok: false, error: { code: sent.error.code, message: sent.error.message } };
    } else {
      for (let lock = 1; lock <= this.protocol.locksPerBoard; lock++) {
        const r = await this.open(board, lock);
        if (!r.ok && r.error.code !== 'LOCK_JAMMED' && r.error.code !== 'DOOR_DID_NOT_OPEN') return r;
      }
    }
    const after = await this.queryBoard(board);
    if (!after.ok) return after;
    return ok({
      board,
      open: after.value.locks.filter((l) => !l.closed).map((l) => l.lock),
      closed: after.value.locks.filter((l) => l.closed).map((l) => l.lock),
    });
  }

  close(): Promise<void> {
    this.bus.dispose();
    return this.transport.close();
  }

  private async query<T>(make: () => Exchange<T>): Promise<DriverResult<T>> {
    let last: BusResult<T | undefined> | undefined;
    for (let attempt = 0; attempt <= this.timing.queryRetries; attempt++) {
      last = await this.bus.exchange(make());
      if (last.ok) return ok(last.value as T);
      if (last.error.code !== 'BOARD_SILENT' && last.error.code !== 'BAD_FRAME') break;
    }
    const error = last!.ok ? undefined : last!.error;
    return fail(error?.code ?? 'BOARD_SILENT', error?.message ?? 'no answer');
  }

  private badAddress(board: number, lock: number): { ok: false; error: DriverError } | undefined {
    const p = this.protocol;
    if (!Number.isInteger(board) || board < p.minBoard || board > p.maxBoard) {
      return fail(
        'BAD_REQUEST',
        `板号 ${board} 超出范围 / board outside ${p.minBoard}–${p.maxBoard} (${p.name})`,
      );
    }
    if (!Number.isInteger(lock) || lock < 1 || lock > p.locksPerBoard) {
      return fail('BAD_REQUEST', `锁号 ${lock} 超出范围 / lock outside 1–${p.locksPerBoard} (${p.name})`);
    }
    return undefined;
  }
}
