/**
 * Catalogue reads for the shop screens. Search is one key range over the multiEntry `terms` index
 * (search-terms.ts), so each keystroke costs the same on 20,000 items as on 200.
 */
import type { CatalogueRow, KioskDb } from './db';
import { indexPrefix, matchesQuery, normalize, queryWords } from './search-terms';

export interface SearchOptions {
  limit?: number;
  categoryId?: string;
  /** Inactive items are hidden from villagers; the operator may want them. */
  includeInactive?: boolean;
}

/**
 * Items whose name, full pinyin or pinyin initials contain a prefix match of every word of `query`,
 * best first: names that start with the query, then names containing it as typed, then the rest.
 */
export async function searchCatalogue(
  db: KioskDb,
  query: string,
  opts: SearchOptions = {},
): Promise<CatalogueRow[]> {
  const limit = opts.limit ?? 50;
  const words = queryWords(query);
  if (words.length === 0) return [];
  // Narrow by the most selective word: the longest one.
  const first = words.reduce((a, b) => (Array.from(b).length > Array.from(a).length ? b : a));
  const { prefix, exact } = indexPrefix(first);
  const needsCheck = !exact || words.length > 1;
  const keep = (row: CatalogueRow | undefined): row is CatalogueRow =>
    row !== undefined &&
    (opts.includeInactive || row.active) &&
    (!opts.categoryId || row.categoryId === opts.categoryId) &&
    (!needsCheck || matchesQuery(row, words));

  // Index keys only (one getAllKeys, no cursor walk), then the rows. An item appears once per
  // matching term, so ask for several keys per wanted row; widen only if filters left too few.
  const lookUp = async (want: number): Promise<CatalogueRow[]> => {
    const keys = await db.catalogue.where('terms').startsWith(prefix).limit(want).primaryKeys();
    const candidates = (await db.catalogue.bulkGet([...new Set(keys)])).filter(keep);
    return candidates.length >= limit * 2 || keys.length < want ? candidates : lookUp(want * 4);
  };
  const candidates = await lookUp(limit * 4);
  const typed = normalize(query).replace(/\s+/g, '');
  const rank = (row: CatalogueRow): number => {
    const at = normalize(row.name).replace(/\s+/g, '').indexOf(typed);
    return at === 0 ? 0 : at > 0 ? 1 : 2;
  };
  return candidates
    .map((row) => ({ row, rank: rank(row) }))
    .sort(
      (a, b) => a.rank - b.rank || a.row.name.length - b.row.name.length || a.row.id.localeCompare(b.row.id),
    )
    .slice(0, limit)
    .map((r) => r.row);
}

export const catalogueItem = (db: KioskDb, id: string): Promise<CatalogueRow | undefined> =>
  db.catalogue.get(id);

export const itemByBarcode = (db: KioskDb, barcode: string): Promise<CatalogueRow | undefined> =>
  db.catalogue.where('barcode').equals(barcode).first();

export const itemsInCategory = (db: KioskDb, categoryId: string): Promise<CatalogueRow[]> =>
  db.catalogue
    .where('categoryId')
    .equals(categoryId)
    .filter((row) => row.active)
    .toArray();

export const categories = (db: KioskDb) => db.categories.orderBy('sort').toArray();
