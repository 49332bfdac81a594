/**
 * The change feed: how what the county publishes reaches kiosks (ARCHITECTURE.md §5, pull).
 *
 * Writers append rows in the same transaction as the change they describe, so a feed row exists iff
 * its change committed. Readers page through the rows of their county (county-wide rows and their
 * own village's) by cursor.
 *
 * Why the cursor is `pos` and not the sequence `seq`: a sequence value is drawn before commit, so
 * seq 41 may commit after seq 42 has been read, and `seq > cursor` would skip 41 forever. Filtering
 * on `txid < pg_snapshot_xmin(pg_current_snapshot())` (only rows of transactions older than every one
 * still running) is not enough on its own either: a transaction that got its id early (say 100) can
 * draw seq 42 after a younger one (id 101) drew 41 and is still running; 100 < xmin 101, so 42 would
 * be returned and 41 skipped. Ordering by the transaction id instead closes that gap: every id below
 * xmin belongs to a finished transaction, so the set of rows with txid < xmin can no longer grow, and
 * a row that commits later has txid >= xmin, which sorts after anything already returned.
 * `pos` = (txid << 20) + ordinal inside the transaction encodes that order in one bigint, the
 * protocol's decimal cursor. Proved by tests/integration/county-feed-postgres.test.ts.
 *
 * The cost: a long-running transaction anywhere on the server holds back what pulls return (never
 * loses it) until it ends. The county runs none; keep `idle_in_transaction_session_timeout` set.
 */
import { entitySchemas, type EntityData, type EntityType } from '../sync/protocol';
import type { Queryable } from './db';

export const POS_SHIFT = 20;
const TXN_ROWS = 2 ** POS_SHIFT;

/** The first free pos of the current transaction (its id shifted, plus the rows it already wrote). */
const NEXT_POS = `next_pos AS (
  SELECT coalesce((SELECT max(f.pos) + 1 FROM change_feed f WHERE f.pos >= b.lo AND f.pos < b.lo + ${TXN_ROWS}),
                  b.lo) AS p
  FROM (SELECT pg_current_xact_id()::text::bigint << ${POS_SHIFT} AS lo) b
)`;

/** ISO-8601 in UTC with milliseconds, as the protocol's `isoTime` wants. */
export const isoSql = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface EntitySource {
  /** `FROM` clause with the alias the expressions use. */
  from: string;
  id: string;
  /** NULL for county-wide entities. */
  village: string;
  data: string;
}

/**
 * Each published entity as SQL over the row that stores it: the feed carries exactly what is stored,
 * in the shape of entitySchemas (sync/protocol.ts); tests parse every kind with those schemas.
 */
const SOURCES: Partial<Record<EntityType, EntitySource>> = {
  category: {
    from: 'catalogue_categories c',
    id: 'c.id',
    village: 'NULL',
    data: `jsonb_build_object('id', c.id, 'name', c.name, 'nameEn', c.name_en, 'icon', c.icon, 'sort', c.sort)`,
  },
  catalogue_item: {
    from: 'catalogue_items i',
    id: 'i.id',
    village: 'NULL',
    data: `jsonb_build_object('id', i.id, 'barcode', i.barcode, 'name', i.name, 'categoryId', i.category_id,
      'brand', i.brand, 'spec', i.spec, 'unit', i.unit, 'priceFen', i.price_fen, 'origin', i.origin,
      'tags', to_jsonb(i.tags), 'imageUrl', i.image_url, 'active', i.active, 'pinyin', i.pinyin,
      'initials', i.initials)`,
  },
  notice: {
    from: 'notices n',
    id: 'n.id',
    village: 'NULL',
    data: `jsonb_build_object('id', n.id, 'title', n.title, 'body', n.body, 'category', n.category,
      'pinned', n.pinned, 'urgent', n.urgent, 'publishedAt', ${isoSql('n.published_at')})`,
  },
  parcel_manifest: {
    from: 'parcel_manifests m',
    id: 'm.waybill',
    village: 'm.village_id',
    data: `jsonb_build_object('waybill', m.waybill, 'carrier', m.carrier, 'phone', m.phone,
      'recipientName', m.recipient_name, 'expectedAt', ${isoSql('m.expected_at')})`,
  },
  order_status: {
    from: 'orders o',
    id: 'o.id',
    village: 'o.village_id',
    data: `jsonb_build_object('orderId', o.id, 'status', o.status, 'note', o.status_note,
      'settledTotalFen', o.settled_total_fen)`,
  },
  trace_record: {
    from: 'trace_records t',
    id: 't.code',
    village: 'NULL',
    data: `jsonb_build_object('code', t.code, 'product', t.product, 'origin', t.origin,
      'producer', t.producer, 'batch', t.batch, 'inspection', t.inspection)`,
  },
  // Only to the account's own village; the PIN hash and its KDF parameters, never the PIN.
  operator_account: {
    from: 'operator_accounts a',
    id: 'a.id',
    village: 'a.village_id',
    data: `jsonb_build_object('villageId', a.village_id, 'name', a.name, 'role', a.role,
      'pinHash', a.pin_hash, 'salt', a.pin_salt, 'iterations', a.pin_iterations, 'active', a.active)`,
  },
  village_settings: {
    from: 'village_settings s',
    id: 's.village_id',
    village: 's.village_id',
    data: `jsonb_build_object('villageId', s.village_id, 'overdueDays', s.overdue_days,
      'storageFeeFenPerDay', s.storage_fee_fen_per_day)`,
  },
};

/**
 * Appends an upsert for every stored row of `entity` matching `where` (SQL over the source's alias,
 * with `$1…` parameters). Returns how many rows were appended. Call it in the transaction that
 * wrote the rows, after writing them.
 */
export async function publishRows(
  tx: Queryable,
  entity: EntityType,
  where: string,
  params: unknown[] = [],
): Promise<number> {
  const source = SOURCES[entity];
  if (!source) throw new Error(`entity ${entity} is not published from a table`);
  const alias = source.from.split(' ')[1]!;
  const [row] = await tx.query<{ n: number }>(
    `WITH ${NEXT_POS},
     src AS (
       SELECT ${alias}.county_id, ${source.village} AS village_id, ${source.id} AS entity_id,
              ${source.data} AS data, row_number() OVER (ORDER BY ${source.id}) AS n
       FROM ${source.from} WHERE ${where}
     ),
     ins AS (
       INSERT INTO change_feed (pos, county_id, village_id, entity, entity_id, op, data)
       SELECT next_pos.p + src.n - 1, src.county_id, src.village_id, '${entity}', src.entity_id, 'upsert', src.data
       FROM next_pos, src
       RETURNING 1
     )
     SELECT count(*) AS n FROM ins`,
    params,
  );
  return row?.n ?? 0;
}

export type FeedChange = {
  [E in EntityType]:
    | { countyId: string; villageId: string | null; entity: E; id: string; op: 'upsert'; data: EntityData<E> }
    | { countyId: string; villageId: string | null; entity: E; id: string; op: 'delete' };
}[EntityType];

/** Appends changes built in code (deletes, mostly). Upserts are checked against the protocol first. */
export async function appendChanges(tx: Queryable, changes: readonly FeedChange[]): Promise<void> {
  if (changes.length === 0) return;
  const data = changes.map((c) =>
    c.op === 'upsert' ? JSON.stringify(entitySchemas[c.entity].parse(c.data)) : null,
  );
  await tx.query(
    `WITH ${NEXT_POS}
     INSERT INTO change_feed (pos, county_id, village_id, entity, entity_id, op, data)
     SELECT next_pos.p + v.n - 1, v.county_id, v.village_id, v.entity, v.entity_id, v.op, v.data::jsonb
     FROM next_pos, unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       WITH ORDINALITY AS v(county_id, village_id, entity, entity_id, op, data, n)`,
    [
      changes.map((c) => c.countyId),
      changes.map((c) => c.villageId),
      changes.map((c) => c.entity),
      changes.map((c) => c.id),
      changes.map((c) => c.op),
      data,
    ],
  );
}

export interface ChangeRow {
  entity: string;
  id: string;
  op: 'upsert' | 'delete';
  data: unknown;
  version: string;
}

export interface ReadChangesResult {
  changes: ChangeRow[];
  cursor: string;
  hasMore: boolean;
}

/**
 * One page of what a village's kiosk may see after `cursor`: its county's county-wide rows and its
 * own village's rows, never another village's. Positions stay text end to end (they pass 2^53).
 */
export async function readChanges(
  db: Queryable,
  opts: { countyId: string; villageId: string; cursor: string; limit: number },
): Promise<ReadChangesResult> {
  const branch = (villageFilter: string) => `(
    SELECT f.pos, f.entity, f.entity_id, f.op, f.data FROM change_feed f, horizon
    WHERE f.county_id = $1 AND ${villageFilter} AND f.pos > $3::bigint AND f.pos < horizon.h
    ORDER BY f.pos LIMIT $4)`;
  const rows = await db.query<ChangeRow>(
    `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint << ${POS_SHIFT} AS h)
     SELECT u.entity, u.entity_id AS id, u.op, u.data, u.pos::text AS version
     FROM (${branch('f.village_id IS NULL')} UNION ALL ${branch('f.village_id = $2')}) u
     ORDER BY u.pos LIMIT $4`,
    [opts.countyId, opts.villageId, opts.cursor, opts.limit + 1],
  );
  const hasMore = rows.length > opts.limit;
  const changes = hasMore ? rows.slice(0, opts.limit) : rows;
  return { changes, cursor: changes.at(-1)?.version ?? opts.cursor, hasMore };
}

/**
 * Upserts for everything a county publishes county-wide (categories first, so an item never arrives
 * before its category). `countyId` null = every county. Used by the seed and by migration 0002.
 */
export async function publishCatalogueAndNotices(tx: Queryable, countyId: string | null): Promise<number> {
  const params = [countyId];
  let n = await publishRows(tx, 'category', '($1::text IS NULL OR c.county_id = $1)', params);
  n += await publishRows(tx, 'catalogue_item', '($1::text IS NULL OR i.county_id = $1)', params);
  n += await publishRows(tx, 'notice', '($1::text IS NULL OR n.county_id = $1)', params);
  return n;
}
