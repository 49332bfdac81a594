/**
 * The county's view of parcels at its village points (admin API `GET …/parcels`): what each kiosk
 * reported stored, collected or returned, and whether the pickup SMS went out. The pickup code is
 * never here (the kiosk keeps only its hash; an SMS text is blanked once sent).
 */
import { z } from 'zod';
import type { Queryable } from './db';

export const parcelQuery = z.strictObject({
  villageId: z.string().trim().min(1).max(64).optional(),
  waybill: z.string().trim().min(1).max(40).optional(),
  status: z.enum(['stored', 'collected', 'returned']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ParcelQuery = z.infer<typeof parcelQuery>;

export interface CountyParcel {
  id: string;
  villageId: string;
  deviceId: string;
  waybill: string;
  carrier: string;
  phone: string;
  location: unknown;
  status: 'stored' | 'collected' | 'returned';
  storedAt: string;
  collectedAt: string | null;
  collectMethod: 'code' | 'operator' | null;
  collectedBy: string | null;
  returnedAt: string | null;
  returnManifestId: string | null;
  /** The pickup SMS: pending, sent, failed, or null when none was queued (or it was dropped). */
  sms: 'pending' | 'sent' | 'failed' | null;
}

export async function listParcels(db: Queryable, countyId: string, q: ParcelQuery): Promise<CountyParcel[]> {
  const rows = await db.query<
    CountyParcel & {
      storedAt: Date | string;
      collectedAt: Date | string | null;
      returnedAt: Date | string | null;
    }
  >(
    `SELECT p.id, p.village_id AS "villageId", p.device_id AS "deviceId", p.waybill, p.carrier, p.phone,
            p.location, p.status, p.stored_at AS "storedAt", p.collected_at AS "collectedAt",
            p.collect_method AS "collectMethod", p.collected_by AS "collectedBy", p.returned_at AS "returnedAt",
            p.return_manifest_id AS "returnManifestId",
            (SELECT s.status FROM sms_outbox s WHERE s.county_id = p.county_id AND s.parcel_id = p.id
              ORDER BY s.id DESC LIMIT 1) AS sms
     FROM parcels p
     WHERE p.county_id = $1 AND ($2::text IS NULL OR p.village_id = $2) AND ($3::text IS NULL OR p.waybill = $3)
       AND ($4::text IS NULL OR p.status = $4)
     ORDER BY p.stored_at DESC, p.id LIMIT $5`,
    [countyId, q.villageId ?? null, q.waybill ?? null, q.status ?? null, q.limit],
  );
  const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  return rows.map((r) => ({
    ...r,
    storedAt: iso(r.storedAt)!,
    collectedAt: iso(r.collectedAt),
    returnedAt: iso(r.returnedAt),
  }));
}
