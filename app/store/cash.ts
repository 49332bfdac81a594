/**
 * The cash drawer's ledger. Every flow that takes or pays out cash adds one movement, inside the
 * transaction that writes its own domain row (pass `cashTables` and a write to `recordAction`'s
 * `also`), so the drawer and the records can never disagree after a crash. 日结 sums a day's rows.
 */
import { ulid } from 'ulid';
import type { CashMovementRow, KioskDb } from './db';

export const cashTables = ['cashMovements'] as const;

/** The device's local calendar day: a cash day runs from opening to close on the point's own clock. */
export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export type NewCashMovement = Omit<CashMovementRow, 'id' | 'day' | 'at'> & { at?: Date };

/** Must run inside a transaction that includes `cashMovements` (or it opens its own). */
export async function addCashMovement(db: KioskDb, m: NewCashMovement): Promise<CashMovementRow> {
  if (!Number.isSafeInteger(m.amountFen))
    throw new RangeError(`cash amount must be integer fen: ${m.amountFen}`);
  const { at: when, ...rest } = m;
  const at = when ?? new Date();
  const row: CashMovementRow = { ...rest, id: ulid(), day: localDay(at), at: at.toISOString() };
  await db.cashMovements.add(row);
  return row;
}

export const cashMovementsOfDay = (db: KioskDb, day: string): Promise<CashMovementRow[]> =>
  db.cashMovements.where('day').equals(day).sortBy('at');
