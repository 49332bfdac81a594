import { KioskDb } from '../db';
import { markReturnedToCourier, overdueFee, overdueParcels, takeStorageFee } from './overdue';
import type { ParcelRow } from './types';

let n = 0;
const freshDb = () => new KioskDb(`parcels-overdue-${n++}`);
const DAY = 24 * 60 * 60_000;
const now = new Date('2026-11-20T10:00:00.000Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY).toISOString();

function parcel(id: string, storedAt: string, extra: Partial<ParcelRow> = {}): ParcelRow {
  return {
    id,
    waybill: `YT${id}`,
    carrier: '圆通',
    phone: '13912345678',
    location: { kind: 'locker', compartmentId: 'A01', board: 1, lock: 1, size: 'S' },
    codeHash: `h-${id}`,
    status: 'stored',
    storedAt,
    mutationId: `m-${id}`,
    ...extra,
  };
}

async function withSettings(db: KioskDb, overdueDays: number, fee: number) {
  await db.villageSettings.put({
    id: 'v1',
    version: '1',
    villageId: 'v1',
    overdueDays,
    storageFeeFenPerDay: fee,
  });
}

describe('overdue parcels', () => {
  it('counts every started day past the limit and charges it in fen', () => {
    const s = { overdueDays: 7, storageFeeFenPerDay: 50 };
    expect(overdueFee({ storedAt: daysAgo(7) }, now, s)).toEqual({ daysOverdue: 0, feeFen: 0, feeDueFen: 0 });
    expect(overdueFee({ storedAt: daysAgo(7.001) }, now, s)).toMatchObject({ daysOverdue: 1, feeFen: 50 });
    expect(overdueFee({ storedAt: daysAgo(9.5) }, now, s)).toMatchObject({ daysOverdue: 3, feeFen: 150 });
    expect(overdueFee({ storedAt: daysAgo(9.5), feePaidFen: 100 }, now, s)).toMatchObject({ feeDueFen: 50 });
    // A wrong clock that puts storage in the future never makes a parcel overdue.
    expect(overdueFee({ storedAt: daysAgo(-3) }, now, s).daysOverdue).toBe(0);
  });

  it('lists only waiting parcels past the village limit, oldest first, with the fee', async () => {
    const db = freshDb();
    await withSettings(db, 3, 100);
    await db.parcels.bulkAdd([
      parcel('p1', daysAgo(2)),
      parcel('p2', daysAgo(5)),
      parcel('p3', daysAgo(10), { status: 'collected' }),
      parcel('p4', daysAgo(4)),
    ]);
    const list = await overdueParcels(db, now);
    expect(list.map((o) => [o.parcel.id, o.daysOverdue, o.feeFen])).toEqual([
      ['p2', 2, 200],
      ['p4', 1, 100],
    ]);
  });

  it('uses 7 days and no fee before the county has sent the village settings', async () => {
    const db = freshDb();
    await db.parcels.bulkAdd([parcel('p1', daysAgo(6)), parcel('p2', daysAgo(8))]);
    expect((await overdueParcels(db, now)).map((o) => [o.parcel.id, o.feeFen])).toEqual([['p2', 0]]);
  });

  it('takes the fee due in cash once, with a parcel_fee movement and an audit line', async () => {
    const db = freshDb();
    await withSettings(db, 3, 100);
    await db.parcels.add(parcel('p1', daysAgo(5)));
    expect(await takeStorageFee(db, 'p1', 'op-1', () => now)).toEqual({ ok: true, value: { feeFen: 200 } });
    expect(await db.cashMovements.toArray()).toEqual([
      expect.objectContaining({ kind: 'parcel_fee', refId: 'p1', amountFen: 200, operatorId: 'op-1' }),
    ]);
    expect(await db.outbox.toArray()).toMatchObject([
      { type: 'audit.recorded', payload: { kind: 'parcel.fee', detail: { parcelId: 'p1', feeFen: 200 } } },
    ]);
    const again = await takeStorageFee(db, 'p1', 'op-1', () => now);
    expect(again).toMatchObject({ ok: false, error: { code: 'NOTHING_DUE' } });
    expect(await db.cashMovements.count()).toBe(1);
    expect((await overdueParcels(db, now))[0]).toMatchObject({ feeFen: 200, feeDueFen: 0 });
  });

  it('marks parcels returned to the courier with an audit line each, freeing them from the list', async () => {
    const db = freshDb();
    await db.parcels.bulkAdd([parcel('p1', daysAgo(9)), parcel('p2', daysAgo(8))]);
    const r = await markReturnedToCourier(db, ['p1', 'p2'], 'op-1', { manifestId: 'man-1', now: () => now });
    expect(r.ok && r.value.returned.map((p) => p.status)).toEqual(['returned', 'returned']);
    expect(await db.parcels.get('p1')).toMatchObject({ status: 'returned', returnedBy: 'op-1' });
    expect(await overdueParcels(db, now)).toEqual([]);
    const audits = (await db.outbox.toArray()).map((e) => e.payload as { kind: string; detail: unknown });
    expect(audits).toMatchObject([
      { kind: 'parcel.return', detail: { parcelId: 'p1', manifestId: 'man-1' } },
      { kind: 'parcel.return', detail: { parcelId: 'p2' } },
    ]);
  });

  it('returns nothing at all when one of the parcels was collected meanwhile', async () => {
    const db = freshDb();
    await db.parcels.bulkAdd([parcel('p1', daysAgo(9)), parcel('p2', daysAgo(8), { status: 'collected' })]);
    const r = await markReturnedToCourier(db, ['p1', 'p2'], 'op-1', { now: () => now });
    expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_STATE', parcelId: 'p2' } });
    expect(await db.parcels.get('p1')).toMatchObject({ status: 'stored' });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.parcelEvents.count()).toBe(0);
  });
});
