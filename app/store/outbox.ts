/**
 * The outbox: what this point has done that the county must learn of, exactly once.
 * `recordAction` is the only way to add to it, and it writes the domain row in the same
 * transaction, with the next per-device sequence number — a crash leaves both rows or neither.
 */
import { ulid } from 'ulid';
import type { KioskDb, OutboxEntry } from './db';

const SEQ_KEY = 'outboxSeq';

export interface RecordActionOptions<Row> {
  /** The Dexie table of the domain row (orders, parcels...). */
  table: string;
  row: Row;
  type: string;
  payload: unknown;
  now?: () => Date;
  newId?: () => string;
  /**
   * Further writes that are part of the same action — a cash movement (cash.ts), an audit line,
   * a stock movement — made inside the same transaction, so a crash keeps all of them or none.
   */
  also?: { tables: string[]; write: () => Promise<void> };
}

export async function recordAction<Row>(db: KioskDb, opts: RecordActionOptions<Row>): Promise<OutboxEntry> {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? ulid;
  const extra = (opts.also?.tables ?? []).map((t) => db.table(t));
  return db.transaction('rw', [db.table(opts.table), db.outbox, db.meta, ...extra], async () => {
    const last = (await db.meta.get(SEQ_KEY))?.value;
    const seq = (typeof last === 'number' ? last : 0) + 1;
    await db.table(opts.table).add(opts.row);
    const entry: OutboxEntry = {
      id: newId(),
      seq,
      type: opts.type,
      at: now().toISOString(),
      payload: opts.payload,
    };
    await db.outbox.add(entry);
    await db.meta.put({ key: SEQ_KEY, value: seq });
    await opts.also?.write();
    return entry;
  });
}

export const pendingCount = (db: KioskDb): Promise<number> => db.outbox.count();
