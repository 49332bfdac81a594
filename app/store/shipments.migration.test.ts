/**
 * Dexie v7 (shipments, dispatch manifests) upgrades a kiosk that was already in use: a database made
 * by the v4 schema as shipped, with a pending order, a cash movement and pulled tracking status,
 * opens with its data intact, and the first shipment continues the outbox sequence.
 */
import Dexie from 'dexie';
import { KioskDb } from './db';
import { recordShipment, shipmentsByPhone } from './shipments';

const name = 'shipments-migration-v4';

async function createV4Database(): Promise<void> {
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
  await v4.table('outbox').add({ id: 'm-41', seq: 41, type: 'order.placed', at: '', payload: {} });
  await v4.table('meta').put({ key: 'outboxSeq', value: 41 });
  await v4.table('cashMovements').add({
    id: 'c1',
    day: '2026-11-27',
    kind: 'order',
    refId: 'o1',
    amountFen: 2500,
    at: '2026-11-27T08:00:00.000Z',
  });
  v4.close();
}

it('opens a v4 database with its data, and records the first shipment after it', async () => {
  await createV4Database();
  const db = new KioskDb(name);
  await db.open();
  expect(await db.outbox.get('m-41')).toMatchObject({ seq: 41 });
  expect(await db.cashMovements.get('c1')).toMatchObject({ amountFen: 2500 });
  expect(await db.shipments.count()).toBe(0);
  expect(await db.dispatchManifests.count()).toBe(0);

  const r = await recordShipment(db, {
    sender: { name: '张三', phone: '13812345678' },
    recipient: {
      name: '李四',
      phone: '13987654321',
      province: '湖北省',
      city: '武汉市',
      county: '洪山区',
      address: '1号',
    },
    carrier: '中国邮政',
    weightGrams: 500,
    feeFen: 1000,
    operatorId: 'op-1',
  });
  if (!r.ok) throw new Error(r.error.message);
  expect(r.shipment.no).toBe(1);
  expect((await db.outbox.get(r.shipment.mutationId))?.seq).toBe(42);
  expect((await shipmentsByPhone(db, '13812345678')).map((s) => s.id)).toEqual([r.shipment.id]);
  db.close();
});
