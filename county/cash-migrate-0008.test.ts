/**
 * Migration 0008 (shop stock, sales, delivery notes, cash day) on a county that ran version 7 with
 * data: stock movements and closed cash days pushed in the old shapes survive with the new columns
 * empty, and a kiosk of the old release keeps being served (old shapes still apply afterwards).
 */
import { silentLogger } from '../common/logger';
import { seedCounties } from '../assets/seed';
import type { Db } from './db';
import { provisionDevice } from './devices';
import { migrate, schemaVersion } from './migrate';
import { pushMutations } from './push';
import { envelope, openTestDb } from './testing';

const county = seedCounties[0]!;
const village = county.townships[0]!.villages[0]!;

describe('migration 0008 on a version-7 county with data', () => {
  let db: Db;
  let device: { id: string; countyId: string; villageId: string };

  beforeAll(async () => {
    db = await openTestDb({ to: 7, seed: true });
    const d = await provisionDevice(db, village.id, '老终端');
    device = { id: d.deviceId, countyId: county.id, villageId: village.id };
    // Written the way version 7 wrote them (before the handlers knew the new columns).
    await db.query(
      `INSERT INTO stock_movements (county_id, id, village_id, device_id, mutation_id, item_id, qty_delta, reason, device_at)
       VALUES ($1, 'k-old', $2, $3, 'm-old', 'sku-010001', 5, 'purchase', now())`,
      [county.id, village.id, device.id],
    );
    await db.query(
      `INSERT INTO cash_days (county_id, id, village_id, device_id, mutation_id, day, expected_fen, counted_fen, operator_id, device_at)
       VALUES ($1, 'd-old', $2, $3, 'm-old-day', '2026-02-28', 5000, 4900, 'op-1', now())`,
      [county.id, village.id, device.id],
    );
    expect(await schemaVersion(db)).toBe(7);
    expect((await migrate(db, silentLogger)).applied).toContain(8);
  });
  afterAll(async () => {
    await db.close();
  });

  it('keeps the old rows, with the new columns empty', async () => {
    expect(
      await db.query(`SELECT qty_delta, ref_id, note, item_name FROM stock_movements WHERE id = 'k-old'`),
    ).toEqual([{ qty_delta: 5, ref_id: null, note: null, item_name: null }]);
    expect(
      await db.query(`SELECT counted_fen, float_fen, reason, totals FROM cash_days WHERE id = 'd-old'`),
    ).toEqual([{ counted_fen: 4900, float_fen: null, reason: null, totals: null }]);
  });

  it('still applies the old shapes and takes the new ones', async () => {
    const acks = await pushMutations(
      db,
      device,
      [
        envelope(
          'stock.moved',
          { movementId: 'k-after', itemId: 'sku-010001', qtyDelta: -1, reason: 'loss' },
          1,
        ),
        envelope(
          'cash.day_closed',
          { dayId: 'd-after', date: '2026-03-01', expectedFen: 1, countedFen: 1, operatorId: 'op-1' },
          2,
        ),
        envelope(
          'sale.recorded',
          {
            saleId: 's-after',
            lines: [{ itemId: 'sku-010001', name: '尿素', qty: 1, unitPriceFen: 100 }],
            totalFen: 100,
          },
          3,
        ),
      ],
      'push',
      silentLogger,
    );
    expect(acks.map((a) => a.status)).toEqual(['applied', 'applied', 'applied']);
    expect(
      await db.query(`SELECT count(*)::int AS n FROM stock_movements WHERE village_id = $1`, [village.id]),
    ).toEqual([{ n: 3 }]);
  });
});
