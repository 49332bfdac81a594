/**
 * Villager requests at the county: what kiosks recorded is listed with filters, each answer is
 * validated, follows the allowed transitions, and reaches the request's village (and only it) as
 * request_status in the protocol's shape. Migration 0004 keeps version-3 rows.
 */
import { silentLogger } from '../common/logger';
import { seedCounties } from '../assets/seed';
import { entitySchemas, type ChangeEnvelope, type MutationType } from '../sync/protocol';
import type { Db } from './db';
import { provisionDevice } from './devices';
import { migrate, schemaVersion } from './migrate';
import { pushMutations } from './push';
import type { CountyServer } from './server';
import { envelope, openTestDb, orderPayload } from './testing';
import {
  adminInject,
  enrolKiosk,
  pullAsKiosk,
  pushAsKiosk,
  testCountyServer,
  type TestKiosk,
} from './testing-server';

const county = seedCounties[0]!;
const [villageA, villageB] = county.townships[0]!.villages;
const base = `/api/v1/admin/counties/${county.id}`;
const PHONE = '13912345678';

describe('villager requests (代销, 缴费, 订票, 退换) at the county', () => {
  let db: Db;
  let app: CountyServer;
  const kiosks: Record<'a' | 'b', TestKiosk> = {} as never;

  const pullNew = (who: 'a' | 'b'): Promise<ChangeEnvelope[]> => pullAsKiosk(app, kiosks[who]);
  async function push(who: 'a' | 'b', type: MutationType, payload: unknown) {
    expect((await pushAsKiosk(app, kiosks[who], type, payload)).status).toBe('applied');
  }
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    adminInject(app, method, url, payload);
  /** The request_status changes a kiosk pulls, parsed with the protocol's schema. */
  const statuses = async (who: 'a' | 'b') =>
    (await pullNew(who))
      .filter((c) => c.entity === 'request_status')
      .map((c) => ({ id: c.id, ...entitySchemas.request_status.parse(c.data) }));

  beforeAll(async () => {
    db = await openTestDb({ seed: true });
    app = testCountyServer(db);
    kiosks.a = await enrolKiosk(app, db, villageA!.id, 'a');
    kiosks.b = await enrolKiosk(app, db, villageB!.id, 'b');
    const bill = (intentId: string, account: string) => ({
      intentId,
      phone: PHONE,
      kind: 'electricity',
      account,
      amountFen: 5000,
      paidCashFen: 5000,
    });
    await push('a', 'bill.intent', bill('bill-a1', '3300111111'));
    await push('a', 'bill.intent', bill('bill-a2', '3300222222'));
    await push('b', 'bill.intent', bill('bill-b1', '3300333333'));
    await push('a', 'produce.listed', {
      listingId: 'lst-a1',
      phone: PHONE,
      kind: '柑橘',
      quantity: 200,
      unit: '斤',
      askingPriceFen: 350,
      harvestDate: '2026-11-20',
    });
    await push('a', 'ticket.requested', {
      requestId: 'tkt-a1',
      phone: PHONE,
      route: '熊口镇 → 潜江城区（园林客运站）',
      travelDate: '2026-12-01',
      passengers: 2,
    });
    await push('a', 'order.placed', { ...orderPayload('ord-a1'), phone: PHONE });
    await push('a', 'return.requested', {
      returnId: 'ret-a1',
      orderId: 'ord-a1',
      itemId: 'sku-010001',
      qty: 1,
      kind: 'exchange',
      reason: '包装破损',
    });
    await pullNew('a');
    await pullNew('b');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('lists bill intents with filters: village, status and phone', async () => {
    const all = (await call('GET', `${base}/bill-intents`)).json<{ id: string }[]>();
    expect(all.map((b) => b.id).sort()).toEqual(['bill-a1', 'bill-a2', 'bill-b1']);
    const inA = (await call('GET', `${base}/bill-intents?villageId=${villageA!.id}&status=pending`)).json<
      unknown[]
    >();
    expect(inA).toHaveLength(2);
    expect(inA).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'bill-a1',
          phone: PHONE,
          amountFen: 5000,
          paidCashFen: 5000,
          status: 'pending',
        }),
      ]),
    );
    expect((await call('GET', `${base}/bill-intents?phone=5678`)).json()).toHaveLength(3);
    expect((await call('GET', `${base}/bill-intents?status=paid`)).statusCode).toBe(400);
  });

  it('fails a bill with the refund due, published to its village only; a second answer is 409', async () => {
    const res = await call('POST', `${base}/bill-intents/bill-a1/answer`, {
      action: 'fail',
      note: '户号不存在',
      refundFen: 5000,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: 'bill-a1',
      status: 'failed',
      refundFen: 5000,
      note: '户号不存在',
    });

    expect(await statuses('a')).toEqual([
      {
        id: 'bill:bill-a1',
        kind: 'bill',
        requestId: 'bill-a1',
        status: 'failed',
        note: '户号不存在',
        amountFen: 5000,
        detail: { billKind: 'electricity', account: '3300111111' },
      },
    ]);
    expect(await statuses('b')).toEqual([]);

    const again = await call('POST', `${base}/bill-intents/bill-a1/answer`, { action: 'complete' });
    expect(again.statusCode).toBe(409);
    expect(await statuses('a')).toEqual([]);
  });

  it('completes a bill, defaults a failed refund to all the cash paid, and refuses a refund above it', async () => {
    const tooMuch = await call('POST', `${base}/bill-intents/bill-b1/answer`, {
      action: 'fail',
      note: '系统维护',
      refundFen: 9000,
    });
    expect(tooMuch.statusCode).toBe(400);
    expect((await call('GET', `${base}/bill-intents/bill-b1`)).json()).toMatchObject({ status: 'pending' });

    await call('POST', `${base}/bill-intents/bill-b1/answer`, { action: 'fail', note: '系统维护' });
    expect(await statuses('b')).toEqual([expect.objectContaining({ status: 'failed', amountFen: 5000 })]);

    const done = await call('POST', `${base}/bill-intents/bill-a2/answer`, { action: 'complete' });
    expect(done.json()).toMatchObject({ status: 'completed', refundFen: null });
    expect(await statuses('a')).toEqual([
      expect.objectContaining({ requestId: 'bill-a2', status: 'completed' }),
    ]);
  });

  it('refuses answers that are malformed or for unknown requests, changing nothing', async () => {
    const noReason = await call('POST', `${base}/bill-intents/bill-a2/answer`, { action: 'fail' });
    expect(noReason.statusCode).toBe(400);
    const yuan = await call('POST', `${base}/produce-listings/lst-a1/answer`, {
      action: 'offer',
      offerFen: 3.5,
      buyer: '县供销社',
    });
    expect(yuan.statusCode).toBe(400);
    const tooDear = await call('POST', `${base}/produce-listings/lst-a1/answer`, {
      action: 'offer',
      offerFen: 1_000_001,
      buyer: '县供销社',
    });
    expect(tooDear.statusCode).toBe(400);
    expect(
      (await call('POST', `${base}/ticket-requests/nope/answer`, { action: 'refuse', note: '停运' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('POST', `${base}/return-requests/ret-a1/answer`, { action: 'complete' })).statusCode,
    ).toBe(409); // not accepted yet
    expect(await statuses('a')).toEqual([]);
  });

  it('offers on a listing; the operator confirmation arriving later keeps the offer; sold ends it', async () => {
    const offer = await call('POST', `${base}/produce-listings/lst-a1/answer`, {
      action: 'offer',
      offerFen: 320,
      buyer: '县供销社',
      note: '下周二上门收',
    });
    expect(offer.json()).toMatchObject({
      status: 'offered',
      offerFen: 320,
      buyer: '县供销社',
      quantity: 200,
    });
    expect(await statuses('a')).toEqual([
      expect.objectContaining({
        id: 'produce:lst-a1',
        status: 'offered',
        amountFen: 64000,
        note: '下周二上门收',
        detail: { offerFen: 320, buyer: '县供销社', unit: '斤' },
      }),
    ]);

    await push('a', 'produce.confirmed', { listingId: 'lst-a1', operatorId: 'op-1' });
    expect((await call('GET', `${base}/produce-listings/lst-a1`)).json()).toMatchObject({
      status: 'offered',
      confirmedBy: 'op-1',
    });

    expect(
      (await call('POST', `${base}/produce-listings/lst-a1/answer`, { action: 'sold' })).json(),
    ).toMatchObject({ status: 'sold' });
    expect(
      (await call('POST', `${base}/produce-listings/lst-a1/answer`, { action: 'close' })).statusCode,
    ).toBe(409);
    expect((await statuses('a')).map((s) => s.status)).toEqual(['sold']);
  });

  it('confirms a ticket with seat, departure and fare', async () => {
    const res = await call('POST', `${base}/ticket-requests/tkt-a1/answer`, {
      action: 'confirm',
      seat: '12、13号',
      departsAt: '2026-12-01T07:30:00+08:00',
      priceFen: 3000,
    });
    expect(res.json()).toMatchObject({
      status: 'confirmed',
      seat: '12、13号',
      priceFen: 3000,
      passengers: 2,
    });
    expect(await statuses('a')).toEqual([
      expect.objectContaining({
        requestId: 'tkt-a1',
        status: 'confirmed',
        amountFen: 3000,
        detail: { seat: '12、13号', departsAt: '2026-11-30T23:30:00.000Z', priceFen: 3000 },
      }),
    ]);
    const list = (await call('GET', `${base}/ticket-requests?status=confirmed`)).json<unknown[]>();
    expect(list).toHaveLength(1);
  });

  it('accepts then completes a return, listing it with the villager phone from the order', async () => {
    expect((await call('GET', `${base}/return-requests?phone=${PHONE}`)).json()).toEqual([
      expect.objectContaining({
        id: 'ret-a1',
        orderId: 'ord-a1',
        returnKind: 'exchange',
        status: 'requested',
      }),
    ]);
    await call('POST', `${base}/return-requests/ret-a1/answer`, { action: 'accept', note: '请带原包装' });
    await call('POST', `${base}/return-requests/ret-a1/answer`, { action: 'complete' });
    expect((await statuses('a')).map((s) => [s.status, s.note])).toEqual([
      ['accepted', '请带原包装'],
      ['completed', '请带原包装'],
    ]);
  });
});

describe('migration 0004 on a version-3 county with requests', () => {
  it('keeps the rows version 3 wrote, with their status, and refuses statuses it does not know', async () => {
    const db = await openTestDb({ to: 3, seed: true });
    try {
      const device = await provisionDevice(db, villageA!.id, '老终端');
      const dev = { id: device.deviceId, countyId: county.id, villageId: villageA!.id };
      const results = await pushMutations(
        db,
        dev,
        [
          envelope(
            'bill.intent',
            {
              intentId: 'old-b',
              phone: PHONE,
              kind: 'water',
              account: '880001',
              amountFen: 2000,
              paidCashFen: 2000,
            },
            1,
          ),
          envelope(
            'produce.listed',
            { listingId: 'old-l', phone: PHONE, kind: '大米', quantity: 50, unit: '斤', askingPriceFen: 300 },
            2,
          ),
          envelope('produce.confirmed', { listingId: 'old-l', operatorId: 'op-1' }, 3),
        ],
        'push',
        silentLogger,
      );
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      expect(await schemaVersion(db)).toBe(3);

      await migrate(db, silentLogger, { to: 4 });
      expect(await schemaVersion(db)).toBe(4);
      expect(await db.query('SELECT id, status, refund_fen FROM bill_intents')).toEqual([
        { id: 'old-b', status: 'pending', refund_fen: null },
      ]);
      expect(await db.query('SELECT id, status, confirmed_by, offer_fen FROM produce_listings')).toEqual([
        { id: 'old-l', status: 'confirmed', confirmed_by: 'op-1', offer_fen: null },
      ]);
      await expect(db.query(`UPDATE bill_intents SET status = 'failed'`)).rejects.toThrow(); // no refund amount
      await expect(db.query(`UPDATE bill_intents SET status = 'paid'`)).rejects.toThrow();
    } finally {
      await db.close();
    }
  });
});
