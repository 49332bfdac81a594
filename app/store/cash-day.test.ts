import { mutationSchemas } from '../../sync/protocol';
import { addCashMovement, summarizeCash } from './cash';
import { closeCashDay, countDenominations, openCashDay, readCashDay } from './cash-day';
import { KioskDb } from './db';
import { placeOrder } from './orders';

let n = 0;
const freshDb = () => new KioskDb(`cash-day-test-${n++}`);
const at = (hhmm: string) => new Date(`2026-11-28T${hhmm}:00`);
const DAY = '2026-11-28';

describe('summarizeCash', () => {
  it('sums by kind in a fixed order and keeps in and out apart', () => {
    const s = summarizeCash([
      { kind: 'sale', amountFen: 2500 },
      { kind: 'float', amountFen: 20_000 },
      { kind: 'refund', amountFen: -5000 },
      { kind: 'sale', amountFen: 1250 },
    ]);
    expect(s.totals).toEqual([
      { kind: 'float', count: 1, amountFen: 20_000 },
      { kind: 'sale', count: 2, amountFen: 3750 },
      { kind: 'refund', count: 1, amountFen: -5000 },
    ]);
    expect(s).toMatchObject({ inFen: 23_750, outFen: 5000, expectedFen: 18_750 });
  });
});

describe('countDenominations', () => {
  it('adds notes and coins by face value and refuses unknown faces or part pieces', () => {
    expect(countDenominations({ 10000: 2, 1000: 3, 50: 1, 10: 4 })).toBe(23_090);
    expect(countDenominations({ 300: 1 })).toBeUndefined();
    expect(countDenominations({ 100: 1.5 })).toBeUndefined();
  });
});

describe('the cash day', () => {
  it('opens once with its float, counts a cash order at placement, and closes with the difference', async () => {
    const db = freshDb();
    expect(
      await openCashDay(db, { floatFen: 20_000, operatorId: 'op-1' }, { now: () => at('08:00') }),
    ).toMatchObject({
      ok: true,
    });
    expect(await openCashDay(db, { floatFen: 1, operatorId: 'op-1' }, { now: () => at('08:05') })).toEqual({
      ok: false,
      error: { code: 'ALREADY_OPEN' },
    });
    const order = await placeOrder(
      db,
      {
        phone: '13800138000',
        payment: 'cash',
        lines: [{ itemId: 'i1', name: '尿素', spec: '50kg', unit: '袋', qty: 1, unitPriceFen: 12_890 }],
      },
      { now: () => at('09:00') },
    );
    expect(order.ok).toBe(true);
    // An e-payment is not cash: the drawer does not see it.
    await placeOrder(
      db,
      {
        phone: '13800138000',
        payment: 'epay',
        lines: [{ itemId: 'i1', name: '尿素', spec: '50kg', unit: '袋', qty: 1, unitPriceFen: 12_890 }],
      },
      { now: () => at('09:05') },
    );
    await addCashMovement(db, { kind: 'refund', refId: 'b1', amountFen: -5000, at: at('10:00') });

    const open = await readCashDay(db, DAY);
    expect(open.summary.expectedFen).toBe(20_000 + 12_890 - 5000);
    expect(open.float?.amountFen).toBe(20_000);

    expect(
      await closeCashDay(
        db,
        { day: DAY, countedFen: 27_800, operatorId: 'op-1' },
        { now: () => at('18:00') },
      ),
    ).toEqual({ ok: false, error: { code: 'REASON_REQUIRED' } });
    const closed = await closeCashDay(
      db,
      { day: DAY, countedFen: 27_800, reason: '找零多给了九角', operatorId: 'op-1' },
      { now: () => at('18:00') },
    );
    if (!closed.ok) throw new Error(closed.error.code);
    expect(closed.value).toMatchObject({
      expectedFen: 27_890,
      countedFen: 27_800,
      differenceFen: -90,
      floatFen: 20_000,
    });

    const entry = (await db.outbox.toArray()).find((e) => e.type === 'cash.day_closed');
    expect(mutationSchemas['cash.day_closed'].parse(entry?.payload)).toEqual({
      dayId: closed.value.id,
      date: DAY,
      expectedFen: 27_890,
      countedFen: 27_800,
      operatorId: 'op-1',
      floatFen: 20_000,
      reason: '找零多给了九角',
      totals: [
        { kind: 'order', count: 1, amountFen: 12_890 },
        { kind: 'refund', count: 1, amountFen: -5000 },
      ],
    });
    expect(await closeCashDay(db, { day: DAY, countedFen: 0, operatorId: 'op-1' })).toEqual({
      ok: false,
      error: { code: 'ALREADY_CLOSED' },
    });

    // Money after the close stays in the day's ledger but is shown apart; the close stands.
    await addCashMovement(db, { kind: 'parcel_fee', refId: 'p1', amountFen: 100, at: at('19:00') });
    const after = await readCashDay(db, DAY);
    expect(after.closed?.countedFen).toBe(27_800);
    expect(after.summary.expectedFen).toBe(27_890);
    expect(after.afterClose.map((m) => m.kind)).toEqual(['parcel_fee']);
    expect(after.afterCloseFen).toBe(100);
  });

  it('closes a day never opened with a float, matching count needs no reason', async () => {
    const db = freshDb();
    await addCashMovement(db, { kind: 'sale', refId: 's1', amountFen: 300, at: at('11:00') });
    const closed = await closeCashDay(
      db,
      { day: DAY, countedFen: 300, denominations: { 100: 3 }, operatorId: 'op-2' },
      { now: () => at('12:00') },
    );
    expect(closed.ok && closed.value).toMatchObject({
      floatFen: 0,
      differenceFen: 0,
      denominations: { 100: 3 },
    });
    expect(closed.ok && closed.value.openedAt).toBeUndefined();
  });

  it('refuses a count whose notes do not add up to the counted amount', async () => {
    const db = freshDb();
    expect(
      await closeCashDay(db, { day: DAY, countedFen: 500, denominations: { 100: 3 }, operatorId: 'op-1' }),
    ).toEqual({
      ok: false,
      error: { code: 'INVALID', message: 'denominations' },
    });
    expect(await db.cashDays.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});
