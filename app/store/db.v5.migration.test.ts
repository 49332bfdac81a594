/**
 * Dexie v5 (villager requests, photos, refunds) only adds tables: a real v4 database — an order
 * waiting in the outbox, a cash movement — must come through with everything intact, the outbox
 * sequence carrying on, and the new tables writable.
 */
import Dexie from 'dexie';
import { recordBill } from './bills';
import { KioskDb } from './db';

let n = 0;

/** The v1–v4 schema exactly as shipped (db.ts), opened by plain Dexie as the v4 kiosk did. */
async function createV4Database(name: string): Promise<void> {
  const v4 = new Dexie(name);
  v4.version(1).stores({ outbox: '&id, &seq, type', meta: '&key', sideEffects: '&id, status, kind' });
  v4.version(2).stores({
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
  v4.version(3).stores({ orders: '&id, &no, phone, placedAt' });
  v4.version(4).stores({ cashMovements: '&id, day, kind, refId', auditLog: '&id, at, kind' });
  await v4.open();
  await v4.table('orders').add({
    id: 'o1',
    no: 1,
    mutationId: 'm1',
    phone: '13800138000',
    lines: [{ itemId: 'sku-1', name: '尿素', spec: '50kg', unit: '袋', qty: 1, unitPriceFen: 12_890 }],
    totalFen: 12_890,
    payment: 'cash',
    paymentState: 'due_at_counter',
    delivery: 'point',
    status: 'placed',
    placedAt: '2026-11-01T08:00:00.000Z',
  });
  await v4
    .table('outbox')
    .add({ id: 'm1', seq: 7, type: 'order.placed', at: '2026-11-01T08:00:00.000Z', payload: {} });
  await v4.table('meta').put({ key: 'outboxSeq', value: 7 });
  await v4.table('cashMovements').add({
    id: 'c1',
    day: '2026-11-01',
    kind: 'order',
    refId: 'o1',
    amountFen: 12_890,
    at: '2026-11-01T08:00:00.000Z',
  });
  await v4.table('requestStatus').add({
    id: 'bill:b0',
    version: '5',
    kind: 'bill',
    requestId: 'b0',
    status: 'failed',
    note: null,
    amountFen: 100,
    detail: null,
  });
  v4.close();
}

describe('KioskDb schema v5', () => {
  it('upgrades a real v4 database with its orders, outbox and cash intact, and takes villager requests', async () => {
    const name = `migrate-v5-${n++}`;
    await createV4Database(name);
    const db = new KioskDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5);
    expect(await db.orders.get('o1')).toMatchObject({ no: 1, totalFen: 12_890 });
    expect(await db.cashMovements.get('c1')).toMatchObject({ kind: 'order', amountFen: 12_890 });
    expect(await db.requestStatus.get('bill:b0')).toMatchObject({ status: 'failed' });

    const bill = await recordBill(db, {
      phone: '13800138000',
      kind: 'water',
      account: '880001',
      amountFen: 2000,
    });
    expect(bill.ok).toBe(true);
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => [e.seq, e.type])).toEqual([
      [7, 'order.placed'],
      [8, 'bill.intent'],
    ]);
    expect(await db.cashMovements.count()).toBe(2);
    for (const table of [db.produceListings, db.ticketRequests, db.returnRequests, db.photos, db.refunds]) {
      expect(await table.count()).toBe(0);
    }
    db.close();
  });
});
