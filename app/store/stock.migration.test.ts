import Dexie from 'dexie';
import { closeCashDay, readCashDay } from './cash-day';
import { KioskDb } from './db';
import { recordSale } from './sales';
import { stockCatalogueItem, stockIn } from './stock';

const V9_TABLES = ['stockItems', 'stockMovements', 'sales', 'deliveryNotes', 'deliveryReceipts', 'cashDays'];

/**
 * The schema just before v9, as the previous release opened it: every table the current KioskDb
 * declares except v9's, at version 8 (plain Dexie, so nothing of v9 is known to it).
 */
function previousSchema(): Record<string, string> {
  const probe = new KioskDb('v9-probe');
  const stores = Object.fromEntries(
    probe.tables
      .filter((t) => !V9_TABLES.includes(t.name))
      .map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ')]),
  );
  probe.close();
  return stores;
}

describe('KioskDb schema v9 (shop stock and cash days)', () => {
  it('upgrades a v8 database with a day of cash movements and an outbox, keeping both', async () => {
    const name = 'migrate-v9';
    const old = new Dexie(name);
    old.version(8).stores(previousSchema());
    await old.open();
    await old.table('cashMovements').bulkAdd([
      {
        id: 'c1',
        day: '2026-11-28',
        kind: 'float',
        refId: 'day:2026-11-28',
        amountFen: 20_000,
        at: '2026-11-28T00:00:00.000Z',
      },
      {
        id: 'c2',
        day: '2026-11-28',
        kind: 'order',
        refId: 'o1',
        amountFen: 12_890,
        at: '2026-11-28T01:00:00.000Z',
      },
    ]);
    await old
      .table('outbox')
      .add({ id: 'm1', seq: 7, type: 'order.placed', at: '2026-11-28T01:00:00.000Z', payload: {} });
    await old.table('meta').put({ key: 'outboxSeq', value: 7 });
    old.close();

    const db = new KioskDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(9);
    const day = await readCashDay(db, '2026-11-28');
    expect(day.summary.expectedFen).toBe(32_890);

    // The new tables work on the upgraded data, and the outbox sequence carries on.
    await stockCatalogueItem(db, {
      id: 'i1',
      name: '食盐',
      spec: '',
      unit: '袋',
      barcode: null,
      priceFen: 300,
    });
    await stockIn(db, { itemId: 'i1', qty: 5 });
    const sale = await recordSale(db, {
      lines: [{ itemId: 'i1', name: '食盐', qty: 2, unitPriceFen: 300 }],
      paidFen: 600,
    });
    expect(sale.ok).toBe(true);
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => e.seq)).toEqual([7, 8, 9]);
    const closed = await closeCashDay(db, { day: '2026-11-28', countedFen: 33_490, operatorId: 'op-1' });
    expect(closed.ok && closed.value).toMatchObject({
      expectedFen: 33_490,
      floatFen: 20_000,
      differenceFen: 0,
    });
  });
});
