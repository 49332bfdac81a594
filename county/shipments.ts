/**
 * Parcels a village point sends (寄件, issue 6) after the kiosk recorded them: the courier's
 * collection (a dispatch manifest, `dispatch.handed_over`) and the tracking events county staff
 * record afterwards.
 *
 * The county owns tracking status (§5): every event is stored and the shipment's status published to
 * ITS village only, as `request_status` kind 'shipment' with the whole event list in `detail`, in the
 * same transaction — a kiosk's "my shipments" list shows what it last pulled.
 */
import type { z } from 'zod';
import type { MutationPayload } from '../sync/protocol';
import type { shipmentEventBody } from './admin-contract';
import type { Db, Queryable } from './db';
import { appendChanges } from './feed';
import { CountyError } from './http-contract';
import { insertOwned, Rejection, type MutationContext } from './mutation-context';
import { markParcelsReturned } from './apply-parcels';

/** The feed id of a shipment's status: one row per shipment on the kiosk, replaced by each event. */
export const shipmentStatusId = (shipmentId: string) => `shipment:${shipmentId}`;

export async function dispatchHandedOver(ctx: MutationContext, p: MutationPayload<'dispatch.handed_over'>) {
  const ids = [...new Set(p.shipmentIds)];
  if (ids.length > 0) {
    const rows = await ctx.tx.query<{ id: string; village_id: string; manifest_id: string | null }>(
      `SELECT id, village_id, manifest_id FROM shipments WHERE county_id = $1 AND id = ANY($2::text[])
       FOR UPDATE`,
      [ctx.device.countyId, ids],
    );
    const found = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const row = found.get(id);
      if (!row) throw new Rejection(`寄件 ${id} 不存在 / unknown shipment ${id}`);
      if (row.village_id !== ctx.device.villageId) {
        throw new Rejection(`寄件 ${id} 不属于本村 / ${id} belongs to another village`, true);
      }
      if (row.manifest_id !== null) {
        throw new Rejection(`寄件 ${id} 已交给快递员 / shipment already handed over`);
      }
    }
  }
  await insertOwned(ctx, 'dispatch_manifests', p.manifestId, {
    carrier: p.carrier,
    shipment_ids: ids,
    returned_parcel_ids: [...new Set(p.returnedParcelIds)],
    operator_id: p.operatorId,
    device_at: ctx.at,
  });
  // Overdue parcels leave with the courier on this manifest: the county must stop showing them as
  // waiting (and drop their unsent pickup SMS) in the same transaction, or never.
  await markParcelsReturned(ctx, p.returnedParcelIds, p.manifestId);
  if (ids.length > 0) {
    await ctx.tx.query(
      // A kiosk that was offline may sync its manifest after the county recorded tracking events:
      // the carrier's status is newer news than "handed over", so it stays.
      `UPDATE shipments SET manifest_id = $3, updated_at = now(),
              status = CASE WHEN status = 'accepted' THEN 'handed_over' ELSE status END
       WHERE county_id = $1 AND id = ANY($2::text[])`,
      [ctx.device.countyId, ids, p.manifestId],
    );
  }
  return { manifestId: p.manifestId, shipments: ids.length, returned: p.returnedParcelIds.length };
}

type EventBody = z.infer<typeof shipmentEventBody>;

interface EventRow {
  status: string;
  place: string | null;
  note: string | null;
  at: string;
}

async function shipmentView(db: Queryable, countyId: string, shipmentId: string) {
  const [shipment] = await db.query<Record<string, unknown> & { villageId: string }>(
    `SELECT id, village_id AS "villageId", carrier, status, weight_grams AS "weightGrams",
            fee_fen AS "feeFen", recipient, manifest_id AS "manifestId", device_at AS "deviceAt"
     FROM shipments WHERE county_id = $1 AND id = $2`,
    [countyId, shipmentId],
  );
  if (!shipment) throw new CountyError('NOT_FOUND', `寄件 ${shipmentId} 不存在 / no shipment ${shipmentId}`);
  const events = await db.query<EventRow>(
    `SELECT status, place, note,
            to_char(happened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
     FROM shipment_events WHERE county_id = $1 AND shipment_id = $2 ORDER BY happened_at, id`,
    [countyId, shipmentId],
  );
  return { ...shipment, events };
}

export const getShipment = (db: Queryable, countyId: string, shipmentId: string) =>
  shipmentView(db, countyId, shipmentId);

/**
 * Records one tracking event and publishes the shipment's status to its own village. The status
 * becomes that of the latest event by the carrier's time (an event entered late does not move it back).
 */
export async function recordShipmentEvent(
  db: Db,
  countyId: string,
  shipmentId: string,
  body: EventBody,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ village_id: string }>(
      'SELECT village_id FROM shipments WHERE county_id = $1 AND id = $2 FOR UPDATE',
      [countyId, shipmentId],
    );
    if (!row) throw new CountyError('NOT_FOUND', `寄件 ${shipmentId} 不存在 / no shipment ${shipmentId}`);
    await tx.query(
      `INSERT INTO shipment_events (county_id, shipment_id, status, place, note, happened_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [countyId, shipmentId, body.status, body.place, body.note, body.at ?? now.toISOString()],
    );
    const view = await shipmentView(tx, countyId, shipmentId);
    const latest = view.events.at(-1)!;
    await tx.query('UPDATE shipments SET status = $3, updated_at = now() WHERE county_id = $1 AND id = $2', [
      countyId,
      shipmentId,
      latest.status,
    ]);
    await appendChanges(tx, [
      {
        countyId,
        villageId: row.village_id,
        entity: 'request_status',
        id: shipmentStatusId(shipmentId),
        op: 'upsert',
        data: {
          kind: 'shipment',
          requestId: shipmentId,
          status: latest.status,
          note: latest.note,
          amountFen: null,
          detail: { events: view.events },
        },
      },
    ]);
    return { ...view, status: latest.status };
  });
}
