import { silentLogger } from '../common/logger';
import type { Db } from './db';
import { migrate } from './migrate';
import { indicatorsFor } from './stats';
import { openTestDb } from './testing';

/** Migration 0009 on a county that already synced for a while under version 8. */
describe('migration 0009 (county statistics) on existing data', () => {
  let db: Db;
  afterAll(async () => db.close());

  it('backfills the roll-up, the buyers and terminal activity from what was already synced', async () => {
    db = await openTestDb({ to: 8 });
    await db.exec(`
      INSERT INTO counties (id, code, name, city) VALUES ('c1', '999001', '旧县', '旧市');
      INSERT INTO townships (id, county_id, code, name) VALUES ('c1-t1', 'c1', '999001001', '旧镇');
      INSERT INTO villages (id, county_id, township_id, name) VALUES
        ('c1-t1-v1', 'c1', 'c1-t1', '一村'), ('c1-t1-v2', 'c1', 'c1-t1', '二村');
      INSERT INTO devices (id, county_id, township_id, village_id, name, token_hash, created_at, last_seen_at) VALUES
        ('d1', 'c1', 'c1-t1', 'c1-t1-v1', '一村终端', repeat('a', 64), '2026-01-01T00:00:00Z', '2026-03-20T00:00:00Z'),
        ('d2', 'c1', 'c1-t1', 'c1-t1-v2', '二村终端', repeat('b', 64), '2026-01-01T00:00:00Z', NULL);
      INSERT INTO mutation_log (device_id, mutation_id, county_id, village_id, seq, type, device_at, received_at,
                                source, status) VALUES
        ('d2', 'm1', 'c1', 'c1-t1-v2', 1, 'order.placed', '2026-02-10T00:00:00Z', '2026-02-10T00:00:00Z', 'push', 'applied');
      -- 1 March 01:00 in China is still February in UTC: it belongs to March.
      INSERT INTO orders (county_id, id, village_id, device_id, mutation_id, phone, total_fen, payment, delivery,
                          status, settled_total_fen, placed_at, received_at) VALUES
        ('c1', 'o1', 'c1-t1-v1', 'd1', 'm-o1', '13800000001', 1000, 'cash', 'point', 'received', NULL,
         '2026-02-28T17:00:00Z', '2026-02-28T17:00:00Z'),
        ('c1', 'o2', 'c1-t1-v2', 'd2', 'm-o2', '13800000001', 2000, 'cash', 'point', 'completed', 1800,
         '2026-03-05T02:00:00Z', '2026-03-05T02:00:00Z'),
        ('c1', 'o3', 'c1-t1-v2', 'd2', 'm-o3', '13800000002', 5000, 'cash', 'point', 'cancelled', NULL,
         '2026-03-06T02:00:00Z', '2026-03-06T02:00:00Z');
      INSERT INTO produce_listings (county_id, id, village_id, device_id, mutation_id, phone, kind, quantity, unit,
                                    asking_price_fen, offer_fen, status, device_at, received_at) VALUES
        ('c1', 'l1', 'c1-t1-v1', 'd1', 'm-l1', '13800000001', '柑橘', 120.5, '斤', 350, 333, 'sold',
         '2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z');
      INSERT INTO bill_intents (county_id, id, village_id, device_id, mutation_id, phone, kind, account, amount_fen,
                                paid_cash_fen, refund_fen, status, device_at, received_at) VALUES
        ('c1', 'b1', 'c1-t1-v1', 'd1', 'm-b1', '13800000001', 'water', '01', 5000, 5000, NULL, 'completed',
         '2026-03-03T00:00:00Z', '2026-03-03T00:00:00Z'),
        ('c1', 'b2', 'c1-t1-v1', 'd1', 'm-b2', '13800000001', 'water', '01', 7000, 7000, 7000, 'failed',
         '2026-03-03T00:00:00Z', '2026-03-03T00:00:00Z');
    `);

    const result = await migrate(db, silentLogger);
    expect(result.applied).toContain(9);

    const march = (
      await indicatorsFor(db, { countyId: 'c1' }, 'county', '2026-03', new Date('2026-04-02T00:00:00Z'))
    ).get('c1')!;
    expect(march.orders).toEqual({ n: 2, fen: 1000 + 1800 });
    expect(march.produce).toEqual({ n: 1, fen: Math.round(120.5 * 333) });
    expect(march.bills).toEqual({ n: 1, fen: 5000 });
    expect(march.buyers).toBe(2); // both phones, the cancelled order's included, the shared one once
    expect(march.transactions.fen).toBe(1000 + 1800 + Math.round(120.5 * 333) + 5000);
    // d1 was last seen in March; d2 synced (mutation log) in February only.
    expect(march.activePoints).toBe(1);
    const feb = await indicatorsFor(
      db,
      { countyId: 'c1' },
      'village',
      '2026-02',
      new Date('2026-04-02T00:00:00Z'),
    );
    expect(feb.get('c1-t1-v2')!.activePoints).toBe(1);
    expect(feb.get('c1-t1-v1')!.orders.n).toBe(0);

    // From now on the triggers keep it: a new order lands in its month at once.
    await db.query(
      `INSERT INTO orders (county_id, id, village_id, device_id, mutation_id, phone, total_fen, payment, delivery,
                           placed_at, received_at)
       VALUES ('c1', 'o4', 'c1-t1-v1', 'd1', 'm-o4', '13800000003', 999, 'cash', 'point', now(), '2026-03-10T00:00:00Z')`,
    );
    const after = (
      await indicatorsFor(db, { countyId: 'c1' }, 'county', '2026-03', new Date('2026-04-02T00:00:00Z'))
    ).get('c1')!;
    expect(after.orders).toEqual({ n: 3, fen: 1000 + 1800 + 999 });
    expect(after.buyers).toBe(3);
  });
});
