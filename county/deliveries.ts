/**
 * Delivery notes (送货单, issue 7): what the county sends a village's shop, published to that village
 * only (entity `delivery_note`), so its kiosk can book the delivery as stock in with one confirmation.
 *
 * Invariants: the note and its feed row are written in one transaction; every line names an item of
 * the county's catalogue (a typo is refused, not delivered to nobody); a note is immutable once
 * published (a correction is a new note), so what a kiosk confirmed is what the county holds.
 * Receipt is learned from the kiosk's `stock.moved` rows that refer to the note (reason 'purchase').
 */
import { ulid } from 'ulid';
import type { DeliveryNoteBody } from './admin-contract';
import type { Db, Queryable } from './db';
import { appendChanges, isoSql } from './feed';
import { CountyError } from './http-contract';

export interface DeliveryNote {
  id: string;
  villageId: string;
  lines: { itemId: string; name: string; qty: number; unitCostFen: number }[];
  deliveredAt: string;
  /** When the village's kiosk booked the first line in (device time), or null while not received. */
  receivedAt: string | null;
}

export async function createDeliveryNote(
  db: Db,
  countyId: string,
  body: DeliveryNoteBody,
  now: Date,
): Promise<DeliveryNote> {
  const ids = body.lines.map((l) => l.itemId);
  if (new Set(ids).size !== ids.length) {
    throw new CountyError('BAD_REQUEST', '送货单中商品重复 / the note names an item twice');
  }
  const id = `dn-${ulid(now.getTime()).toLowerCase()}`;
  return db.transaction(async (tx) => {
    const [village] = await tx.query('SELECT 1 FROM villages WHERE county_id = $1 AND id = $2', [
      countyId,
      body.villageId,
    ]);
    if (!village)
      throw new CountyError('VILLAGE_NOT_FOUND', `村 ${body.villageId} 不在本县 / no such village`);
    const known = await tx.query<{ id: string; name: string }>(
      'SELECT id, name FROM catalogue_items WHERE county_id = $1 AND id = ANY($2::text[])',
      [countyId, ids],
    );
    const names = new Map(known.map((k) => [k.id, k.name]));
    const unknown = ids.filter((i) => !names.has(i));
    if (unknown.length > 0) {
      throw new CountyError('BAD_REQUEST', `目录中没有商品 / not in the catalogue: ${unknown.join(', ')}`);
    }
    const lines = body.lines.map((l) => ({
      itemId: l.itemId,
      name: l.name ?? names.get(l.itemId)!,
      qty: l.qty,
      unitCostFen: l.unitCostFen,
    }));
    const deliveredAt = body.deliveredAt ?? now.toISOString();
    const [row] = await tx.query<{ delivered_at: string }>(
      `INSERT INTO delivery_notes (county_id, id, village_id, lines, delivered_at)
       VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING ${isoSql('delivered_at')} AS delivered_at`,
      [countyId, id, body.villageId, JSON.stringify(lines), deliveredAt],
    );
    const note = { id, villageId: body.villageId, lines, deliveredAt: row!.delivered_at };
    await appendChanges(tx, [
      { countyId, villageId: body.villageId, entity: 'delivery_note', id, op: 'upsert', data: note },
    ]);
    return { ...note, receivedAt: null };
  });
}

export async function listDeliveryNotes(
  db: Queryable,
  countyId: string,
  villageId: string | undefined,
): Promise<DeliveryNote[]> {
  return db.query<DeliveryNote>(
    `SELECT n.id, n.village_id AS "villageId", n.lines, ${isoSql('n.delivered_at')} AS "deliveredAt",
            (SELECT ${isoSql('min(s.device_at)')} FROM stock_movements s
             WHERE s.county_id = n.county_id AND s.village_id = n.village_id AND s.ref_id = n.id
               AND s.reason = 'purchase') AS "receivedAt"
     FROM delivery_notes n
     WHERE n.county_id = $1 AND ($2::text IS NULL OR n.village_id = $2)
     ORDER BY n.delivered_at DESC, n.id LIMIT 500`,
    [countyId, villageId ?? null],
  );
}
