import Dexie from 'dexie';
import { KioskDb } from './db';
import { recordAction } from './outbox';

let n = 0;

/** The v1 schema exactly as shipped (db.ts, version 1), opened by plain Dexie as the old kiosk did. */
async function createV1Database(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores({ outbox: '&id, &seq, type', meta: '&key', sideEffects: '&id, status, kind' });
  await v1.open();
  await v1.table('outbox').bulkAdd([
    {
      id: '01J00000000000000000000001',
      seq: 1,
      type: 'order.placed',
      at: '2026-11-01T08:00:00.000Z',
      payload: { orderId: 'o1' },
    },
    {
      id: '01J00000000000000000000002',
      seq: 2,
      type: 'parcel.stored',
      at: '2026-11-01T09:00:00.000Z',
      payload: { parcelId: 'p1' },
    },
  ]);
  await v1.table('meta').put({ key: 'outboxSeq', value: 2 });
  await v1.table('sideEffects').add({
    id: 'print-1',
    kind: 'print',
    status: 'pending',
    createdAt: '2026-11-01T08:00:01.000Z',
    ref: 'o1',
  });
  v1.close();
}

describe('KioskDb schema v2', () => {
  it('upgrades a real v1 database with its outbox, sequence and side effects intact', async () => {
    const name = `migrate-${n++}`;
    await createV1Database(name);

    const db = new KioskDb(name);
    await db.open();
    expect(db.verno).toBe(2);
    expect(await db.outbox.orderBy('seq').toArray()).toEqual([
      expect.objectContaining({ seq: 1, type: 'order.placed', payload: { orderId: 'o1' } }),
      expect.objectContaining({ seq: 2, type: 'parcel.stored', payload: { parcelId: 'p1' } }),
    ]);
    expect(await db.sideEffects.get('print-1')).toMatchObject({ status: 'pending', ref: 'o1' });

    // The per-device sequence carries on from where v1 left it: never reused after an upgrade.
    const next = await recordAction(db, {
      table: 'sideEffects',
      row: { id: 'print-2', kind: 'print', status: 'pending', createdAt: '', ref: 'o2' },
      type: 'order.placed',
      payload: {},
    });
    expect(next.seq).toBe(3);
    db.close();
  });

  it('adds the pulled tables, `rejected`, and a multiEntry index over the catalogue search terms', async () => {
    const db = new KioskDb(`migrate-${n++}`);
    await db.open();
    const names = db.tables.map((t) => t.name).sort();
    expect(names).toEqual(
      [
        'catalogue',
        'categories',
        'meta',
        'notices',
        'orderStatus',
        'outbox',
        'parcelManifests',
        'rejected',
        'requestStatus',
        'sideEffects',
        'traceRecords',
        'villageSettings',
      ].sort(),
    );
    const terms = db.catalogue.schema.idxByName['terms'];
    expect(terms?.multi).toBe(true);
    db.close();
  });
});
