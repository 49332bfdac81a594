/**
 * Loads the demonstration data (assets/seed) into an empty county database: counties, townships,
 * villages, the catalogue, the notices and the trace records. Each county gets its own copy of these
 * (they are what a county publishes; rows are keyed by county_id).
 *
 * Invariants:
 * - All or nothing: one transaction, so a crash never leaves half a catalogue that a second start
 *   would then take for "already seeded".
 * - Only when `counties` is empty, checked under an advisory lock so two instances starting at once
 *   on one PostgreSQL cannot both seed. A second start reuses the data (and whatever the county
 *   administrators changed since).
 * - It writes what the schema it finds has: from version 2 on, items carry their pinyin search keys
 *   and everything published gets its change feed rows in the same transaction (a kiosk pulling
 *   from cursor 0 receives it). At version 1 (upgrade tests) it writes the version-1 rows, and
 *   migration 0002 adds the rest.
 */
import { z } from 'zod';
import type { Logger } from '../common/logger';
import {
  generateCatalogue,
  seedCategorySchema,
  seedCounties,
  seedCountySchema,
  seedItemSchema,
  seedNotices,
  seedNoticeSchema,
  seedTraceRecords,
  seedTraceRecordSchema,
  type SeedCatalogue,
  type SeedCounty,
  type SeedNotice,
  type SeedTraceRecord,
} from '../assets/seed';
import type { Db, Queryable } from './db';
import { publishCatalogueAndNotices, publishRows } from './feed';
import { schemaVersion } from './migrate';
import { searchKeys } from './search-keys';
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

interface SeedData {
  counties: SeedCounty[];
  catalogue: SeedCatalogue;
  notices: SeedNotice[];
  traceRecords: SeedTraceRecord[];
}

const seedDataSchema = z.object({
  counties: z.array(seedCountySchema).min(1),
  catalogue: z.object({ categories: z.array(seedCategorySchema), items: z.array(seedItemSchema) }),
  notices: z.array(seedNoticeSchema),
  traceRecords: z.array(seedTraceRecordSchema),
});

/**
 * The seed, parsed with the schemas assets/seed publishes. Authoring type-checks the data; parsing
 * also checks what types cannot (id patterns, EAN-13 check digits, integer positive fen), so a bad
 * edit stops the seed with the path of the bad value instead of loading it.
 */
export function loadSeedData(): SeedData {
  const parsed = seedDataSchema.safeParse({
    counties: seedCounties,
    catalogue: generateCatalogue(),
    notices: seedNotices,
    traceRecords: seedTraceRecords,
  });
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new Error(`assets/seed is invalid at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}

async function insertGeography(tx: Queryable, counties: SeedCounty[]): Promise<void> {
  const townships: unknown[][] = [];
  const villages: unknown[][] = [];
  for (const county of counties) {
    for (const township of county.townships) {
      townships.push([township.id, county.id, township.code, township.name]);
      for (const village of township.villages)
        villages.push([village.id, county.id, township.id, village.name]);
    }
  }
  const countyRows = counties.map((c) => [c.id, c.code, c.name, c.city]);
  await insertRows(tx, 'counties', ['id', 'code', 'name', 'city'], countyRows);
  await insertRows(tx, 'townships', ['id', 'county_id', 'code', 'name'], townships);
  await insertRows(tx, 'villages', ['id', 'county_id', 'township_id', 'name'], villages);
}

/** What a county publishes: its copy of the catalogue and of the notices. */
async function insertPublished(
  tx: Queryable,
  countyId: string,
  data: SeedData,
  withKeys: boolean,
): Promise<void> {
  const { categories, items } = data.catalogue;
  await insertRows(
    tx,
    'catalogue_categories',
    ['county_id', 'id', 'name', 'name_en', 'icon', 'sort'],
    categories.map((c) => [countyId, c.id, c.name, c.nameEn, c.icon, c.sort]),
  );
  const itemColumns = ['county_id', 'id', 'barcode', 'name', 'category_id', 'brand', 'spec', 'unit'];
  const keyColumns = withKeys ? ['pinyin', 'initials'] : [];
  await insertRows(
    tx,
    'catalogue_items',
    [...itemColumns, 'price_fen', 'origin', 'tags', ...keyColumns],
    items.map((i) => {
      const keys = withKeys ? searchKeys(i.name) : undefined;
      return [
        countyId,
        i.id,
        i.barcode,
        i.name,
        i.categoryId,
        i.brand ?? null,
        i.spec,
        i.unit,
        i.priceFen,
        i.origin ?? null,
        i.tags ?? [],
        ...(keys ? [keys.pinyin, keys.initials] : []),
      ];
    }),
  );
  const noticeColumns = ['county_id', 'id', 'title', 'body', 'category', 'pinned', 'urgent', 'published_at'];
  await insertRows(
    tx,
    'notices',
    noticeColumns,
    data.notices.map((n) => [countyId, n.id, n.title, n.body, n.category, n.pinned, n.urgent, n.publishedAt]),
  );
  // trace_records arrive with schema version 2 (migration 0002), as the search keys do.
  if (!withKeys) return;
  await insertRows(
    tx,
    'trace_records',
    ['county_id', 'code', 'product', 'origin', 'producer', 'batch', 'inspection'],
    data.traceRecords.map((r) => [countyId, r.code, r.product, r.origin, r.producer, r.batch, r.inspection]),
  );
}

// Columns copied from one county's published rows to another's (all but county_id and defaults).
const PUBLISHED_COLUMNS = {
  catalogue_categories: ['id', 'name', 'name_en', 'icon', 'sort'],
  catalogue_items: [
    'id',
    'barcode',
    'name',
    'category_id',
    'brand',
    'spec',
    'unit',
    'price_fen',
    'origin',
    'tags',
  ],
  notices: ['id', 'title', 'body', 'category', 'pinned', 'urgent', 'published_at'],
  trace_records: ['code', 'product', 'origin', 'producer', 'batch', 'inspection'],
} as const;

/**
 * The other counties get the same rows copied inside the database (INSERT … SELECT): one statement
 * per table instead of sending thousands of rows again, several times faster on PGlite.
 */
async function copyPublished(
  tx: Queryable,
  fromCounty: string,
  toCounty: string,
  withKeys: boolean,
): Promise<void> {
  for (const [table, columns] of Object.entries(PUBLISHED_COLUMNS)) {
    if (table === 'trace_records' && !withKeys) continue;
    const extra = withKeys && table === 'catalogue_items' ? ['pinyin', 'initials'] : [];
    const list = [...columns, ...extra].join(', ');
    await tx.query(
      `INSERT INTO ${table} (county_id, ${list}) SELECT $2, ${list} FROM ${table} WHERE county_id = $1`,
      [fromCounty, toCounty],
    );
  }
}

export async function seedIfEmpty(db: Db, logger: Logger): Promise<SeedResult> {
  const started = performance.now();
  const seeded = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [SEED_LOCK_KEY]);
    const [existing] = await tx.query<{ n: number }>('SELECT count(*) AS n FROM counties');
    if ((existing?.n ?? 0) > 0) return false;
    const data = loadSeedData();
    const withKeys = (await schemaVersion(tx)) >= 2;
    await insertGeography(tx, data.counties);
    const [first, ...others] = data.counties;
    await insertPublished(tx, first!.id, data, withKeys);
    for (const county of others) await copyPublished(tx, first!.id, county.id, withKeys);
    if (withKeys) {
      await publishCatalogueAndNotices(tx, null);
      await publishRows(tx, 'trace_record', 'TRUE');
    }
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
