/**
 * The cash day (日结, issue 7): open with a float, watch every movement of the day, count the drawer
 * at close, record the difference with a reason, print the report, sync the close to the county.
 *
 * Invariants:
 * - A day is its local calendar day (cash.ts `localDay`). It is opened by its one 'float' movement
 *   and closed by its one `cashDays` row, written with its `cash.day_closed` mutation in ONE
 *   transaction that re-reads the movements: the expected amount is what the ledger held at the
 *   moment of closing, never a figure the screen computed earlier.
 * - expected = Σ of the day's movements (float included); difference = counted − expected. A
 *   difference other than zero needs the operator's reason.
 * - Money moved after the close (a parcel fee at 8 pm) still belongs to that day's ledger; it is
 *   shown as "after close" and goes into the next day's drawer when the operator counts the float.
 */
import { ulid } from 'ulid';
import { mutationSchemas, type MutationPayload } from '../../sync/protocol';
import { auditTables, recordAudit } from './audit';
import {
  addCashMovement,
  cashMovementsOfDay,
  cashTables,
  localDay,
  summarizeCash,
  type CashSummary,
} from './cash';
import type { CashMovementRow, KioskDb } from './db';
import { recordAction } from './outbox';
import type { CashDayRow } from './stock-rows';

export type { CashDayRow, CashTotal } from './stock-rows';

/** Notes and coins of the renminbi a drawer holds, in fen, largest first. */
export const DENOMINATIONS = [10000, 5000, 2000, 1000, 500, 100, 50, 10] as const;

export const MAX_FLOAT_FEN = 10_000_00;

export type CashDayError =
  { code: 'ALREADY_OPEN' | 'ALREADY_CLOSED' | 'REASON_REQUIRED' } | { code: 'INVALID'; message: string };
export type CashDayResult<T> = { ok: true; value: T } | { ok: false; error: CashDayError };

export interface Deps {
  now?: () => Date;
  newId?: () => string;
}

export interface CashDayView {
  day: string;
  /** The float movement, if the day was opened. */
  float?: CashMovementRow;
  closed?: CashDayRow;
  movements: CashMovementRow[];
  /** Up to the close (all of them while the day is open). */
  summary: CashSummary;
  /** Movements after the close, and their sum. */
  afterClose: CashMovementRow[];
  afterCloseFen: number;
}

/** Everything the cash day screen shows, read in one transaction. */
export async function readCashDay(db: KioskDb, day: string): Promise<CashDayView> {
  return db.transaction('r', db.cashMovements, db.cashDays, async () => {
    const movements = await cashMovementsOfDay(db, day);
    const closed = await db.cashDays.where('day').equals(day).first();
    const before = closed ? movements.filter((m) => !isAfterClose(m, closed)) : movements;
    const afterClose = closed ? movements.filter((m) => isAfterClose(m, closed)) : [];
    return {
      day,
      ...optional(
        'float',
        movements.find((m) => m.kind === 'float'),
      ),
      ...optional('closed', closed),
      movements,
      summary: summarizeCash(before),
      afterClose,
      afterCloseFen: afterClose.reduce((s, m) => s + m.amountFen, 0),
    };
  });
}

/** The close read the ledger in its own transaction: anything stamped later came after it. */
const isAfterClose = (m: CashMovementRow, closed: CashDayRow) => m.at > closed.closedAt;

export async function openCashDay(
  db: KioskDb,
  input: { floatFen: number; operatorId: string },
  deps: Deps = {},
): Promise<CashDayResult<CashMovementRow>> {
  if (!Number.isSafeInteger(input.floatFen) || input.floatFen < 0 || input.floatFen > MAX_FLOAT_FEN)
    return { ok: false, error: { code: 'INVALID', message: 'floatFen' } };
  const at = (deps.now ?? (() => new Date()))();
  const day = localDay(at);
  const tables = [...new Set(['cashDays', ...cashTables, ...auditTables])];
  return db.transaction('rw', tables, async (): Promise<CashDayResult<CashMovementRow>> => {
    if (await db.cashDays.where('day').equals(day).first())
      return { ok: false, error: { code: 'ALREADY_CLOSED' } };
    const opened = await db.cashMovements
      .where('day')
      .equals(day)
      .filter((m) => m.kind === 'float')
      .first();
    if (opened) return { ok: false, error: { code: 'ALREADY_OPEN' } };
    const movement = await addCashMovement(db, {
      kind: 'float',
      refId: `day:${day}`,
      amountFen: input.floatFen,
      operatorId: input.operatorId,
      at,
    });
    await recordAudit(
      db,
      { kind: 'cashday.open', operatorId: input.operatorId, detail: { day, floatFen: input.floatFen } },
      () => at,
    );
    return { ok: true, value: movement };
  });
}

/** Σ pieces × face value; undefined for a count that is not whole pieces of known notes and coins. */
export function countDenominations(pieces: Readonly<Record<string, number>>): number | undefined {
  let fen = 0;
  for (const [face, n] of Object.entries(pieces)) {
    if (!DENOMINATIONS.includes(Number(face) as (typeof DENOMINATIONS)[number])) return undefined;
    if (!Number.isSafeInteger(n) || n < 0 || n > 100_000) return undefined;
    fen += Number(face) * n;
  }
  return fen;
}

export interface CloseInput {
  day: string;
  countedFen: number;
  denominations?: Record<string, number>;
  reason?: string;
  operatorId: string;
}

export async function closeCashDay(
  db: KioskDb,
  input: CloseInput,
  deps: Deps = {},
): Promise<CashDayResult<CashDayRow>> {
  const reason = input.reason?.trim() || undefined;
  if (!Number.isSafeInteger(input.countedFen) || input.countedFen < 0)
    return { ok: false, error: { code: 'INVALID', message: 'countedFen' } };
  if (input.denominations && countDenominations(input.denominations) !== input.countedFen)
    return { ok: false, error: { code: 'INVALID', message: 'denominations' } };
  const at = (deps.now ?? (() => new Date()))();
  const newId = deps.newId ?? ulid;
  const tables = [...new Set(['cashDays', ...cashTables, 'outbox', 'meta'])];
  return db.transaction('rw', tables, async (): Promise<CashDayResult<CashDayRow>> => {
    if (await db.cashDays.where('day').equals(input.day).first())
      return { ok: false, error: { code: 'ALREADY_CLOSED' } };
    const movements = await cashMovementsOfDay(db, input.day);
    const summary = summarizeCash(movements);
    const differenceFen = input.countedFen - summary.expectedFen;
    if (differenceFen !== 0 && !reason) return { ok: false, error: { code: 'REASON_REQUIRED' } };
    const float = movements.find((m) => m.kind === 'float');
    const row: CashDayRow = {
      id: newId(),
      day: input.day,
      floatFen: float?.amountFen ?? 0,
      ...optional('openedAt', float?.at),
      closedAt: at.toISOString(),
      expectedFen: summary.expectedFen,
      countedFen: input.countedFen,
      differenceFen,
      ...optional('reason', reason),
      ...optional('denominations', input.denominations),
      totals: summary.totals,
      operatorId: input.operatorId,
      mutationId: newId(),
    };
    const payload: MutationPayload<'cash.day_closed'> = {
      dayId: row.id,
      date: row.day,
      expectedFen: row.expectedFen,
      countedFen: row.countedFen,
      operatorId: row.operatorId,
      floatFen: row.floatFen,
      ...optional('reason', reason),
      totals: row.totals.filter((t) => t.kind !== 'float'),
    };
    const parsed = mutationSchemas['cash.day_closed'].safeParse(payload);
    if (!parsed.success)
      return { ok: false, error: { code: 'INVALID', message: parsed.error.issues[0]?.message ?? '' } };
    await recordAction(db, {
      table: 'cashDays',
      row,
      type: 'cash.day_closed',
      payload: parsed.data,
      now: () => at,
      newId: () => row.mutationId,
    });
    return { ok: true, value: row };
  });
}

export const todayOf = (now: Date = new Date()): string => localDay(now);

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
