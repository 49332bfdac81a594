/**
 * New jobs the programme created (新增就业), entered by county staff per village and month: no kiosk
 * records them. Listed, added and deleted from the console; the statistics sum them per month.
 */
import { ulid } from 'ulid';
import { z } from 'zod';
import { adminId } from './admin-contract';
import type { Queryable } from './db';
import { CountyError } from './http-contract';

export const jobRecordBody = z.strictObject({
  villageId: adminId,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM / month is YYYY-MM'),
  jobs: z.number().int().min(1).max(10_000),
  note: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type JobRecordBody = z.infer<typeof jobRecordBody>;

export const jobRecordQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  villageId: adminId.optional(),
});

const COLUMNS = `j.id, j.village_id AS "villageId", v.name AS "villageName", to_char(j.month, 'YYYY-MM') AS month,
  j.jobs, j.note, j.created_at AS "createdAt"`;

export async function listJobRecords(db: Queryable, countyId: string, q: z.infer<typeof jobRecordQuery>) {
  return db.query(
    `SELECT ${COLUMNS} FROM job_records j JOIN villages v ON v.id = j.village_id
     WHERE j.county_id = $1 AND ($2::date IS NULL OR j.month = $2::date) AND ($3::text IS NULL OR j.village_id = $3)
     ORDER BY j.month DESC, j.created_at DESC LIMIT 1000`,
    [countyId, q.month ? `${q.month}-01` : null, q.villageId ?? null],
  );
}

export async function addJobRecord(db: Queryable, countyId: string, body: JobRecordBody, now: Date) {
  const id = `job-${ulid(now.getTime()).toLowerCase()}`;
  const rows = await db.query<{ id: string }>(
    `INSERT INTO job_records (county_id, id, village_id, month, jobs, note, created_at)
     SELECT $1, $2, v.id, $4::date, $5, $6, $7 FROM villages v WHERE v.county_id = $1 AND v.id = $3
     RETURNING id`,
    [countyId, id, body.villageId, `${body.month}-01`, body.jobs, body.note, now],
  );
  if (rows.length === 0)
    throw new CountyError('VILLAGE_NOT_FOUND', `村 ${body.villageId} 不在本县 / no such village`);
  const [row] = await db.query(
    `SELECT ${COLUMNS} FROM job_records j JOIN villages v ON v.id = j.village_id WHERE j.county_id = $1 AND j.id = $2`,
    [countyId, id],
  );
  return row;
}

export async function deleteJobRecord(db: Queryable, countyId: string, id: string): Promise<void> {
  const rows = await db.query('DELETE FROM job_records WHERE county_id = $1 AND id = $2 RETURNING id', [
    countyId,
    id,
  ]);
  if (rows.length === 0) throw new CountyError('NOT_FOUND', `就业记录 ${id} 不存在 / no job record ${id}`);
}
