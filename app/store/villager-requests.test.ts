/**
 * The four request stores (代销, 缴费, 订票, 退换): input checks that change nothing, one-transaction
 * writes whose payloads the county's schema accepts, and what the county's answers mean locally.
 */
import { mutationSchemas } from '../../sync/protocol';
import { billProblem, checkAccount, checkAmount, recordBill } from './bills';
import { KioskDb } from './db';
import { placeOrder } from './orders';
import { confirmListing, listingProblem, listingTotalFen, listProduce } from './produce';
import { countyAnswers } from './request-status-fixture';
import { requestReturn, returnableLines } from './returns';
import { requestTicket, ticketConfirmation, ticketProblem } from './tickets';
import { statusOf } from './villager-requests';

let n = 0;
const freshDb = () => new KioskDb(`requests-test-${n++}`);
const TODAY = new Date(2026, 10, 28, 10, 0); // 28 Nov 2026, local time
const PHONE = '13800138000';
const jpeg = { mime: 'image/jpeg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]).buffer };

async function nothingWritten(db: KioskDb) {
  expect(await db.outbox.count()).toBe(0);
  expect(await db.cashMovements.count()).toBe(0);
  expect(await db.photos.count()).toBe(0);
}

describe('bills (缴费充值)', () => {
  it('checks account and amount the way the screen explains them', () => {
    expect(checkAccount('electricity', '')).toBe('empty');
    expect(checkAccount('water', '12345')).toBe('meter');
    expect(checkAccount('water', '123456')).toBeUndefined();
    expect(checkAccount('phone', '1380013800')).toBe('length');
    expect(checkAccount('phone', '12800138000')).toBe('prefix');
    expect(checkAmount(99)).toBe('min');
    expect(checkAmount(100)).toBeUndefined();
    expect(checkAmount(200_000)).toBeUndefined();
    expect(checkAmount(200_001)).toBe('max');
    expect(checkAmount(50.5)).toBe('min');
    expect(billProblem({ phone: '138', kind: 'water', account: '123456', amountFen: 5000 })).toEqual({
      field: 'phone',
      problem: 'length',
    });
  });

  it('refuses a bad bill and writes nothing (no intent, no mutation, no cash)', async () => {
    const db = freshDb();
    const r = await recordBill(db, { phone: PHONE, kind: 'electricity', account: '12', amountFen: 5000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    expect(await db.billIntents.count()).toBe(0);
    await nothingWritten(db);
  });
});

describe('produce (代销)', () => {
  const good = { phone: PHONE, kind: '柑橘', quantity: 200, unit: '斤', askingPriceFen: 350 };

  it('checks quantity, price and harvest day; totals in integer fen', () => {
    expect(listingProblem({ ...good, quantity: 0 }, TODAY)).toEqual({ field: 'quantity', problem: 'min' });
    expect(listingProblem({ ...good, quantity: 100_000 }, TODAY)).toEqual({
      field: 'quantity',
      problem: 'max',
    });
    expect(listingProblem({ ...good, quantity: 1.5 }, TODAY)).toEqual({ field: 'quantity', problem: 'min' });
    expect(listingProblem({ ...good, askingPriceFen: 0 }, TODAY)).toEqual({ field: 'price', problem: 'min' });
    expect(listingProblem({ ...good, harvestDate: '2026-11-29' }, TODAY)).toEqual({
      field: 'harvestDate',
      problem: 'future',
    });
    expect(listingProblem({ ...good, harvestDate: '2025-11-01' }, TODAY)).toEqual({
      field: 'harvestDate',
      problem: 'old',
    });
    expect(listingProblem({ ...good, harvestDate: '2026-11-28' }, TODAY)).toBeUndefined();
    expect(listingProblem({ ...good, photo: { mime: 'text/html', bytes: jpeg.bytes } }, TODAY)).toEqual({
      field: 'photo',
      problem: 'type',
    });
    expect(listingTotalFen({ quantity: 200, askingPriceFen: 350 })).toBe(70_000);
  });

  it('writes listing, photo and mutation together; a refused one writes nothing', async () => {
    const db = freshDb();
    expect(await listProduce(db, { ...good, quantity: 0 }, { now: () => TODAY })).toMatchObject({
      ok: false,
    });
    await nothingWritten(db);

    const r = await listProduce(
      db,
      { ...good, harvestDate: '2026-11-20', photo: jpeg },
      { now: () => TODAY },
    );
    if (!r.ok) throw new Error(r.error.message);
    const [entry] = await db.outbox.toArray();
    expect(entry?.type).toBe('produce.listed');
    const payload = mutationSchemas['produce.listed'].parse(entry?.payload);
    expect(payload).toMatchObject({
      listingId: r.value.id,
      photoId: r.value.photoId,
      harvestDate: '2026-11-20',
    });
    expect((await db.photos.get(r.value.photoId!))?.mime).toBe('image/jpeg');
  });

  it('is confirmed once by an operator: mutation and audit line; a second confirmation is refused', async () => {
    const db = freshDb();
    const r = await listProduce(db, good, { now: () => TODAY });
    if (!r.ok) throw new Error(r.error.message);
    expect(await confirmListing(db, r.value.id, 'op-1')).toMatchObject({
      ok: true,
      value: { operatorId: 'op-1' },
    });
    expect(await confirmListing(db, r.value.id, 'op-2')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await confirmListing(db, 'nope', 'op-1')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await db.outbox.toArray()).map((e) => e.type)).toEqual([
      'produce.listed',
      'produce.confirmed',
      'audit.recorded',
    ]);
  });
});

describe('tickets (订票)', () => {
  const good = {
    phone: PHONE,
    route: '熊口镇 → 潜江城区（园林客运站）',
    travelDate: '2026-11-29',
    passengers: 2,
  };

  it('books from today up to 28 days ahead, 1 to 9 passengers', () => {
    expect(ticketProblem({ ...good, travelDate: '2026-11-27' }, TODAY)).toEqual({
      field: 'travelDate',
      problem: 'past',
    });
    expect(ticketProblem({ ...good, travelDate: '2026-11-28' }, TODAY)).toBeUndefined();
    expect(ticketProblem({ ...good, travelDate: '2026-12-26' }, TODAY)).toBeUndefined();
    expect(ticketProblem({ ...good, travelDate: '2026-12-27' }, TODAY)).toEqual({
      field: 'travelDate',
      problem: 'far',
    });
    expect(ticketProblem({ ...good, passengers: 0 }, TODAY)).toEqual({ field: 'passengers', problem: 'min' });
    expect(ticketProblem({ ...good, passengers: 10 }, TODAY)).toEqual({
      field: 'passengers',
      problem: 'max',
    });
    expect(ticketProblem({ ...good, route: '' }, TODAY)).toEqual({ field: 'route', problem: 'empty' });
  });

  it('keeps the latest answer of the county, and reads its confirmation defensively', async () => {
    const db = freshDb();
    const r = await requestTicket(db, good, { now: () => TODAY });
    if (!r.ok) throw new Error(r.error.message);
    expect(await statusOf(db, 'ticket', r.value.id)).toBeUndefined();
    await countyAnswers(db, {
      kind: 'ticket',
      requestId: r.value.id,
      status: 'confirmed',
      detail: { seat: '5号', departsAt: '2026-11-29T07:30:00+08:00', priceFen: 3000 },
    });
    const status = await statusOf(db, 'ticket', r.value.id);
    expect(ticketConfirmation(status?.detail)).toEqual({
      seat: '5号',
      departsAt: '2026-11-29T07:30:00+08:00',
      priceFen: 3000,
    });
    expect(ticketConfirmation({ seat: 5, priceFen: '30' })).toEqual({});
    await countyAnswers(db, { kind: 'ticket', requestId: r.value.id, status: 'refused' });
    expect((await statusOf(db, 'ticket', r.value.id))?.status).toBe('refused');
  });
});

describe('returns (代换代退)', () => {
  async function withOrder(db: KioskDb, phone = PHONE) {
    const placed = await placeOrder(db, {
      phone,
      payment: 'cash',
      lines: [{ itemId: 'sku-1', name: '尿素', spec: '50kg', unit: '袋', qty: 3, unitPriceFen: 12_890 }],
    });
    if (!placed.ok) throw new Error(placed.error.message);
    await db.outbox.clear();
    return placed.order;
  }
  const input = (orderId: string, qty: number) => ({
    phone: PHONE,
    orderId,
    itemId: 'sku-1',
    qty,
    kind: 'return' as const,
    reason: '质量问题',
  });

  it('never asks back more than was bought, across requests; refused ones give the quantity back', async () => {
    const db = freshDb();
    const order = await withOrder(db);
    expect(await requestReturn(db, input(order.id, 4))).toEqual({
      ok: false,
      problem: { field: 'qty', problem: 'max' },
    });
    expect(await requestReturn(db, input(order.id, 0))).toEqual({
      ok: false,
      problem: { field: 'qty', problem: 'min' },
    });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.returnRequests.count()).toBe(0);

    const first = await requestReturn(db, input(order.id, 2));
    if (!first.ok) throw new Error('refused');
    expect((await returnableLines(db, PHONE))[0]?.returnableQty).toBe(1);
    expect(await requestReturn(db, input(order.id, 2))).toEqual({
      ok: false,
      problem: { field: 'qty', problem: 'max' },
    });

    await countyAnswers(db, { kind: 'return', requestId: first.value.id, status: 'refused' });
    expect((await returnableLines(db, PHONE))[0]?.returnableQty).toBe(3);
    expect((await requestReturn(db, input(order.id, 3))).ok).toBe(true);
    expect(await requestReturn(db, input(order.id, 1))).toEqual({
      ok: false,
      problem: { field: 'line', problem: 'none-left' },
    });
  });

  it('refuses a line of someone else’s order', async () => {
    const db = freshDb();
    const theirs = await withOrder(db, '13912345678');
    expect(await requestReturn(db, input(theirs.id, 1))).toEqual({
      ok: false,
      problem: { field: 'line', problem: 'unknown' },
    });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.returnRequests.count()).toBe(0);
  });
});
