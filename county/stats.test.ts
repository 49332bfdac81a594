import type { Db } from './db';
import {
  generateStatsData,
  sumTotals,
  type GeneratedCounty,
  type VillageMonthTotals,
} from './generate-stats-data';
import { indicatorSeries, indicatorsAllLevels, indicatorsFor, type Indicators } from './stats';
import { addMonths } from './stats-format';
import { openTestDb } from './testing';

const COUNTY = 'gen-test';
const END = '2026-10';
/** Early November: October is over, November is the running month. */
const NOW = new Date('2026-11-03T04:00:00Z');

/** The figures a month's indicators must show, from the generator's own tally (not the database). */
function expectFigures(f: Indicators, t: VillageMonthTotals, villages: number) {
  expect(f.orders).toEqual({ n: t.orders, fen: t.ordersFen });
  expect(f.produce).toEqual({ n: t.produce, fen: t.produceFen });
  expect(f.bills).toEqual({ n: t.bills, fen: t.billsFen });
  expect(f.tickets).toEqual({ n: t.tickets, fen: t.ticketsFen });
  expect(f.sales).toEqual({ n: t.sales, fen: t.salesFen });
  expect(f.transactions).toEqual({
    n: t.orders + t.produce + t.bills + t.tickets + t.sales,
    fen: t.ordersFen + t.produceFen + t.billsFen + t.ticketsFen + t.salesFen,
  });
  expect(f.parcelsIn).toBe(t.parcelsIn);
  expect(f.parcelsOut).toBe(t.parcelsOut);
  expect(f.parcelFeesFen).toBe(t.parcelFeesFen);
  expect(f.trainings).toBe(t.trainings);
  expect(f.trainees).toBe(t.trainees);
  expect(f.jobs).toBe(t.jobs);
  expect(f.buyers).toBe(t.phones.size);
  expect(f.villages).toBe(villages);
  expect(f.servicePoints).toBe(villages);
}

describe('county statistics on generated data with known totals', () => {
  let db: Db;
  let gen: GeneratedCounty;
  const villageIds = () => gen.townships.flatMap((t) => t.villages.map((v) => v.id));
  const months = (to: string) =>
    Array.from({ length: 14 }, (_, i) => addMonths(END, i - 13)).filter((m) => m <= to);
  /** Totals of `ids` summed over every generated month up to `month`. */
  const toDate = (ids: string[], month: string, key: 'trainees' | 'jobs' | 'registered') =>
    months(month).reduce((sum, m) => sum + sumTotals(gen, ids, m)[key], 0);

  beforeAll(async () => {
    db = await openTestDb();
    // Through the triggers, row by row, as kiosk pushes arrive.
    gen = await generateStatsData(db, {
      countyId: COUNTY,
      townships: 2,
      villagesPerTownship: 3,
      endMonth: END,
      months: 14,
      ordersPerMonth: 12,
      seed: 7,
    });
  });
  afterAll(async () => db.close());

  it('gives every village, township and the county exactly the generated totals for a month', async () => {
    const month = '2026-09';
    const scope = { countyId: COUNTY };
    const [county, townships, villages] = await Promise.all([
      indicatorsFor(db, scope, 'county', month, NOW),
      indicatorsFor(db, scope, 'township', month, NOW),
      indicatorsFor(db, scope, 'village', month, NOW),
    ]);
    expectFigures(county.get(COUNTY)!, sumTotals(gen, villageIds(), month), 6);
    for (const t of gen.townships) {
      const ids = t.villages.map((v) => v.id);
      expectFigures(townships.get(t.id)!, sumTotals(gen, ids, month), 3);
      expect(townships.get(t.id)!.traineesToDate).toBe(toDate(ids, month, 'trainees'));
      for (const id of ids) {
        expectFigures(villages.get(id)!, sumTotals(gen, [id], month), 1);
        expect(villages.get(id)!.jobsToDate).toBe(toDate([id], month, 'jobs'));
        expect(villages.get(id)!.registeredVillagers).toBe(toDate([id], month, 'registered'));
      }
    }
    expect(county.get(COUNTY)!.traineesToDate).toBe(toDate(villageIds(), month, 'trainees'));
  });

  it('sums villages into townships and the county exactly as each level reads on its own', async () => {
    const scope = { countyId: COUNTY };
    for (const month of ['2026-09', END]) {
      const all = await indicatorsAllLevels(db, COUNTY, month, NOW);
      expect(all.county).toEqual((await indicatorsFor(db, scope, 'county', month, NOW)).get(COUNTY));
      expect(all.townships).toEqual(await indicatorsFor(db, scope, 'township', month, NOW));
      expect(all.villages).toEqual(await indicatorsFor(db, scope, 'village', month, NOW));
    }
  });

  it('computes growth, buyer share, spending per point and coverage as exact fractions', async () => {
    const series = await indicatorSeries(db, { countyId: COUNTY }, 'county', END, 13, NOW);
    expect(series.map((s) => s.month)).toEqual(months(END).slice(1));
    const all = villageIds();
    const amount = (m: string) => {
      const t = sumTotals(gen, all, m);
      return t.ordersFen + t.produceFen + t.billsFen + t.ticketsFen + t.salesFen;
    };
    const last = series.at(-1)!;
    expect(last.mom).toEqual({ num: amount(END) - amount('2026-09'), den: amount('2026-09') });
    expect(last.yoy).toEqual({ num: amount(END) - amount('2025-10'), den: amount('2025-10') });
    // A year before the first month nothing was recorded: growth is absent, not zero or infinite.
    expect(series[0]!.month).toBe('2025-10');
    expect(series[0]!.mom).toEqual({ num: amount('2025-10') - amount('2025-09'), den: amount('2025-09') });
    expect(series[0]!.yoy).toBeNull();
    const t = sumTotals(gen, all, END);
    expect(last.buyerShare).toEqual({ num: t.phones.size, den: toDate(all, END, 'registered') });
    expect(last.annualSpendPerPoint).toEqual({ num: t.ordersFen * 12, den: 6 });
    const active = all.filter((id) => gen.totals.get(id)!.get(END)!.active).length;
    expect(last.coverage).toEqual({ num: active, den: 6 });
  });

  it('counts a phone that ordered in two villages once for the township and county', async () => {
    const [t] = gen.townships;
    const [a, b] = t!.villages;
    const month = '2026-10';
    const before = await indicatorsFor(db, { countyId: COUNTY }, 'township', month, NOW);
    const villagesBefore = await indicatorsFor(db, { countyId: COUNTY }, 'village', month, NOW);
    for (const [i, v] of [a!, b!].entries()) {
      await db.query(
        `INSERT INTO orders (county_id, id, village_id, device_id, mutation_id, phone, total_fen, payment, delivery,
                             placed_at, received_at)
         VALUES ($1, $2, $3, $4, $2, '13912340000', 1000, 'cash', 'point', $5, $5)`,
        [COUNTY, `two-villages-${i}`, v.id, `dev-${v.id}`, '2026-10-15T02:00:00Z'],
      );
    }
    const after = await indicatorsFor(db, { countyId: COUNTY }, 'township', month, NOW);
    const villagesAfter = await indicatorsFor(db, { countyId: COUNTY }, 'village', month, NOW);
    expect(villagesAfter.get(a!.id)!.buyers).toBe(villagesBefore.get(a!.id)!.buyers + 1);
    expect(villagesAfter.get(b!.id)!.buyers).toBe(villagesBefore.get(b!.id)!.buyers + 1);
    expect(after.get(t!.id)!.buyers).toBe(before.get(t!.id)!.buyers + 1);
    expect(after.get(t!.id)!.orders).toEqual({
      n: before.get(t!.id)!.orders.n + 2,
      fen: before.get(t!.id)!.orders.fen + 2000,
    });
  });

  it('follows later status changes, and the trigger-kept roll-up always equals a rebuild', async () => {
    const month = '2026-08';
    const [order] = await db.query<{ id: string; village_id: string; fen: number }>(
      `SELECT id, village_id, coalesce(settled_total_fen, total_fen) AS fen FROM orders
       WHERE county_id = $1 AND status = 'received' AND stats_month(received_at) = $2::date LIMIT 1`,
      [COUNTY, `${month}-01`],
    );
    const [listing] = await db.query<{ id: string; fen: string }>(
      `SELECT id, round(quantity * asking_price_fen)::text AS fen FROM produce_listings
       WHERE county_id = $1 AND status = 'confirmed' AND stats_month(received_at) = $2::date LIMIT 1`,
      [COUNTY, `${month}-01`],
    );
    const before = (await indicatorsFor(db, { countyId: COUNTY }, 'county', month, NOW)).get(COUNTY)!;
    await db.query(`UPDATE orders SET status = 'cancelled' WHERE county_id = $1 AND id = $2`, [
      COUNTY,
      order!.id,
    ]);
    await db.query(`UPDATE produce_listings SET status = 'sold' WHERE county_id = $1 AND id = $2`, [
      COUNTY,
      listing!.id,
    ]);
    const after = (await indicatorsFor(db, { countyId: COUNTY }, 'county', month, NOW)).get(COUNTY)!;
    expect(after.orders).toEqual({ n: before.orders.n - 1, fen: before.orders.fen - order!.fen });
    expect(after.produce).toEqual({
      n: before.produce.n + 1,
      fen: before.produce.fen + Number(listing!.fen),
    });

    const snapshot = async () => ({
      months: await db.query(
        'SELECT county_id, month::text, village_id, metric, n, value FROM stats_village_month ORDER BY 1, 2, 3, 4',
      ),
      buyers: await db.query('SELECT county_id, month::text, area, n FROM stats_buyers ORDER BY 1, 2, 3'),
    });
    const kept = await snapshot();
    await db.query('SELECT stats_rebuild(NULL)');
    expect(await snapshot()).toEqual(kept);
  });

  it('counts the running month’s coverage from terminals seen in the last 30 days', async () => {
    const running = '2026-11';
    await db.query(`UPDATE devices SET last_seen_at = $2 WHERE county_id = $1`, [
      COUNTY,
      '2026-09-01T00:00:00Z',
    ]);
    await db.query(`UPDATE devices SET last_seen_at = $2 WHERE id = $1`, [
      `dev-${villageIds()[0]!}`,
      '2026-11-02T00:00:00Z',
    ]);
    const f = (await indicatorsFor(db, { countyId: COUNTY }, 'county', running, NOW)).get(COUNTY)!;
    expect(f.coverage).toEqual({ num: 1, den: 6 });
  });
});
