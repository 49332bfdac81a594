/**
 * What the county publishes besides the catalogue: notices (county-wide), trace records
 * (county-wide) and village settings (one village). Each write publishes its change feed row in the
 * same transaction; deleting a notice publishes a delete, so kiosks drop it too.
 */
import { ulid } from 'ulid';
import type { z } from 'zod';
import type { EntityData } from '../sync/protocol';
import type { NoticeBody, traceRecordBody, villageSettingsBody } from './admin-contract';
import type { Db, Queryable } from './db';
import { appendChanges, isoSql, publishRows } from './feed';
import { CountyError } from './http-contract';

const NOTICE_COLUMNS = `id, title, body, category, pinned, urgent, ${isoSql('published_at')} AS "publishedAt"`;
const TARGETS = `coalesce((SELECT array_agg(t.village_id ORDER BY t.village_id) FROM notice_targets t
  WHERE t.county_id = notices.county_id AND t.notice_id = notices.id), '{}') AS "villageIds"`;

export async function listNotices(db: Queryable, countyId: string) {
  return db.query(
    `SELECT ${NOTICE_COLUMNS}, ${TARGETS} FROM notices WHERE county_id = $1 ORDER BY published_at DESC, id`,
    [countyId],
  );
}

/**
 * Creates (id omitted: a new one) or replaces a notice. With target villages it reaches only their
 * kiosks: the feed gets a county-wide delete first (every kiosk that had it drops it), then an upsert
 * for each target village, in that order of position, so a target village ends with the notice and
 * every other village without it, whatever it was published to before.
 */
export async function putNotice(
  db: Db,
  countyId: string,
  id: string | undefined,
  body: NoticeBody,
  now: Date,
) {
  const noticeId = id ?? `notice-${ulid(now.getTime()).toLowerCase()}`;
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `INSERT INTO notices (county_id, id, title, body, category, pinned, urgent, published_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8 FROM counties WHERE id = $1
       ON CONFLICT (county_id, id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body,
         category = EXCLUDED.category, pinned = EXCLUDED.pinned, urgent = EXCLUDED.urgent,
         published_at = EXCLUDED.published_at, updated_at = now()
       RETURNING ${NOTICE_COLUMNS}`,
      [
        countyId,
        noticeId,
        body.title,
        body.body,
        body.category,
        body.pinned,
        body.urgent,
        body.publishedAt ?? now,
      ],
    );
    if (rows.length === 0) throw new CountyError('NOT_FOUND', `县 ${countyId} 不存在 / no such county`);
    await tx.query('DELETE FROM notice_targets WHERE county_id = $1 AND notice_id = $2', [
      countyId,
      noticeId,
    ]);
    const targets = [...new Set(body.villageIds)];
    const added = await tx.query<{ village_id: string }>(
      `INSERT INTO notice_targets (county_id, notice_id, village_id)
       SELECT $1, $2, v.id FROM villages v WHERE v.county_id = $1 AND v.id = ANY($3::text[])
       RETURNING village_id`,
      [countyId, noticeId, targets],
    );
    if (added.length !== targets.length) {
      const missing = targets.filter((v) => !added.some((a) => a.village_id === v));
      throw new CountyError('VILLAGE_NOT_FOUND', `村 ${missing.join('、')} 不在本县 / no such village`);
    }
    const notice = rows[0] as EntityData<'notice'>;
    if (targets.length === 0) {
      await publishRows(tx, 'notice', 'n.county_id = $1 AND n.id = $2', [countyId, noticeId]);
    } else {
      await appendChanges(tx, [
        { countyId, villageId: null, entity: 'notice', id: noticeId, op: 'delete' },
        ...targets.map((villageId) => ({
          countyId,
          villageId,
          entity: 'notice' as const,
          id: noticeId,
          op: 'upsert' as const,
          data: notice,
        })),
      ]);
    }
    return { ...notice, villageIds: targets.sort() };
  });
}

export async function deleteNotice(db: Db, countyId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx.query('DELETE FROM notices WHERE county_id = $1 AND id = $2 RETURNING id', [
      countyId,
      id,
    ]);
    if (rows.length === 0) throw new CountyError('NOT_FOUND', `公告 ${id} 不存在 / no notice ${id}`);
    await appendChanges(tx, [{ countyId, villageId: null, entity: 'notice', id, op: 'delete' }]);
  });
}

export async function putTraceRecord(
  db: Db,
  countyId: string,
  code: string,
  body: z.infer<typeof traceRecordBody>,
) {
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO trace_records (county_id, code, product, origin, producer, batch, inspection)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (county_id, code) DO UPDATE SET product = EXCLUDED.product, origin = EXCLUDED.origin,
         producer = EXCLUDED.producer, batch = EXCLUDED.batch, inspection = EXCLUDED.inspection, updated_at = now()`,
      [countyId, code, body.product, body.origin, body.producer, body.batch, body.inspection],
    );
    await publishRows(tx, 'trace_record', 't.county_id = $1 AND t.code = $2', [countyId, code]);
    return { code, ...body };
  });
}

export async function putVillageSettings(
  db: Db,
  countyId: string,
  villageId: string,
  body: z.infer<typeof villageSettingsBody>,
) {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `INSERT INTO village_settings (county_id, village_id, overdue_days, storage_fee_fen_per_day)
       SELECT $1, id, $3, $4 FROM villages WHERE county_id = $1 AND id = $2
       ON CONFLICT (county_id, village_id) DO UPDATE SET overdue_days = EXCLUDED.overdue_days,
         storage_fee_fen_per_day = EXCLUDED.storage_fee_fen_per_day, updated_at = now()
       RETURNING village_id`,
      [countyId, villageId, body.overdueDays, body.storageFeeFenPerDay],
    );
    if (rows.length === 0)
      throw new CountyError('VILLAGE_NOT_FOUND', `村 ${villageId} 不在本县 / no such village`);
    await publishRows(tx, 'village_settings', 's.county_id = $1 AND s.village_id = $2', [
      countyId,
      villageId,
    ]);
    return { villageId, ...body };
  });
}
