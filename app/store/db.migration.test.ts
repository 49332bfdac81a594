import Dexie from 'dexie';
import { KioskDb } from './db';
import { recordAction } from './outbox';
import { searchCatalogue } from './catalogue';
import { placeOrder } from './orders';
import { orderStatusOf } from './pull-store';
import { searchTerms } from './search-terms';

let n = 0;
/** The newest schema version in db.ts; each version's test below upgrades real data of the one before. */
/** The highest declared version: every upgrade path must end there. */
const LATEST = new KioskDb('latest-probe').verno;

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
    expect(db.verno).toBe(LATEST);
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
      expect.arrayContaining([
        'catalogue',
        'categories',
        'meta',
        'notices',
        'orderStatus',
        'orders',
        'outbox',
        'parcelManifests',
        'rejected',
        'requestStatus',
        'sideEffects',
        'traceRecords',
        'villageSettings',
      ]),
    );
    const terms = db.catalogue.schema.idxByName['terms'];
    expect(terms?.multi).toBe(true);
    db.close();
  });
});

/** The v1 and v2 schemas exactly as shipped (db.ts), opened by plain Dexie as the v2 kiosk did. */
async function createV2Database(name: string): Promise<void> {
  const v2 = new Dexie(name);
  v2.version(1).stores({ outbox: '&id, &seq, type', meta: '&key', sideEffects: '&id, status, kind' });
  v2.version(2).stores({
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
  await v2.open();
  await v2.table('outbox').bulkAdd([
    {
      id: '01J00000000000000000000007',
      seq: 7,
      type: 'parcel.stored',
      at: '2026-11-20T08:00:00.000Z',
      payload: {},
    },
  ]);
  await v2.table('rejected').add({
    id: '01J00000000000000000000006',
    seq: 6,
    type: 'order.placed',
    at: '2026-11-19T08:00:00.000Z',
    payload: { orderId: 'old' },
    reason: 'totalFen: 合计与明细不符',
    source: 'county',
    rejectedAt: '2026-11-19T09:00:00.000Z',
  });
  await v2.table('meta').bulkPut([
    { key: 'outboxSeq', value: 7 },
    { key: 'sync.cursor', value: '1234' },
  ]);
  await v2.table('categories').add({
    id: 'cat-fertilizer',
    name: '化肥',
    nameEn: 'Fertilizer',
    icon: 'fertilizer',
    sort: 1,
    version: '10',
  });
  const urea = {
    id: 'sku-010001',
    barcode: '6920000000017',
    name: '心连心 尿素 50kg',
    categoryId: 'cat-fertilizer',
    brand: '心连心',
    spec: '50kg/袋',
    unit: '袋',
    priceFen: 12_890,
    origin: null,
    tags: [],
    imageUrl: null,
    active: true,
    pinyin: 'xin lian xin niao su 50kg',
    initials: 'xlx ns 50kg',
    version: '11',
  };
  await v2.table('catalogue').add({ ...urea, terms: searchTerms(urea) });
  await v2.table('orderStatus').add({
    id: 'old',
    orderId: 'old',
    status: 'confirmed',
    note: null,
    settledTotalFen: null,
    version: '12',
  });
  v2.close();
}

describe('KioskDb schema v3', () => {
  it('upgrades a real v2 database with the outbox, rejected records, cursor and catalogue intact', async () => {
    const name = `migrate-${n++}`;
    await createV2Database(name);

    const db = new KioskDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ seq: 7, type: 'parcel.stored' })]);
    expect(await db.rejected.get('01J00000000000000000000006')).toMatchObject({ source: 'county' });
    expect(await db.meta.get('sync.cursor')).toMatchObject({ value: '1234' });
    expect(await orderStatusOf(db, 'old')).toMatchObject({ status: 'confirmed' });
    // The multiEntry search index carried over: 'ns' (尿素) still finds the item.
    expect((await searchCatalogue(db, 'ns')).map((r) => r.id)).toEqual(['sku-010001']);

    // The first order after the upgrade: number 1, and the device sequence carries on from 7.
    const placed = await placeOrder(db, {
      phone: '13800138000',
      lines: [
        {
          itemId: 'sku-010001',
          name: '心连心 尿素 50kg',
          spec: '50kg/袋',
          unit: '袋',
          qty: 2,
          unitPriceFen: 12_890,
        },
      ],
      payment: 'cash',
    });
    if (!placed.ok) throw new Error(placed.error.message);
    expect(placed.order.no).toBe(1);
    expect(await db.outbox.get(placed.order.mutationId)).toMatchObject({ seq: 8, type: 'order.placed' });
    db.close();
  });

  it('adds `orders` with a unique short number and indexes for phone and time', async () => {
    const db = new KioskDb(`migrate-${n++}`);
    await db.open();
    const { idxByName, primKey } = db.orders.schema;
    expect(primKey.keyPath).toBe('id');
    expect(idxByName['no']?.unique).toBe(true);
    expect(Object.keys(idxByName).sort()).toEqual(['no', 'phone', 'placedAt']);
    db.close();
  });
});

describe('KioskDb schema v4', () => {
  it('adds the cash ledger and the audit log, indexed by day and by time', async () => {
    const db = new KioskDb(`migrate-v4-${Date.now()}`);
    await db.open();
    expect(db.cashMovements.schema.idxByName['day']).toBeDefined();
    expect(db.cashMovements.schema.idxByName['refId']).toBeDefined();
    expect(db.auditLog.schema.idxByName['at']).toBeDefined();
    db.close();
  });
});

describe('KioskDb schema v8', () => {
  it('upgrades a v4 database with its audit log intact and adds operator accounts, villagers and trainings', async () => {
    const name = `migrate-v8-${n++}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({
      outbox: '&id, &seq, type',
      meta: '&key',
      sideEffects: '&id, status, kind',
      cashMovements: '&id, day, kind, refId',
      auditLog: '&id, at, kind',
    });
    await v4.open();
    await v4
      .table('auditLog')
      .add({ id: 'a1', at: '2026-11-01T08:00:00.000Z', kind: 'door.open', detail: {} });
    v4.close();

    const db = new KioskDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST);
    expect(await db.auditLog.get('a1')).toMatchObject({ kind: 'door.open' });
    expect(await db.operatorAccounts.count()).toBe(0);
    await db.villagers.add({
      id: 'v1',
      phone: '13912345678',
      consentAt: '2026-11-01T08:00:00.000Z',
      registeredAt: '2026-11-01T08:00:00.000Z',
      operatorId: 'op-1',
    });
    // One registry row per phone, enforced by the index.
    await expect(
      db.villagers.add({
        id: 'v2',
        phone: '13912345678',
        consentAt: '2026-11-01T08:00:00.000Z',
        registeredAt: '2026-11-01T08:00:00.000Z',
        operatorId: 'op-1',
      }),
    ).rejects.toThrow();
    expect(db.trainings.schema.idxByName['date']).toBeDefined();
    db.close();
  });
});
