import { mutationSchemas } from '../../sync/protocol';
import { recordBill } from './bills';
import { placeOrder } from './orders';
import { cashMovementsOfDay, localDay } from './cash';
import { KioskDb } from './db';
import { payOutRefund, refundState, refundsDue, refundsPaid } from './refunds';
import { countyAnswers } from './request-status-fixture';

let n = 0;
const freshDb = () => new KioskDb(`refunds-test-${n++}`);
const AT = new Date('2026-11-28T09:30:00+08:00');

async function paidBill(db: KioskDb, amountFen: number, account = '3300123456') {
  const r = await recordBill(
    db,
    { phone: '13800138000', kind: 'electricity', account, amountFen },
    { now: () => AT },
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('refunds', () => {
  it('owes nothing for a bill the county has not answered or has completed', async () => {
    const db = freshDb();
    const pending = await paidBill(db, 5000);
    const done = await paidBill(db, 2000);
    await countyAnswers(db, { kind: 'bill', requestId: done.id, status: 'completed' });
    expect(await refundsDue(db)).toEqual([]);
    expect(await refundState(db, 'bill', pending.id)).toEqual({ state: 'none' });
  });

  it('owes the amount the county names for a failed bill, or the whole cash paid when it names none', async () => {
    const db = freshDb();
    const a = await paidBill(db, 5000);
    const b = await paidBill(db, 10000, '3300999999');
    await countyAnswers(db, {
      kind: 'bill',
      requestId: a.id,
      status: 'failed',
      amountFen: 4500,
      note: '户号不存在',
    });
    await countyAnswers(db, { kind: 'bill', requestId: b.id, status: 'failed' });
    const due = await refundsDue(db);
    expect(due).toEqual([
      expect.objectContaining({
        id: `bill:${a.id}`,
        refId: a.id,
        amountFen: 4500,
        note: '户号不存在',
        phone: '13800138000',
      }),
      expect.objectContaining({
        id: `bill:${b.id}`,
        amountFen: 10000,
        detail: { billKind: 'electricity', account: '3300999999' },
      }),
    ]);
    expect(await refundState(db, 'bill', a.id)).toEqual({ state: 'due', amountFen: 4500 });
  });

  it('pays a refund out once: negative cash movement, refund row and audit line in one go; a second payout is refused', async () => {
    const db = freshDb();
    const bill = await paidBill(db, 5000);
    await countyAnswers(db, { kind: 'bill', requestId: bill.id, status: 'failed', amountFen: 5000 });
    const paidAt = new Date('2026-11-29T10:00:00+08:00');

    const paid = await payOutRefund(db, `bill:${bill.id}`, 'op-7', () => paidAt);
    expect(paid).toMatchObject({ ok: true, value: { amountFen: 5000, operatorId: 'op-7', refId: bill.id } });
    expect(await refundsDue(db)).toEqual([]);
    expect(await refundState(db, 'bill', bill.id)).toMatchObject({ state: 'paid', amountFen: 5000 });
    expect(await refundsPaid(db)).toHaveLength(1);

    // The drawer: +50.00 when the bill was paid, -50.00 when refunded (each on its own day).
    const day1 = await cashMovementsOfDay(db, localDay(AT));
    const day2 = await cashMovementsOfDay(db, localDay(paidAt));
    expect(day1.map((m) => [m.kind, m.amountFen])).toEqual([['bill', 5000]]);
    expect(day2.map((m) => [m.kind, m.amountFen, m.operatorId])).toEqual([['refund', -5000, 'op-7']]);

    // The county hears of it through the audit log.
    const audit = (await db.outbox.toArray()).filter((e) => e.type === 'audit.recorded');
    expect(audit).toHaveLength(1);
    expect(mutationSchemas['audit.recorded'].parse(audit[0]!.payload)).toMatchObject({
      kind: 'refund.paid',
      operatorId: 'op-7',
      detail: { refundId: `bill:${bill.id}`, amountFen: 5000 },
    });

    const again = await payOutRefund(db, `bill:${bill.id}`, 'op-7');
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await db.cashMovements.where('kind').equals('refund').toArray()).length).toBe(1);
  });

  it('refuses to pay out what is not owed, and changes nothing', async () => {
    const db = freshDb();
    const bill = await paidBill(db, 5000);
    const before = await db.cashMovements.count();
    expect(await payOutRefund(db, `bill:${bill.id}`, 'op-7')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await payOutRefund(db, 'bill:nope', 'op-7')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await payOutRefund(db, `bill:${bill.id}`, '')).toMatchObject({
      ok: false,
      error: { code: 'INVALID' },
    });
    expect(await db.cashMovements.count()).toBe(before);
    expect(await db.refunds.count()).toBe(0);
  });
});

describe('refunds of cash orders (代购)', () => {
  async function cashOrder(db: KioskDb, payment: 'cash' | 'epay' = 'cash') {
    const r = await placeOrder(
      db,
      {
        phone: '13900139000',
        payment,
        lines: [{ itemId: 'sku-1', name: '尿素', spec: '50kg', unit: '袋', qty: 2, unitPriceFen: 13500 }],
      },
      { now: () => AT },
    );
    if (!r.ok) throw new Error(r.error.message);
    return r.order;
  }
  const answer = (db: KioskDb, orderId: string, status: string, settledTotalFen: number | null) =>
    db.orderStatus.put({
      id: orderId,
      version: '9',
      orderId,
      status: status as 'confirmed',
      note: '县中心缺货',
      settledTotalFen,
    });

  it('owes the whole cash total of an order the county cancelled, and pays it out once', async () => {
    const db = freshDb();
    const order = await cashOrder(db);
    expect(await refundsDue(db)).toEqual([]);
    await answer(db, order.id, 'cancelled', null);
    expect(await refundsDue(db)).toMatchObject([
      {
        id: `order:${order.id}`,
        source: 'order',
        amountFen: 27000,
        phone: '13900139000',
        note: '县中心缺货',
      },
    ]);
    expect((await payOutRefund(db, `order:${order.id}`, 'op-1', () => AT)).ok).toBe(true);
    expect(await refundState(db, 'order', order.id)).toMatchObject({ state: 'paid', amountFen: 27000 });
    // The drawer: +270.00 when placed, −270.00 when refunded.
    expect((await cashMovementsOfDay(db, localDay(AT))).map((m) => [m.kind, m.amountFen])).toEqual([
      ['order', 27000],
      ['refund', -27000],
    ]);
  });

  it('owes the difference when the county settles lower, nothing when it settles higher or for e-payments', async () => {
    const db = freshDb();
    const lower = await cashOrder(db);
    const higher = await cashOrder(db);
    const epay = await cashOrder(db, 'epay');
    await answer(db, lower.id, 'confirmed', 25000);
    await answer(db, higher.id, 'confirmed', 28000);
    await answer(db, epay.id, 'rejected', null);
    expect((await refundsDue(db)).map((r) => [r.refId, r.amountFen])).toEqual([[lower.id, 2000]]);
  });
});
