/**
 * What a terminal's sync requests tell the county about it: that it is alive this month (coverage,
 * device_activity_month), and — when the kiosk sends them — its software version and how many records
 * it still holds unsynced (optional headers; a kiosk that sends neither is simply not reported).
 *
 * Called for every authenticated sync request. The activity row exists after the month's first
 * request, so the usual cost is one primary-key probe; the device row is written only when a header
 * is present and says something new.
 */
import { z } from 'zod';
import { APP_VERSION_HEADER, PENDING_HEADER } from '../sync/protocol';
import type { Queryable } from './db';

export { APP_VERSION_HEADER, PENDING_HEADER };

const pendingSchema = z.coerce.number().int().min(0).max(10_000_000);
const versionSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z.+_-]{1,40}$/);

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export interface DeviceReport {
  pending: number | null;
  appVersion: string | null;
}

/** Malformed values are ignored rather than refused: they are informational and must never stop a sync. */
export function readDeviceReport(headers: Record<string, string | string[] | undefined>): DeviceReport {
  const pending = pendingSchema.safeParse(one(headers[PENDING_HEADER]));
  const version = versionSchema.safeParse(one(headers[APP_VERSION_HEADER]));
  return {
    pending: one(headers[PENDING_HEADER]) !== undefined && pending.success ? pending.data : null,
    appVersion: version.success ? version.data : null,
  };
}

export async function recordDeviceActivity(
  db: Queryable,
  device: { id: string; countyId: string; villageId: string },
  report: DeviceReport,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO device_activity_month (county_id, month, village_id, device_id)
     VALUES ($1, stats_month($4), $2, $3) ON CONFLICT DO NOTHING`,
    [device.countyId, device.villageId, device.id, now],
  );
  if (report.pending === null && report.appVersion === null) return;
  await db.query(
    `UPDATE devices SET
       pending_backlog = coalesce($2, pending_backlog),
       backlog_reported_at = CASE WHEN $2::int IS NULL THEN backlog_reported_at ELSE $4 END,
       app_version = coalesce($3, app_version)
     WHERE id = $1
       AND (($2::int IS NOT NULL AND (pending_backlog IS DISTINCT FROM $2 OR backlog_reported_at < $4::timestamptz - interval '1 minute'))
            OR ($3::text IS NOT NULL AND app_version IS DISTINCT FROM $3))`,
    [device.id, report.pending, report.appVersion, now],
  );
}
