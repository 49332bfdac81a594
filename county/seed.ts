/**
 * Loads the demonstration data (assets/seed) into an empty county database: counties, townships,
 * villages, the catalogue and the notices. Each county gets its own copy of the catalogue and notices
 * (they are what a county publishes; rows are keyed by county_id).
 *
 * Invariants:
 * - All or nothing: one transaction, so a crash never leaves half a catalogue that a second start
 *   would then take for "already seeded".
 * - Only when `counties` is empty, checked under an advisory lock so two instances starting at once
 *   on one PostgreSQL cannot both seed. A second start reuses the data (and whatever the county
 *   administrators changed since).
 */
import type { Logger } from '../common/logger';
import { generateCatalogue, seedCounties, seedNotices } from '../assets/seed';
import type { Db, Queryable } from './db';
import { insertRows } from './sql';
import { summaryCounts } from './summary';

export const SEED_LOCK_KEY = 0x76706b02;

export interface SeedResult {
  /** false when the database already had counties and nothing was written. */
  seeded: boolean;
  counties: number;
  townships: number;
  villages: number;
  categories: number;
  items: number;
  notices: number;
  ms: number;
}

type Catalogue = ReturnType<typeof generateCatalogue>;

async function insertGeography(tx: Queryable): Promise<void> {
  const townships: unknown[][] = [];
  const villages: unknown[][] = [];
  for (const county of seedCounties) {
    for (const township of county.townships) {
      townships.push([township.id, county.id, township.name]);
      for (const village of township.villages) villages.push([village.id, county.id, township.id, village.name]);
    }
  }
  const counties = seedCounties.map((c) => [c.id, c.code, c.name, c.city]);
  await insertRows(tx, 'counties', ['id', 'code', 'name', 'city'], counties);
  await insertRows(tx, 'townships', ['id', 'county_id', 'name'], townships);
  await insertRows(tx, 'villages', ['id', 'county_id', 'township_id', 'name'], villages);
}

async function insertCatalogue(tx: Queryable, countyId: string, catalogue: Catalogue): Promise<void> {
  const categories = catalogue.categories.map((c) => [countyId, c.id, c.name, c.nameEn, c.icon, c.sort]);
  await insertRows(tx, 'catalogue_categories', ['county_id', 'id', 'name', 'name_en', 'icon', 'sort'], categories);
  const items = catalogue.items.map((i) => {
    // The CHECK constraint catches negatives; a fractional price would be silently rounded by
    // PostgreSQL, so it is refused here: money is integer fen all the way.
    if (!Number.isSafeInteger(i.priceFen)) throw new Error(`item ${i.id} has a non-integer price ${i.priceFen}`);
    const item = i as typeof i & { brand?: string; origin?: string; tags?: string[] };
    return [
      countyId,
      i.id,
      i.barcode,
      i.name,
      i.categoryId,
      item.brand ?? null,
      i.spec,
      i.unit,
      i.priceFen,
      item.origin ?? null,
      item.tags ?? [],
    ];
  });
  const itemColumns = ['county_id', 'id', 'barcode', 'name', 'category_id', 'brand', 'spec', 'unit'];
  await insertRows(tx, 'catalogue_items', [...itemColumns, 'price_fen', 'origin', 'tags'], items);
  const notices = seedNotices.map((n) => [
    countyId,
    n.id,
    n.title,
    n.body,
    n.category,
    n.pinned,
    n.urgent,
    new Date(n.publishedAt),
  ]);
  const noticeColumns = ['county_id', 'id', 'title', 'body', 'category', 'pinned', 'urgent', 'published_at'];
  await insertRows(tx, 'notices', noticeColumns, notices);
}

export async function seedIfEmpty(db: Db, logger: Logger): Promise<SeedResult> {
  const started = performance.now();
  const seeded = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [SEED_LOCK_KEY]);
    const [existing] = await tx.query<{ n: number }>('SELECT count(*) AS n FROM counties');
    if ((existing?.n ?? 0) > 0) return false;
    await insertGeography(tx);
    const catalogue = generateCatalogue();
    for (const county of seedCounties) await insertCatalogue(tx, county.id, catalogue);
    return true;
  });
  const counts = await summaryCounts(db);
  const result: SeedResult = {
    seeded,
    counties: counts.counties,
    townships: counts.townships,
    villages: counts.villages,
    categories: counts.categories,
    items: counts.items,
    notices: counts.notices,
    ms: Math.round(performance.now() - started),
  };
  logger.info(result, seeded ? 'seeded demonstration data' : 'database already has data; seed skipped');
  return result;
}
