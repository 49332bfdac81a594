/**
 * The county's catalogue: categories, items and their prices (admin API, CLI and imports).
 *
 * Invariants:
 * - Every change writes its change feed row in the same transaction (feed.ts), so kiosks see a
 *   price exactly when it is committed, never a price that was rolled back.
 * - Search keys (pinyin, initials) are recomputed from the name whenever an item is written.
 * - Items are withdrawn (active = false, 下架), never deleted: orders keep referring to them.
 */
import type { Db, Queryable } from './db';
import type { CategoryBody, ItemBody, ItemPatch } from './admin-contract';
import { publishRows } from './feed';
import { CountyError } from './http-contract';
import { searchKeys } from './search-keys';

export interface ItemInput extends ItemBody {
  id: string;
}

export interface UpsertCounts {
  created: number;
  updated: number;
}

const ITEM_COLUMNS = `id, barcode, name, category_id AS "categoryId", brand, spec, unit, price_fen AS "priceFen",
  origin, tags, image_url AS "imageUrl", active, pinyin, initials, updated_at AS "updatedAt"`;

export async function listCategories(db: Queryable, countyId: string) {
  return db.query(
    `SELECT id, name, name_en AS "nameEn", icon, sort FROM catalogue_categories WHERE county_id = $1 ORDER BY sort, id`,
    [countyId],
  );
}

export async function upsertCategory(db: Db, countyId: string, id: string, body: CategoryBody) {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `INSERT INTO catalogue_categories (county_id, id, name, name_en, icon, sort)
       SELECT $1, $2, $3, $4, $5, $6 FROM counties WHERE id = $1
       ON CONFLICT (county_id, id) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en,
         icon = EXCLUDED.icon, sort = EXCLUDED.sort, updated_at = now()
       RETURNING id`,
      [countyId, id, body.name, body.nameEn, body.icon, body.sort],
    );
    if (rows.length === 0) throw new CountyError('NOT_FOUND', `县 ${countyId} 不存在 / no such county`);
    await publishRows(tx, 'category', 'c.county_id = $1 AND c.id = $2', [countyId, id]);
    return { id, ...body };
  });
}

/** Category ids of the county, to check items against before writing. */
export async function categoryIds(db: Queryable, countyId: string): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>('SELECT id FROM catalogue_categories WHERE county_id = $1', [
    countyId,
  ]);
  return new Set(rows.map((r) => r.id));
}

/**
 * Creates or replaces items in one statement and publishes them; the caller's transaction decides
 * what commits together (an import: all rows or none).
 */
export async function upsertItems(
  tx: Queryable,
  countyId: string,
  items: readonly ItemInput[],
): Promise<UpsertCounts> {
  if (items.length === 0) return { created: 0, updated: 0 };
  const keys = items.map((i) => searchKeys(i.name));
  const col = <T>(f: (i: ItemInput, n: number) => T) => items.map(f);
  const rows = await tx.query<{ created: boolean }>(
    `INSERT INTO catalogue_items (county_id, id, barcode, name, category_id, brand, spec, unit, price_fen,
                                  origin, tags, image_url, active, pinyin, initials)
     SELECT $1, v.id, v.barcode, v.name, v.category_id, v.brand, v.spec, v.unit, v.price_fen, v.origin,
            ARRAY(SELECT jsonb_array_elements_text(v.tags::jsonb)), v.image_url, v.active, v.pinyin, v.initials
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                 $9::int[], $10::text[], $11::text[], $12::text[], $13::boolean[], $14::text[], $15::text[])
       AS v(id, barcode, name, category_id, brand, spec, unit, price_fen, origin, tags, image_url, active,
            pinyin, initials)
     ON CONFLICT (county_id, id) DO UPDATE SET barcode = EXCLUDED.barcode, name = EXCLUDED.name,
       category_id = EXCLUDED.category_id, brand = EXCLUDED.brand, spec = EXCLUDED.spec, unit = EXCLUDED.unit,
       price_fen = EXCLUDED.price_fen, origin = EXCLUDED.origin, tags = EXCLUDED.tags,
       image_url = EXCLUDED.image_url, active = EXCLUDED.active, pinyin = EXCLUDED.pinyin,
       initials = EXCLUDED.initials, updated_at = now()
     RETURNING (xmax = 0) AS created`,
    [
      countyId,
      col((i) => i.id),
      col((i) => i.barcode),
      col((i) => i.name),
      col((i) => i.categoryId),
      col((i) => i.brand),
      col((i) => i.spec),
      col((i) => i.unit),
      col((i) => i.priceFen),
      col((i) => i.origin),
      col((i) => JSON.stringify(i.tags)),
      col((i) => i.imageUrl),
      col((i) => i.active),
      col((_i, n) => keys[n]!.pinyin),
      col((_i, n) => keys[n]!.initials),
    ],
  );
  await publishRows(tx, 'catalogue_item', 'i.county_id = $1 AND i.id = ANY($2::text[])', [
    countyId,
    items.map((i) => i.id),
  ]);
  const created = rows.filter((r) => r.created).length;
  return { created, updated: rows.length - created };
}

async function requireCategory(db: Queryable, countyId: string, categoryId: string): Promise<void> {
  if (!(await categoryIds(db, countyId)).has(categoryId)) {
    throw new CountyError('BAD_REQUEST', `分类 ${categoryId} 不存在 / unknown category ${categoryId}`);
  }
}

export async function putItem(db: Db, countyId: string, item: ItemInput) {
  return db.transaction(async (tx) => {
    await requireCategory(tx, countyId, item.categoryId);
    const counts = await upsertItems(tx, countyId, [item]);
    return { ...(await getItem(tx, countyId, item.id)), created: counts.created === 1 };
  });
}

export async function getItem(db: Queryable, countyId: string, id: string) {
  const [row] = await db.query(
    `SELECT ${ITEM_COLUMNS} FROM catalogue_items WHERE county_id = $1 AND id = $2`,
    [countyId, id],
  );
  if (!row) throw new CountyError('NOT_FOUND', `商品 ${id} 不存在 / no item ${id}`);
  return row;
}

/** Changes some fields (a price, 下架/上架); the rest stays as stored. */
export async function patchItem(db: Db, countyId: string, id: string, patch: ItemPatch) {
  return db.transaction(async (tx) => {
    const current = (await getItem(tx, countyId, id)) as ItemInput;
    const next: ItemInput = { ...current, ...patch, id };
    if (patch.categoryId !== undefined) await requireCategory(tx, countyId, patch.categoryId);
    await upsertItems(tx, countyId, [next]);
    return getItem(tx, countyId, id);
  });
}

export async function listItems(
  db: Queryable,
  countyId: string,
  q: {
    q?: string | undefined;
    categoryId?: string | undefined;
    active?: boolean | undefined;
    limit: number;
    offset: number;
  },
) {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db.query(
    `SELECT ${ITEM_COLUMNS} FROM catalogue_items
     WHERE county_id = $1 AND ($2::text IS NULL OR category_id = $2) AND ($3::boolean IS NULL OR active = $3)
       AND ($4::text IS NULL OR name LIKE $4 OR pinyin LIKE lower($4) OR initials LIKE lower($4) OR barcode = $5)
     ORDER BY id LIMIT $6 OFFSET $7`,
    [countyId, q.categoryId ?? null, q.active ?? null, like, q.q ?? null, q.limit, q.offset],
  );
}
