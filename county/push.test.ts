import { silentLogger } from '../common/logger';
import { seedCounties } from '../assets/seed';
import { parseChange, type MutationEnvelope } from '../sync/protocol';
import type { Db } from './db';
import { provisionDevice } from './devices';
import { readChanges, type ChangeRow } from './feed';
import type { MutationDevice } from './mutation-context';
import { pushMutations, summarise } from './push';
import { envelope, oneOfEach, openTestDb, orderPayload } from './testing';

const county = seedCounties[0]!;
const [villageA, villageB] = county.townships[0]!.villages;

async function readAll(db: Db, countyId: string, villageId: string): Promise<ChangeRow[]> {
  const all: ChangeRow[] = [];
  let cursor = '0';
  for (;;) {
    const page = await readChanges(db, { countyId, villageId, cursor, limit: 1000 });
    all.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return all;
  }
}

describe('pushMutations (exactly once)', () => {
  let db: Db;
  let a: MutationDevice;
  let b: MutationDevice;
  const push = (device: MutationDevice, batch: MutationEnvelope[]) =>
    pushMutations(db, device, batch, 'push', silentLogger);
  const count = async (sql: string, params: unknown[] = []) =>
    (await db.query<{ n: number }>(sql, params))[0]!.n;

  beforeAll(async () => {
    db = await openTestDb({ seed: true });
    const da = await provisionDevice(db, villageA!.id, 'A');
    const dbb = await provisionDevice(db, villageB!.id, 'B');
    a = { id: da.deviceId, countyId: county.id, villageId: villageA!.id };
    b = { id: dbb.deviceId, countyId: county.id, villageId: villageB!.id };
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies one mutation of every type and writes its domain rows', async () => {
    const batch = oneOfEach('all').map((m, i) => envelope(m.type, m.payload, i + 1));
    const acks = await push(a, batch);
    expect(acks.filter((x) => x.status !== 'applied')).toEqual([]);
    for (const table of ['orders', 'order_lines', 'produce_listings', 'bill_intents', 'ticket_requests']) {
      expect(
        await count(`SELECT count(*) AS n FROM ${table} WHERE county_id = $1`, [county.id]),
      ).toBeGreaterThan(0);
    }
    for (const table of [
      'return_requests',
      'parcels',
      'shipments',
      'shop_sales',
      'cash_days',
      'trainings',
      'villagers',
      'audit_log',
      'dispatch_manifests',
    ]) {
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE village_id = $1`, [villageA!.id])).toBe(1);
    }
    const [order] = await db.query<{ status: string; total_fen: number }>(
      `SELECT status, total_fen FROM orders WHERE id = 'o-all'`,
    );
    expect(order).toEqual({ status: 'cancelled', total_fen: 28250 });
    expect(await db.query(`SELECT status, collect_method FROM parcels WHERE id = 'p-all'`)).toEqual([
      { status: 'collected', collect_method: 'code' },
    ]);
    // The pickup SMS was queued, then dropped when the parcel was collected.
    expect(await count(`SELECT count(*) AS n FROM sms_outbox WHERE parcel_id = 'p-all'`)).toBe(0);
    // A counter sale's lines are stock movements too (besides the one stock.moved): 1 + 2 rows.
    expect(
      await db.query(
        `SELECT item_id, qty_delta, reason, ref_id FROM stock_movements WHERE village_id = $1 ORDER BY id`,
        [villageA!.id],
      ),
    ).toEqual([
      { item_id: 'sku-010001', qty_delta: -2, reason: 'sale', ref_id: null },
      { item_id: 'sku-070001', qty_delta: -2, reason: 'sale', ref_id: 'sa-all' },
      { item_id: 'local-egg', qty_delta: -10, reason: 'sale', ref_id: 'sa-all' },
    ]);
  });

  it('publishes each order status to the order’s village only', async () => {
    await push(a, [envelope('order.placed', orderPayload('o-feed'), 100)]);
    const mine = await readAll(db, county.id, villageA!.id);
    const theirs = await readAll(db, county.id, villageB!.id);
    const statuses = (changes: typeof mine) => changes.filter((c) => c.entity === 'order_status');
    expect(statuses(mine).map((c) => c.data)).toContainEqual({
      orderId: 'o-feed',
      status: 'received',
      note: null,
      settledTotalFen: null,
    });
    expect(statuses(theirs)).toEqual([]);
    for (const change of statuses(mine)) expect(parseChange(change).ok).toBe(true);
  });

  it('answers a resent batch with duplicates and the first results, changing nothing', async () => {
    const batch = [
      envelope('order.placed', orderPayload('o-twice'), 200),
      envelope('order.placed', orderPayload('o-twice-2'), 201),
    ];
    const first = await push(a, batch);
    const feedBefore = await count('SELECT count(*) AS n FROM change_feed');
    const second = await push(a, batch);
    expect(first.map((x) => x.status)).toEqual(['applied', 'applied']);
    expect(second).toEqual(first.map((x) => ({ ...x, status: 'duplicate' })));
    expect(await count(`SELECT count(*) AS n FROM orders WHERE id LIKE 'o-twice%'`)).toBe(2);
    expect(await count('SELECT count(*) AS n FROM change_feed')).toBe(feedBefore);
  });

  it('rejects a bad mutation with its reason and applies the good ones around it', async () => {
    const bad = { ...orderPayload('o-bad'), totalFen: 1 };
    const batch = [
      envelope('order.placed', orderPayload('o-good-1'), 300),
      envelope('order.placed', bad, 301),
      envelope('order.teleported', {}, 302),
      envelope(
        'bill.intent',
        { intentId: 'b-bad', phone: '123', kind: 'water', account: '1', amountFen: 1, paidCashFen: 0 },
        303,
      ),
      envelope('order.placed', orderPayload('o-good-2'), 304),
    ];
    const acks = await push(a, batch);
    expect(acks.map((x) => x.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected', 'applied']);
    expect(acks[1]?.reason).toMatch(/totalFen/);
    expect(acks[2]?.reason).toMatch(/order\.teleported/);
    expect(acks[3]?.reason).toMatch(/phone/);
    expect(await count(`SELECT count(*) AS n FROM orders WHERE id = 'o-bad'`)).toBe(0);
    const logged = await db.query<{ status: string; reason: string | null }>(
      `SELECT status, reason FROM mutation_log WHERE device_id = $1 AND seq BETWEEN 300 AND 304 ORDER BY seq`,
      [a.id],
    );
    expect(logged.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected', 'applied']);
    // A resend of the rejected one gets the same rejection back, not a silent 'duplicate'.
    const again = await push(a, [batch[1]!]);
    expect(again).toEqual([{ id: batch[1]!.id, status: 'rejected', reason: acks[1]!.reason }]);
  });

  it('applies a batch in seq order whatever order it lists them in', async () => {
    const cancel = envelope('order.cancelled', { orderId: 'o-order', reason: '重复下单' }, 402);
    const place = envelope('order.placed', orderPayload('o-order'), 401);
    const acks = await push(a, [cancel, place]);
    expect(acks.map((x) => [x.id, x.status])).toEqual([
      [place.id, 'applied'],
      [cancel.id, 'applied'],
    ]);
    expect(await db.query(`SELECT status FROM orders WHERE id = 'o-order'`)).toEqual([
      { status: 'cancelled' },
    ]);
  });

  it('refuses to touch another village’s rows and records a security event', async () => {
    await push(a, [
      envelope('order.placed', orderPayload('o-of-a'), 500),
      envelope('parcel.stored', oneOfEach('pa').find((m) => m.type === 'parcel.stored')!.payload, 501),
    ]);
    const acks = await push(b, [
      envelope('order.cancelled', { orderId: 'o-of-a', reason: '捣乱' }, 1),
      envelope('parcel.collected', { parcelId: 'p-pa', method: 'operator', operatorId: 'x' }, 2),
      envelope('order.placed', orderPayload('o-of-a'), 3),
    ]);
    expect(acks.map((x) => x.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(acks[0]?.reason).toMatch(/another village/);
    expect(acks[2]?.reason).toMatch(/already taken/);
    expect(await db.query(`SELECT status FROM orders WHERE id = 'o-of-a'`)).toEqual([{ status: 'received' }]);
    expect(await db.query(`SELECT status FROM parcels WHERE id = 'p-pa'`)).toEqual([{ status: 'stored' }]);
    expect(
      await count(`SELECT count(*) AS n FROM security_events WHERE device_id = $1 AND kind = 'forbidden'`, [
        b.id,
      ]),
    ).toBe(2);
  });

  it('rejects values PostgreSQL cannot store instead of failing the request forever', async () => {
    const listing = oneOfEach('date').find((m) => m.type === 'produce.listed')!.payload as Record<
      string,
      unknown
    >;
    const acks = await push(a, [
      envelope('produce.listed', { ...listing, harvestDate: '2026-02-30' }, 600),
      {
        ...envelope(
          'training.attended',
          { trainingId: 'tr-x', topic: 't', attendees: 1, date: '2026-03-01' },
          601,
        ),
        at: '1970-01-01T00:00:00Z',
      },
      envelope(
        'training.attended',
        { trainingId: 'tr-y', topic: 't', attendees: 1, date: '2026-03-01' },
        2 ** 60,
      ),
    ]);
    expect(acks.map((x) => x.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(acks.map((x) => x.reason)).toEqual([
      expect.stringMatching(/cannot store|harvestDate/),
      expect.stringMatching(/device time/),
      expect.stringMatching(/seq/),
    ]);
  });

  it('applies a mutation once when the same batch is pushed twice at the same moment', async () => {
    const batch = Array.from({ length: 20 }, (_, i) =>
      envelope('order.placed', orderPayload(`o-race-${i}`), 700 + i),
    );
    const [x, y] = await Promise.all([push(a, batch), push(a, batch)]);
    const all = [...x, ...y];
    expect(summarise(all)).toEqual({ applied: 20, duplicate: 20, rejected: 0 });
    expect(await count(`SELECT count(*) AS n FROM orders WHERE id LIKE 'o-race-%'`)).toBe(20);
  });
});
