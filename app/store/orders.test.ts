import { mutationSchemas } from '../../sync/protocol';
import { KioskDb, type OrderLineRow } from './db';
import {
  checkPhone,
  checkQty,
  formatOrderNo,
  orderById,
  orderTotalFen,
  ordersByPhone,
  placeOrder,
} from './orders';
import { pendingCount } from './outbox';

let n = 0;
const freshDb = () => new KioskDb(`orders-test-${n++}`);

const urea: OrderLineRow = {
  itemId: 'sku-010012',
  name: '心连心 尿素 N≥46% 50kg',
  spec: '50kg/袋',
  unit: '袋',
  qty: 3,
  unitPriceFen: 12_890,
};
const oil: OrderLineRow = {
  itemId: 'sku-070003',
  name: '鲁花 花生油 5L',
  spec: '5L/桶',
  unit: '桶',
  qty: 2,
  unitPriceFen: 15_990,
};

describe('placeOrder', () => {
  it('writes the order and its order.placed mutation together, with matching ids and a valid payload', async () => {
    const db = freshDb();
    const at = new Date('2026-11-28T09:30:00+08:00');
    const result = await placeOrder(
      db,
      { phone: '13800138000', lines: [urea, oil], payment: 'cash' },
      {
        now: () => at,
      },
    );
    if (!result.ok) throw new Error(result.error.message);
    const { order } = result;

    expect(await db.orders.get(order.id)).toEqual(order);
    expect(order).toMatchObject({
      no: 1,
      phone: '13800138000',
      totalFen: 3 * 12_890 + 2 * 15_990,
      payment: 'cash',
      paymentState: 'due_at_counter',
      delivery: 'point',
      status: 'placed',
      placedAt: at.toISOString(),
    });
    expect(order.lines).toEqual([urea, oil]); // spec and unit kept for the receipt

    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    const [entry] = outbox;
    expect(entry).toMatchObject({ id: order.mutationId, type: 'order.placed', seq: 1, at: at.toISOString() });
    const payload = mutationSchemas['order.placed'].parse(entry!.payload);
    expect(payload.orderId).toBe(order.id);
    expect(payload.totalFen).toBe(orderTotalFen(payload.lines));
    expect(payload.lines).toEqual([
      { itemId: urea.itemId, name: urea.name, qty: 3, unitPriceFen: 12_890 },
      { itemId: oil.itemId, name: oil.name, qty: 2, unitPriceFen: 15_990 },
    ]);
  });

  it('records an e-payment as awaiting confirmation', async () => {
    const db = freshDb();
    const result = await placeOrder(db, { phone: '15912345678', lines: [oil], payment: 'epay' });
    expect(result.ok && result.order.paymentState).toBe('awaiting_confirmation');
  });

  it('numbers orders 1, 2, 3 on this device, each with the next outbox sequence', async () => {
    const db = freshDb();
    const placed = [];
    for (let i = 0; i < 3; i++) {
      const r = await placeOrder(db, { phone: '13800138000', lines: [oil], payment: 'cash' });
      if (!r.ok) throw new Error(r.error.message);
      placed.push(r.order);
    }
    expect(placed.map((o) => o.no)).toEqual([1, 2, 3]);
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => e.id)).toEqual(
      placed.map((o) => o.mutationId),
    );
    expect(formatOrderNo(placed[2]!.no)).toBe('0003');
    expect((await ordersByPhone(db, '13800138000')).map((o) => o.no)).toEqual([3, 2, 1]);
  });

  it.each([
    ['a 10-digit phone', { phone: '1380013800' }, 'phone'],
    ['a phone starting 12', { phone: '12800138000' }, 'phone'],
    ['an empty cart', { lines: [] }, 'lines'],
    ['quantity 0', { lines: [{ ...oil, qty: 0 }] }, 'lines.0.qty'],
    ['quantity 10,000', { lines: [{ ...oil, qty: 10_000 }] }, 'lines.0.qty'],
    ['a fractional price', { lines: [{ ...oil, unitPriceFen: 15.5 }] }, 'lines.0.unitPriceFen'],
  ])('refuses %s and changes nothing', async (_what, change, path) => {
    const db = freshDb();
    const result = await placeOrder(db, { phone: '13800138000', lines: [oil], payment: 'cash', ...change });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ORDER' } });
    expect(!result.ok && result.error.message.startsWith(`${path}:`)).toBe(true);
    expect(await db.orders.count()).toBe(0);
    expect(await pendingCount(db)).toBe(0);
  });

  it('leaves neither row behind when the outbox write fails, and reports it as a value', async () => {
    const db = freshDb();
    const first = await placeOrder(db, { phone: '13800138000', lines: [oil], payment: 'cash' });
    if (!first.ok) throw new Error(first.error.message);
    // A second order whose mutation id collides with the first one's: the outbox add fails.
    const ids = ['order-2', first.order.mutationId];
    const second = await placeOrder(
      db,
      { phone: '13800138000', lines: [urea], payment: 'cash' },
      { newId: () => ids.shift()! },
    );
    expect(second).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
    expect(await orderById(db, 'order-2')).toBeUndefined();
    expect(await db.orders.count()).toBe(1);
    expect(await pendingCount(db)).toBe(1);
  });
});

describe('order rules', () => {
  it('tells why a phone number cannot be used', () => {
    expect(checkPhone('')).toBe('empty');
    expect(checkPhone('1380013800')).toBe('length');
    expect(checkPhone('138001380001')).toBe('length');
    expect(checkPhone('12800138000')).toBe('prefix');
    expect(checkPhone('13800138000')).toBeUndefined();
  });

  it('accepts whole quantities from 1 to 9999', () => {
    expect(checkQty(0)).toBe('min');
    expect(checkQty(1.5)).toBe('min');
    expect(checkQty(10_000)).toBe('max');
    expect(checkQty(1)).toBeUndefined();
    expect(checkQty(9999)).toBeUndefined();
  });

  it('totals in integer fen with no floating point drift', () => {
    // 0.1 + 0.2 style amounts: 10 fen × 3 is 30, not 30.000000000000004.
    expect(
      orderTotalFen([
        { qty: 3, unitPriceFen: 10 },
        { qty: 1, unitPriceFen: 20 },
      ]),
    ).toBe(50);
    expect(orderTotalFen([])).toBe(0);
  });
});
