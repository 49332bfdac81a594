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

/** The order in which kinds are listed on the cash day screen and its printed report. */
export const CASH_KINDS: readonly CashMovementRow['kind'][] = [
  'float',
  'order',
  'sale',
  'bill',
  'parcel_fee',
  'shipping_fee',
  'refund',
  'payout',
  'adjustment',
];

export interface CashSummary {
  /** Per kind that occurred, in CASH_KINDS order: how many movements and their signed sum. */
  totals: { kind: CashMovementRow['kind']; count: number; amountFen: number }[];
  inFen: number; // Σ of positive amounts (the float included)
  outFen: number; // Σ of |negative amounts|
  /** What the drawer should hold: inFen − outFen, i.e. the signed sum of every movement. */
  expectedFen: number;
}

/** Pure arithmetic over a day's movements; integer fen throughout (cash.property.test.ts). */
export function summarizeCash(
  movements: readonly Pick<CashMovementRow, 'kind' | 'amountFen'>[],
): CashSummary {
  const byKind = new Map<CashMovementRow['kind'], { count: number; amountFen: number }>();
  let inFen = 0;
  let outFen = 0;
  for (const m of movements) {
    const t = byKind.get(m.kind) ?? { count: 0, amountFen: 0 };
    t.count += 1;
    t.amountFen += m.amountFen;
    byKind.set(m.kind, t);
    if (m.amountFen > 0) inFen += m.amountFen;
    else outFen -= m.amountFen;
  }
  const totals = CASH_KINDS.filter((k) => byKind.has(k)).map((kind) => ({ kind, ...byKind.get(kind)! }));
  return { totals, inFen, outFen, expectedFen: inFen - outFen };
}
