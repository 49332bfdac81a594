import { silentLogger } from '../common/logger';
import { generateCatalogue, seedCounties, seedNotices, seedTraceRecords } from '../assets/seed';
import type { Db } from './db';
import { seedIfEmpty, type SeedResult } from './seed';
import { openTestDb } from './testing';

describe('seedIfEmpty', () => {
  let db: Db;
  let first: SeedResult;
  beforeAll(async () => {
    db = await openTestDb();
    first = await seedIfEmpty(db, silentLogger);
  });
  afterAll(async () => {
    await db.close();
  });

  it('loads every county, township and village of assets/seed', () => {
    const townships = seedCounties.flatMap((c) => c.townships);
    expect(first).toMatchObject({
      seeded: true,
      counties: seedCounties.length,
      townships: townships.length,
      villages: townships.flatMap((t) => t.villages).length,
    });
  });

  it('gives each county its own copy of the catalogue and the notices', async () => {
    const catalogue = generateCatalogue();
    expect(catalogue.items.length).toBeGreaterThanOrEqual(2000);
    expect(first.items).toBe(catalogue.items.length * seedCounties.length);
    expect(first.categories).toBe(catalogue.categories.length * seedCounties.length);
    expect(first.notices).toBe(seedNotices.length * seedCounties.length);
    const perCounty = await db.query<{ county_id: string; n: number }>(
      'SELECT county_id, count(*) AS n FROM catalogue_items GROUP BY county_id ORDER BY county_id',
    );
    expect(perCounty.map((r) => r.n)).toEqual(seedCounties.map(() => catalogue.items.length));
  });

  it('stores prices as integer fen, exactly as in the seed', async () => {
    const catalogue = generateCatalogue();
    const sample = catalogue.items.slice(0, 50);
    const countyId = seedCounties[0]!.id;
    const rows = await db.query<{ id: string; price_fen: number; type: string }>(
      `SELECT id, price_fen, pg_typeof(price_fen)::text AS type FROM catalogue_items
       WHERE county_id = $1 AND id = ANY($2::text[])`,
      [countyId, sample.map((i) => i.id)],
    );
    expect(rows).toHaveLength(sample.length);
    for (const row of rows) {
      expect(row.type).toBe('integer');
      expect(Number.isInteger(row.price_fen)).toBe(true);
      expect(row.price_fen).toBe(sample.find((i) => i.id === row.id)?.priceFen);
    }
  });

  it('keeps optional fields and tags', async () => {
    const withTags = generateCatalogue().items.find((i) => (i.tags?.length ?? 0) > 0);
    if (!withTags) return; // the seed has no tagged item; nothing to check
    const [row] = await db.query<{ tags: string[] }>(
      'SELECT tags FROM catalogue_items WHERE id = $1 LIMIT 1',
      [withTags.id],
    );
    expect(row?.tags).toEqual(withTags.tags);
  });

  it('publishes the trace records county-wide in every county, so a kiosk pulling from 0 can look them up', async () => {
    const feed = await db.query<{
      county_id: string;
      village_id: string | null;
      entity_id: string;
      data: unknown;
    }>(
      `SELECT county_id, village_id, entity_id, data FROM change_feed WHERE entity = 'trace_record'
       ORDER BY county_id, entity_id`,
    );
    expect(feed).toHaveLength(seedTraceRecords.length * seedCounties.length);
    expect(feed.every((r) => r.village_id === null)).toBe(true);
    const [record] = seedTraceRecords;
    expect(feed.find((r) => r.entity_id === record!.code)?.data).toEqual(record);
  });

  it('changes nothing the second time and reports what is there', async () => {
    const second = await seedIfEmpty(db, silentLogger);
    expect(second.seeded).toBe(false);
    expect({ ...second, ms: 0 }).toEqual({ ...first, seeded: false, ms: 0 });
  });

  it('does not seed a database whose counties were set up by hand', async () => {
    const other = await openTestDb();
    try {
      await other.query(
        `INSERT INTO counties (id, code, name, city) VALUES ('cn-000001', '000001', '本县', '本市')`,
      );
      const result = await seedIfEmpty(other, silentLogger);
      expect(result).toMatchObject({ seeded: false, counties: 1, items: 0 });
    } finally {
      await other.close();
    }
  });
});
