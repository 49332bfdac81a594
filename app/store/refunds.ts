/**
 * Refunds the point owes villagers: cash taken for something the county could not deliver.
 * Sources: bills the county failed (缴费失败), and cash orders (代购) the county cancelled or rejected, or
 * settled at a lower total than the villager paid at the counter. Another source joins by adding one
 * entry to `SOURCES` — nothing else changes.
 *
 * API (stable; the cash day 日结 lists refunds through it):
 * - `refundsDue(db)`: what is owed and not yet paid back, oldest first.
 * - `refundState(db, source, refId)`: 'none' | 'due' | 'paid' for one request (what the villager sees).
 * - `payOutRefund(db, refundId, operatorId)`: pays one back.
 *
 * Invariants:
 * - A refund's id is `<source>:<refId>`, so a failed bill can be refunded once, ever: the `refunds`
 *   row is the proof it was paid, and `payOutRefund` re-reads what is due inside its transaction.
 * - Paying out writes the refund row, a cash movement kind 'refund' with a NEGATIVE amount and an
 *   audit line (`refund.paid`, which reaches the county) in ONE transaction: the drawer, the list of
 *   what is owed and the county's log cannot disagree after a crash.
 */
import type { Table } from 'dexie';
import { addCashMovement, cashTables } from './cash';
import { recordAudit, auditTables } from './audit';
import type { BillKind } from './bills';
import type { KioskDb } from './db';
import { statusesOf, storageError, type RequestResult } from './villager-requests';

export type RefundSource = 'bill' | 'order';

/** What the villager is owed; `detail` says what it was for, per source. */
export type RefundDue = {
  id: string;
  refId: string;
  phone: string;
  amountFen: number; // positive: what the point pays back
  /** The county's reason, when it gave one. */
  note: string | null;
  /** When the money was taken (device time, display only). */
  since: string;
} & (
  | { source: 'bill'; detail: { billKind: BillKind; account: string } }
  | { source: 'order'; detail: { orderNo: number; paidFen: number; settledFen: number | null } }
);

/** A refund paid back at the counter. */
export interface RefundRow {
  id: string; // `<source>:<refId>`
  source: RefundSource;
  refId: string;
  phone: string;
  amountFen: number; // positive: what was paid back (the cash movement is its negative)
  operatorId: string;
  cashMovementId: string;
  paidAt: string; // device time, display only
}

export const refundId = (source: RefundSource, refId: string): string => `${source}:${refId}`;

interface SourceSpec {
  source: RefundSource;
  /** The tables `owed` reads, so payOutRefund can include them in its transaction. */
  tables: (db: KioskDb) => Table[];
  /** Everything this source has ever owed (paid or not). */
  owed: (db: KioskDb) => Promise<RefundDue[]>;
}

/**
 * Bills: the county's `failed` answer carries the refund due as `amountFen` (the county decides it:
 * usually all the cash paid); if it gave none, the whole cash paid is due.
 */
const bills: SourceSpec = {
  source: 'bill',
  tables: (db) => [db.requestStatus, db.billIntents],
  owed: async (db) => {
    const statuses = await statusesOf(db, 'bill');
    const failed = [...statuses.values()].filter((s) => s.status === 'failed');
    const intents = await db.billIntents.bulkGet(failed.map((s) => s.requestId));
    const due: RefundDue[] = [];
    failed.forEach((s, i) => {
      const intent = intents[i];
      if (!intent) return; // another terminal's bill: its own drawer refunds it
      const amountFen = s.amountFen ?? intent.paidCashFen;
      if (amountFen <= 0) return;
      due.push({
        id: refundId('bill', intent.id),
        source: 'bill',
        refId: intent.id,
        phone: intent.phone,
        amountFen,
        note: s.note,
        since: intent.createdAt,
        detail: { billKind: intent.kind, account: intent.account },
      });
    });
    return due;
  },
};

/**
 * Cash orders: the villager paid the whole total at the counter when the order was placed (a cash
 * movement 'order', orders.ts). If the county cancels or rejects it, all of it is owed back; if it
 * settles the order at a lower total (a price fell, an item was short), the difference is. A higher
 * settled total is not a refund: the counter collects it. E-payments are refunded by the provider.
 */
const orders: SourceSpec = {
  source: 'order',
  tables: (db) => [db.orderStatus, db.orders],
  owed: async (db) => {
    const statuses = await db.orderStatus.toArray();
    const byOrder = new Map(statuses.map((s) => [s.orderId, s]));
    const placed = await db.orders.bulkGet([...byOrder.keys()]);
    const due: RefundDue[] = [];
    for (const order of placed) {
      if (!order || order.payment !== 'cash') continue;
      const s = byOrder.get(order.id)!;
      const void_ = s.status === 'cancelled' || s.status === 'rejected';
      const amountFen = void_
        ? order.totalFen
        : s.settledTotalFen !== null && s.settledTotalFen < order.totalFen
          ? order.totalFen - s.settledTotalFen
          : 0;
      if (amountFen <= 0) continue;
      due.push({
        id: refundId('order', order.id),
        source: 'order',
        refId: order.id,
        phone: order.phone,
        amountFen,
        note: s.note,
        since: order.placedAt,
        detail: { orderNo: order.no, paidFen: order.totalFen, settledFen: void_ ? null : s.settledTotalFen },
      });
    }
    return due;
  },
};

const SOURCES: readonly SourceSpec[] = [bills, orders];

const readTables = (db: KioskDb) => [db.refunds, ...SOURCES.flatMap((s) => s.tables(db))];

async function owedNotPaid(db: KioskDb): Promise<RefundDue[]> {
  const owed = (await Promise.all(SOURCES.map((s) => s.owed(db)))).flat();
  const paid = await db.refunds.bulkGet(owed.map((r) => r.id));
  return owed.filter((_, i) => !paid[i]).sort((a, b) => a.since.localeCompare(b.since));
}

/** What the point owes and has not paid back, oldest first. */
export const refundsDue = (db: KioskDb): Promise<RefundDue[]> =>
  db.transaction('r', readTables(db), () => owedNotPaid(db));

/** Refunds already paid back, newest first. */
export const refundsPaid = async (db: KioskDb): Promise<RefundRow[]> =>
  (await db.refunds.orderBy('paidAt').toArray()).reverse();

export type RefundState =
  | { state: 'none' }
  | { state: 'due'; amountFen: number }
  | { state: 'paid'; amountFen: number; paidAt: string };

/** For one request (e.g. a bill): nothing owed, owed, or paid back. */
export async function refundState(db: KioskDb, source: RefundSource, refId: string): Promise<RefundState> {
  return db.transaction('r', readTables(db), async () => {
    const paid = await db.refunds.get(refundId(source, refId));
    if (paid) return { state: 'paid', amountFen: paid.amountFen, paidAt: paid.paidAt };
    const due = (await owedNotPaid(db)).find((r) => r.id === refundId(source, refId));
    return due ? { state: 'due', amountFen: due.amountFen } : { state: 'none' };
  });
}

/**
 * Pays one refund back in cash. NOT_FOUND when nothing is owed under that id (never was, or the
 * county has not failed it); CONFLICT when it was already paid — the drawer is never paid out twice.
 */
export async function payOutRefund(
  db: KioskDb,
  id: string,
  operatorId: string,
  now: () => Date = () => new Date(),
): Promise<RequestResult<RefundRow>> {
  if (!operatorId) return { ok: false, error: { code: 'INVALID', message: 'operatorId is required' } };
  try {
    return await db.transaction(
      'rw',
      [...readTables(db), ...cashTables.map((t) => db.table(t)), ...auditTables.map((t) => db.table(t))],
      async (): Promise<RequestResult<RefundRow>> => {
        if (await db.refunds.get(id)) {
          return { ok: false, error: { code: 'CONFLICT', message: `refund ${id} was already paid` } };
        }
        const due = (await owedNotPaid(db)).find((r) => r.id === id);
        if (!due) return { ok: false, error: { code: 'NOT_FOUND', message: `no refund ${id} is due` } };
        const at = now();
        const movement = await addCashMovement(db, {
          kind: 'refund',
          refId: due.refId,
          amountFen: -due.amountFen,
          operatorId,
          note: id,
          at,
        });
        const row: RefundRow = {
          id,
          source: due.source,
          refId: due.refId,
          phone: due.phone,
          amountFen: due.amountFen,
          operatorId,
          cashMovementId: movement.id,
          paidAt: at.toISOString(),
        };
        await db.refunds.add(row);
        await recordAudit(
          db,
          {
            kind: 'refund.paid',
            operatorId,
            detail: { refundId: id, source: due.source, refId: due.refId, amountFen: due.amountFen },
          },
          () => at,
        );
        return { ok: true, value: row };
      },
    );
  } catch (e) {
    return storageError(e);
  }
}
