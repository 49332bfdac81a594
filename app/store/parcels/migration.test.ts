import Dexie from 'dexie';
import { KioskDb } from '../db';
import { recordAction } from '../outbox';
import { waitingParcels } from './records';
import type { ParcelRow } from './types';

/**
 * Dexie v6 (parcels) on a kiosk that ran v4 with real data: the outbox, its sequence, a pending door
 * side effect and the cash ledger carry over, and the new tables work at once.
 */
describe('KioskDb v6 (parcels) upgrade', () => {
  it('keeps a v4 database whole and adds the parcel tables', async () => {
    const name = 'parcels-migrate-v4';
    const old = new Dexie(name);
    old.version(1).stores({ outbox: '&id, &seq, type', meta: '&key', sideEffects: '&id, status, kind' });
    old.version(2).stores({
      categories: '&id, sort',
      catalogue: '&id, categoryId, barcode, *terms',
      notices: '&id, publishedAt, category',
      parcelManifests: '&id, waybill, phone',
      orderStatus: '&id, orderId',
      requestStatus: '&id, requestId, [kind+requestId]',
      traceRecords: '&id, code',
      villageSettings: '&id, villageId',
      rejected: '&id, &seq, rejectedAt',
    });
    old.version(3).stores({ orders: '&id, &no, phone, placedAt' });
    old.version(4).stores({ cashMovements: '&id, day, kind, refId', auditLog: '&id, at, kind' });
    await old.open();
    await old
      .table('outbox')
      .add({ id: 'm1', seq: 41, type: 'order.placed', at: '2026-11-01T08:00:00.000Z', payload: {} });
    await old.table('meta').put({ key: 'outboxSeq', value: 41 });
    await old
      .table('sideEffects')
      .add({ id: 'd1', kind: 'door', status: 'pending', createdAt: 'x', ref: 'p0' });
    await old
      .table('cashMovements')
      .add({ id: 'c1', day: '2026-11-01', kind: 'order', refId: 'o1', amountFen: 500, at: 'x' });
    await old.table('parcelManifests').add({
      id: 'w1',
      version: '3',
      waybill: 'ZT1',
      carrier: '中通',
      phone: null,
      recipientName: null,
      expectedAt: null,
    });
    old.close();

    const db = new KioskDb(name);
    await db.open();
    expect(await db.outbox.get('m1')).toMatchObject({ seq: 41 });
    expect(await db.sideEffects.get('d1')).toMatchObject({ status: 'pending' });
    expect(await db.cashMovements.count()).toBe(1);
    expect(await db.parcelManifests.where('waybill').equals('ZT1').count()).toBe(1);

    const row: ParcelRow = {
      id: 'p1',
      waybill: 'ZT1',
      carrier: '中通',
      phone: '13912345678',
      location: { kind: 'shelf', code: '1-1-1001' },
      codeHash: 'h',
      status: 'stored',
      storedAt: '2026-11-02T08:00:00.000Z',
      mutationId: 'm2',
    };
    const entry = await recordAction(db, { table: 'parcels', row, type: 'parcel.stored', payload: {} });
    // The sequence carries on from the old database's: never reused after an upgrade.
    expect(entry.seq).toBe(42);
    expect((await waitingParcels(db)).map((p) => p.id)).toEqual(['p1']);
    // The unique waybill index holds from the first row.
    await expect(db.parcels.add({ ...row, id: 'p2' })).rejects.toThrow();
  });
});
