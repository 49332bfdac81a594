import { mutationSchemas } from '../../sync/protocol';
import { KioskDb } from './db';
import { pendingDeliveries, receiveDelivery } from './deliveries';
import { recordSale } from './sales';
import {
  addLocalItem,
  adjustStock,
  lowStock,
  shelfItemForCode,
  stockCatalogueItem,
  stockIn,
  updateShelfItem,
} from './stock';

let n = 0;
const freshDb = () => new KioskDb(`stock-test-${n++}`);

const soy = {
  id: 'sku-070001',
  name: '海天 酱油 500ml',
  spec: '500ml/瓶',
  unit: '瓶',
  barcode: '6902265000016',
  priceFen: 1250,
};

async function outboxTypes(db: KioskDb) {
  return (await db.outbox.orderBy('seq').toArray()).map((e) => e.type);
}

describe('shelf items', () => {
  it('puts a catalogue item on the shelf by its scanned barcode, at qty 0', async () => {
    const db = freshDb();
    await db.catalogue.add({
      ...soy,
      categoryId: 'c7',
      brand: '海天',
      origin: null,
      tags: [],
      imageUrl: null,
      active: true,
      pinyin: 'jiangyou',
      initials: 'jy',
      version: '1',
      terms: [],
    });
    const item = await shelfItemForCode(db, soy.barcode);
    expect(item).toMatchObject({ id: soy.id, source: 'catalogue', qty: 0, priceFen: 1250 });
    expect(await shelfItemForCode(db, '0000000000')).toBeUndefined();
  });

  it('adds a local item with its own barcode and refuses a second item with the same barcode', async () => {
    const db = freshDb();
    const egg = await addLocalItem(db, { name: '土鸡蛋', barcode: '2000001', unit: '个', priceFen: 100 });
    expect(egg.ok && egg.value).toMatchObject({ source: 'local', name: '土鸡蛋', qty: 0 });
    const again = await addLocalItem(db, { name: '鸭蛋', barcode: '2000001', unit: '个', priceFen: 150 });
    expect(again).toEqual({
      ok: false,
      error: { code: 'BARCODE_TAKEN', barcode: '2000001', itemId: egg.ok ? egg.value.id : '' },
    });
    expect(await addLocalItem(db, { name: ' ', unit: '个', priceFen: 1 })).toMatchObject({ ok: false });
  });
});

describe('stock movements', () => {
  it('books a stock-in with its stock.moved mutation and raises the shelf qty', async () => {
    const db = freshDb();
    await stockCatalogueItem(db, soy);
    const r = await stockIn(db, { itemId: soy.id, qty: 12, unitCostFen: 900, operatorId: 'op-1' });
    expect(r.ok).toBe(true);
    expect((await db.stockItems.get(soy.id))?.qty).toBe(12);
    const [entry] = await db.outbox.toArray();
    expect(entry?.type).toBe('stock.moved');
    expect(mutationSchemas['stock.moved'].parse(entry?.payload)).toMatchObject({
      itemId: soy.id,
      qtyDelta: 12,
      reason: 'purchase',
      unitCostFen: 900,
      name: soy.name,
    });
  });

  it('names the operator in the audit log for a stock-in and a price change', async () => {
    const db = freshDb();
    await stockCatalogueItem(db, soy);
    await stockIn(db, { itemId: soy.id, qty: 5, operatorId: 'op-2' });
    await updateShelfItem(db, soy.id, { priceFen: 1300 }, { operatorId: 'op-2' });
    await updateShelfItem(db, soy.id, { lowAt: 1 }, { operatorId: 'op-2' }); // not a price: no line
    const audit = await db.auditLog.toArray();
    expect(audit.map((a) => [a.kind, a.operatorId, a.detail]).sort()).toEqual([
      ['stock.in', 'op-2', { itemId: soy.id, qty: 5 }],
      ['stock.price', 'op-2', { itemId: soy.id, from: 1250, to: 1300 }],
    ]);
    expect(await outboxTypes(db)).toEqual(['stock.moved', 'audit.recorded', 'audit.recorded']);
  });

  it('refuses a loss beyond the shelf and changes nothing', async () => {
    const db = freshDb();
    await stockCatalogueItem(db, soy);
    await stockIn(db, { itemId: soy.id, qty: 2 });
    const r = await adjustStock(db, { kind: 'loss', itemId: soy.id, qty: 3, note: '打碎' });
    expect(r).toEqual({ ok: false, error: { code: 'NEGATIVE', itemId: soy.id, have: 2, want: 3 } });
    expect((await db.stockItems.get(soy.id))?.qty).toBe(2);
    expect(await db.stockMovements.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });

  it('books a count as the difference, with the reason, and an audit line; a matching count books nothing', async () => {
    const db = freshDb();
    await stockCatalogueItem(db, soy);
    await stockIn(db, { itemId: soy.id, qty: 10 });
    const r = await adjustStock(db, {
      kind: 'count',
      itemId: soy.id,
      counted: 7,
      note: '盘点',
      operatorId: 'op-1',
    });
    expect(r.ok && r.value).toMatchObject({ qtyDelta: -3, reason: 'count', note: '盘点' });
    expect((await db.stockItems.get(soy.id))?.qty).toBe(7);
    expect(await outboxTypes(db)).toEqual(['stock.moved', 'stock.moved', 'audit.recorded']);
    expect(await adjustStock(db, { kind: 'count', itemId: soy.id, counted: 7, note: '再盘' })).toEqual({
      ok: true,
      value: null,
    });
    expect(await adjustStock(db, { kind: 'count', itemId: soy.id, counted: 5, note: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID', message: 'note' },
    });
  });

  it('lists items at or below their mark as low stock, emptiest first', async () => {
    const db = freshDb();
    await stockCatalogueItem(db, soy);
    const egg = await addLocalItem(db, { name: '土鸡蛋', unit: '个', priceFen: 100, lowAt: 10 });
    if (!egg.ok) throw new Error('egg');
    await stockIn(db, { itemId: soy.id, qty: 20 });
    await stockIn(db, { itemId: egg.value.id, qty: 4 });
    expect((await lowStock(db)).map((i) => i.name)).toEqual(['土鸡蛋']);
    await updateShelfItem(db, soy.id, { lowAt: 25 });
    expect((await lowStock(db)).map((i) => i.name)).toEqual(['土鸡蛋', '海天 酱油 500ml']);
  });
});

describe('counter sales', () => {
  async function shelf() {
    const db = freshDb();
    await stockCatalogueItem(db, soy);
    await stockIn(db, { itemId: soy.id, qty: 3 });
    return db;
  }
  const line = (qty: number) => ({ itemId: soy.id, name: soy.name, qty, unitPriceFen: soy.priceFen });

  it('takes stock off the shelf and cash into the drawer in one sale.recorded', async () => {
    const db = await shelf();
    const at = new Date('2026-11-28T10:00:00+08:00');
    const r = await recordSale(
      db,
      { lines: [line(2)], paidFen: 5000, operatorId: 'op-1' },
      { now: () => at },
    );
    if (!r.ok) throw new Error(r.error.code);
    expect(r.sale).toMatchObject({ no: 1, totalFen: 2500, paidFen: 5000, changeFen: 2500, shortfalls: [] });
    expect((await db.stockItems.get(soy.id))?.qty).toBe(1);
    expect(await db.cashMovements.toArray()).toEqual([
      expect.objectContaining({ kind: 'sale', refId: r.sale.id, amountFen: 2500, day: '2026-11-28' }),
    ]);
    const types = await outboxTypes(db);
    expect(types).toEqual(['stock.moved', 'sale.recorded']); // the stock-in, then the sale
    const sale = (await db.outbox.toArray()).find((e) => e.type === 'sale.recorded');
    expect(mutationSchemas['sale.recorded'].parse(sale?.payload)).toMatchObject({
      saleId: r.sale.id,
      totalFen: 2500,
    });
  });

  it('asks before selling beyond the shelf, then books the shortfall explicitly and never goes negative', async () => {
    const db = await shelf();
    const asked = await recordSale(db, { lines: [line(5)], paidFen: 10_000 });
    expect(asked).toEqual({
      ok: false,
      error: { code: 'SHORT', lines: [{ itemId: soy.id, name: soy.name, have: 3, want: 5 }] },
    });
    expect(await db.sales.count()).toBe(0);
    expect(await db.cashMovements.count()).toBe(0);

    const r = await recordSale(db, { lines: [line(5)], paidFen: 10_000, confirmShort: [soy.id] });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.sale.shortfalls).toEqual([{ itemId: soy.id, qty: 2 }]);
    expect((await db.stockItems.get(soy.id))?.qty).toBe(0);
    const moves = await db.stockMovements.where('itemId').equals(soy.id).sortBy('id');
    expect(moves.map((m) => [m.reason, m.qtyDelta])).toEqual([
      ['purchase', 3],
      ['count', 2],
      ['sale', -5],
    ]);
    expect(await outboxTypes(db)).toEqual(['stock.moved', 'stock.moved', 'sale.recorded']);
  });

  it('refuses less cash than the total and an unknown item, writing nothing', async () => {
    const db = await shelf();
    expect(await recordSale(db, { lines: [line(1)], paidFen: 1000 })).toEqual({
      ok: false,
      error: { code: 'UNDERPAID', totalFen: 1250, paidFen: 1000 },
    });
    expect(
      await recordSale(db, { lines: [{ itemId: 'nope', name: '无', qty: 1, unitPriceFen: 1 }], paidFen: 1 }),
    ).toEqual({ ok: false, error: { code: 'UNKNOWN_ITEM', itemId: 'nope' } });
    expect(await db.sales.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('counter sales when storage fails', () => {
  it('answers STORAGE and leaves nothing half-written', async () => {
    const db = freshDb();
    await stockCatalogueItem(db, soy);
    await stockIn(db, { itemId: soy.id, qty: 3 });
    db.close();
    const r = await recordSale(db, {
      lines: [{ itemId: soy.id, name: soy.name, qty: 1, unitPriceFen: soy.priceFen }],
      paidFen: 1250,
    });
    if (r.ok || r.error.code !== 'STORAGE') throw new Error(`expected STORAGE, got ${JSON.stringify(r)}`);
    expect(r.error.message).toMatch(/Closed/);
    await db.open();
    expect(await db.sales.count()).toBe(0);
    expect((await db.stockItems.get(soy.id))?.qty).toBe(3);
  });
});

describe('delivery notes', () => {
  it('receives a pulled note once, booking each line as purchase with the note as reference', async () => {
    const db = freshDb();
    await db.deliveryNotes.add({
      id: 'dn-1',
      version: '5',
      villageId: 'v1',
      deliveredAt: '2026-11-28T01:00:00.000Z',
      lines: [
        { itemId: soy.id, name: soy.name, qty: 24, unitCostFen: 900 },
        { itemId: 'sku-x', name: '洗衣粉', qty: 6, unitCostFen: 700 },
      ],
    });
    expect((await pendingDeliveries(db)).map((d) => d.id)).toEqual(['dn-1']);
    const r = await receiveDelivery(db, 'dn-1', { received: { 'sku-x': 5 }, operatorId: 'op-1' });
    expect(r.ok && r.value.lines).toEqual([
      { itemId: soy.id, name: soy.name, qtyExpected: 24, qtyReceived: 24 },
      { itemId: 'sku-x', name: '洗衣粉', qtyExpected: 6, qtyReceived: 5 },
    ]);
    expect((await db.stockItems.get(soy.id))?.qty).toBe(24);
    expect(await db.stockItems.get('sku-x')).toMatchObject({ qty: 5, priceFen: 0, name: '洗衣粉' });
    const payloads = (await db.outbox.toArray())
      .filter((e) => e.type === 'stock.moved')
      .map((e) => e.payload);
    expect(payloads).toEqual([
      expect.objectContaining({ qtyDelta: 24, reason: 'purchase', refId: 'dn-1', unitCostFen: 900 }),
      expect.objectContaining({ qtyDelta: 5, refId: 'dn-1', note: '送货单 6，实收 5' }),
    ]);
    expect(await pendingDeliveries(db)).toEqual([]);
    expect(await receiveDelivery(db, 'dn-1')).toMatchObject({
      ok: false,
      error: { message: 'already received' },
    });
    expect((await db.stockItems.get(soy.id))?.qty).toBe(24);
  });
});
