import { seedCounties } from '../assets/seed';
import { parseChange, type ChangeEnvelope } from '../sync/protocol';
import type { Db } from './db';
import type { CountyServer } from './server';
import { openTestDb } from './testing';
import {
  ADMIN_HEADERS as admin,
  enrolKiosk,
  pullAsKiosk,
  pushAsKiosk,
  testCountyServer,
  type TestKiosk,
} from './testing-server';

const county = seedCounties[0]!;
const [villageA, villageB] = county.townships[0]!.villages;
const base = `/api/v1/admin/counties/${county.id}`;
const NOW = new Date('2026-03-01T08:00:00.000Z');

describe('delivery notes and the shop’s sync (issue 7)', () => {
  let db: Db;
  let app: CountyServer;
  const kiosks: Record<'a' | 'b', TestKiosk> = {} as never;

  const pullNew = (who: 'a' | 'b'): Promise<ChangeEnvelope[]> => pullAsKiosk(app, kiosks[who]);
  const push = (who: 'a' | 'b', type: string, payload: unknown) =>
    pushAsKiosk(app, kiosks[who], type, payload);
  const post = (url: string, payload: object) =>
    app.inject({ method: 'POST', url: `${base}${url}`, headers: admin, payload });

  beforeAll(async () => {
    db = await openTestDb({ seed: true });
    app = testCountyServer(db, { now: () => NOW });
    kiosks.a = await enrolKiosk(app, db, villageA!.id, 'a');
    kiosks.b = await enrolKiosk(app, db, villageB!.id, 'b');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('publishes a delivery note to its village only, with names from the catalogue', async () => {
    const res = await post('/delivery-notes', {
      villageId: villageA!.id,
      lines: [
        { itemId: 'sku-070001', qty: 24, unitCostFen: 900 },
        { itemId: 'sku-010001', name: '尿素（促销装）', qty: 2, unitCostFen: 11_000 },
      ],
    });
    expect(res.statusCode).toBe(201);
    const note = res.json<{ id: string; lines: { name: string }[]; receivedAt: null }>();
    expect(note.receivedAt).toBeNull();
    expect(note.lines[1]!.name).toBe('尿素（促销装）');

    const [{ name: catalogueName } = { name: '' }] = await db.query<{ name: string }>(
      `SELECT name FROM catalogue_items WHERE county_id = $1 AND id = 'sku-070001'`,
      [county.id],
    );
    const mine = (await pullNew('a')).filter((c) => c.entity === 'delivery_note');
    expect(mine).toHaveLength(1);
    const parsed = parseChange(mine[0]!);
    if (!parsed.ok || parsed.change.entity !== 'delivery_note' || parsed.change.op !== 'upsert')
      throw new Error('not a delivery note');
    expect(parsed.change.data).toEqual({
      id: note.id,
      villageId: villageA!.id,
      deliveredAt: NOW.toISOString(),
      lines: [
        { itemId: 'sku-070001', name: catalogueName, qty: 24, unitCostFen: 900 },
        { itemId: 'sku-010001', name: '尿素（促销装）', qty: 2, unitCostFen: 11_000 },
      ],
    });
    expect((await pullNew('b')).filter((c) => c.entity === 'delivery_note')).toEqual([]);
  });

  it('refuses a note with an item not in the catalogue, a repeated item or an unknown village', async () => {
    const bad = await post('/delivery-notes', {
      villageId: villageA!.id,
      lines: [{ itemId: 'sku-nope', qty: 1, unitCostFen: 1 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('sku-nope');
    const twice = await post('/delivery-notes', {
      villageId: villageA!.id,
      lines: [
        { itemId: 'sku-070001', qty: 1, unitCostFen: 1 },
        { itemId: 'sku-070001', qty: 2, unitCostFen: 1 },
      ],
    });
    expect(twice.statusCode).toBe(400);
    const nowhere = await post('/delivery-notes', {
      villageId: 'cn-000000-t00-v00',
      lines: [{ itemId: 'sku-070001', qty: 1, unitCostFen: 1 }],
    });
    expect(nowhere.statusCode).toBe(404);
    const zero = await post('/delivery-notes', {
      villageId: villageA!.id,
      lines: [{ itemId: 'sku-070001', qty: 0, unitCostFen: 1 }],
    });
    expect(zero.statusCode).toBe(400);
    expect((await pullNew('a')).filter((c) => c.entity === 'delivery_note')).toEqual([]);
  });

  it('lists a note as received once the kiosk books stock in against it', async () => {
    const res = await post('/delivery-notes', {
      villageId: villageA!.id,
      lines: [{ itemId: 'sku-070001', qty: 6, unitCostFen: 900 }],
    });
    const { id } = res.json<{ id: string }>();
    const ack = await push('a', 'stock.moved', {
      movementId: `k-${id}`,
      itemId: 'sku-070001',
      qtyDelta: 5,
      reason: 'purchase',
      unitCostFen: 900,
      refId: id,
      note: '送货单 6，实收 5',
      name: '海天 酱油',
    });
    expect(ack.status).toBe('applied');
    const list = await app.inject({
      method: 'GET',
      url: `${base}/delivery-notes?villageId=${villageA!.id}`,
      headers: admin,
    });
    const notes = list.json<{ id: string; receivedAt: string | null }[]>();
    expect(notes.find((n) => n.id === id)?.receivedAt).toBe('2026-03-01T08:00:00.000Z');
    expect(notes.filter((n) => n.receivedAt === null)).toHaveLength(1);
    expect(
      await db.query(`SELECT note, item_name, ref_id FROM stock_movements WHERE id = $1`, [`k-${id}`]),
    ).toEqual([{ note: '送货单 6，实收 5', item_name: '海天 酱油', ref_id: id }]);
  });

  it('stores a closed cash day in the old shape and in the extended one', async () => {
    const old = await push('a', 'cash.day_closed', {
      dayId: 'day-old',
      date: '2026-02-28',
      expectedFen: 10_000,
      countedFen: 10_000,
      operatorId: 'op-1',
    });
    expect(old).toMatchObject({ status: 'applied', result: { dayId: 'day-old', differenceFen: 0 } });
    const extended = await push('a', 'cash.day_closed', {
      dayId: 'day-new',
      date: '2026-03-01',
      expectedFen: 33_390,
      countedFen: 33_300,
      operatorId: 'op-1',
      floatFen: 20_000,
      reason: '找零多给了九角',
      totals: [
        { kind: 'sale', count: 2, amountFen: 3_500 },
        { kind: 'refund', count: 1, amountFen: -5_000 },
      ],
    });
    expect(extended).toMatchObject({ status: 'applied', result: { differenceFen: -90 } });
    expect(
      await db.query(
        `SELECT id, float_fen, reason, totals FROM cash_days WHERE village_id = $1 ORDER BY day`,
        [villageA!.id],
      ),
    ).toEqual([
      { id: 'day-old', float_fen: null, reason: null, totals: null },
      {
        id: 'day-new',
        float_fen: 20_000,
        reason: '找零多给了九角',
        totals: [
          { kind: 'sale', count: 2, amountFen: 3_500 },
          { kind: 'refund', count: 1, amountFen: -5_000 },
        ],
      },
    ]);
    const listed = await app.inject({
      method: 'GET',
      url: `${base}/cash-days?villageId=${villageA!.id}`,
      headers: admin,
    });
    expect(listed.json()).toEqual([
      expect.objectContaining({ id: 'day-new', day: '2026-03-01', floatFen: 20_000, differenceFen: -90 }),
      expect.objectContaining({
        id: 'day-old',
        day: '2026-02-28',
        floatFen: null,
        differenceFen: 0,
        totals: null,
      }),
    ]);
    const bad = await push('a', 'cash.day_closed', {
      dayId: 'day-bad',
      date: '2026-03-02',
      expectedFen: 0,
      countedFen: 0,
      operatorId: 'op-1',
      floatFen: -1,
    });
    expect(bad.status).toBe('rejected');
  });

  it('stores a counter sale once, with its lines as stock movements', async () => {
    const sale = {
      saleId: 'sale-1',
      lines: [
        { itemId: 'sku-070001', name: '海天 酱油', qty: 2, unitPriceFen: 1250 },
        { itemId: 'local-egg', name: '土鸡蛋', qty: 10, unitPriceFen: 100 },
      ],
      totalFen: 3500,
    };
    expect((await push('a', 'sale.recorded', sale)).status).toBe('applied');
    expect(
      await db.query(`SELECT item_id, qty_delta FROM stock_movements WHERE ref_id = 'sale-1' ORDER BY id`),
    ).toEqual([
      { item_id: 'sku-070001', qty_delta: -2 },
      { item_id: 'local-egg', qty_delta: -10 },
    ]);
    // The same sale id from another village's device is refused; its rows never mix in.
    const fromB = await push('b', 'sale.recorded', sale);
    expect(fromB.status).toBe('rejected');
    const wrongTotal = await push('a', 'sale.recorded', { ...sale, saleId: 'sale-2', totalFen: 1 });
    expect(wrongTotal.status).toBe('rejected');
    expect(wrongTotal.reason).toContain('totalFen');
    expect(await db.query(`SELECT count(*)::int AS n FROM shop_sales`)).toEqual([{ n: 1 }]);
    const listed = await app.inject({
      method: 'GET',
      url: `${base}/shop-sales?villageId=${villageA!.id}`,
      headers: admin,
    });
    expect(listed.json<{ id: string; totalFen: number }[]>().map((x) => [x.id, x.totalFen])).toEqual([
      ['sale-1', 3500],
    ]);
    const other = await app.inject({
      method: 'GET',
      url: `${base}/shop-sales?villageId=${villageB!.id}`,
      headers: admin,
    });
    expect(other.json()).toEqual([]);
  });
});
