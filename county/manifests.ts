/**
 * Parcel manifests: the parcels carriers announced for a village, published to that village only,
 * so its kiosk recognises a waybill at intake and can tell a villager a parcel is on its way.
 *
 * A re-uploaded waybill replaces the earlier entry. If it moved to another village (a carrier's
 * correction), the old village gets a delete in the same transaction, so no kiosk keeps a stale one.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { manifestEntry, type ManifestEntry } from './admin-contract';
import type { Db } from './db';
import { appendChanges, publishRows } from './feed';
import { CountyError, type RowProblem } from './http-contract';

export async function uploadManifest(
  db: Db,
  countyId: string,
  villageId: string,
  entries: readonly ManifestEntry[],
) {
  const waybills = entries.map((e) => e.waybill);
  if (new Set(waybills).size !== waybills.length) {
    throw new CountyError('BAD_REQUEST', '运单号重复 / the list names a waybill twice');
  }
  return db.transaction(async (tx) => {
    const [village] = await tx.query('SELECT 1 FROM villages WHERE county_id = $1 AND id = $2', [
      countyId,
      villageId,
    ]);
    if (!village) throw new CountyError('VILLAGE_NOT_FOUND', `村 ${villageId} 不在本县 / no such village`);
    const moved = await tx.query<{ waybill: string; village_id: string }>(
      `SELECT waybill, village_id FROM parcel_manifests
       WHERE county_id = $1 AND waybill = ANY($2::text[]) AND village_id <> $3 FOR UPDATE`,
      [countyId, waybills, villageId],
    );
    await tx.query(
      `INSERT INTO parcel_manifests (county_id, waybill, village_id, carrier, phone, recipient_name, expected_at)
       SELECT $1, v.waybill, $2, v.carrier, v.phone, v.recipient_name, v.expected_at
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
         AS v(waybill, carrier, phone, recipient_name, expected_at)
       ON CONFLICT (county_id, waybill) DO UPDATE SET village_id = EXCLUDED.village_id,
         carrier = EXCLUDED.carrier, phone = EXCLUDED.phone, recipient_name = EXCLUDED.recipient_name,
         expected_at = EXCLUDED.expected_at, uploaded_at = now()`,
      [
        countyId,
        villageId,
        waybills,
        entries.map((e) => e.carrier),
        entries.map((e) => e.phone),
        entries.map((e) => e.recipientName),
        entries.map((e) => e.expectedAt),
      ],
    );
    await appendChanges(
      tx,
      moved.map((m) => ({
        countyId,
        villageId: m.village_id,
        entity: 'parcel_manifest' as const,
        id: m.waybill,
        op: 'delete' as const,
      })),
    );
    await publishRows(tx, 'parcel_manifest', 'm.county_id = $1 AND m.waybill = ANY($2::text[])', [
      countyId,
      waybills,
    ]);
    return { villageId, parcels: entries.length, movedFromOtherVillages: moved.length };
  });
}

/** A manifest CSV (header: waybill,carrier,phone,recipientName,expectedAt), each row validated. */
export function readManifestCsv(data: Buffer): ManifestEntry[] {
  let records: Record<string, string>[];
  try {
    records = parseCsv(data, { bom: true, columns: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    throw new CountyError(
      'IMPORT_INVALID',
      `CSV 无法解析 / the CSV cannot be read: ${(err as Error).message}`,
    );
  }
  const problems: RowProblem[] = [];
  const entries: ManifestEntry[] = [];
  records.forEach((record, i) => {
    const cleaned = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''));
    const parsed = manifestEntry.safeParse(cleaned);
    if (parsed.success) entries.push(parsed.data);
    else
      problems.push({
        row: i + 2,
        message: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '),
      });
  });
  if (problems.length > 0) {
    throw new CountyError(
      'IMPORT_INVALID',
      `${problems.length} 行有错误 / bad rows: row ${problems[0]!.row}: ${problems[0]!.message}`,
      {
        rows: problems,
      },
    );
  }
  return entries;
}
