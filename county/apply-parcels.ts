/**
 * Parcels at a village point (代收代发): stored in a locker or on a shelf, collected, or sent.
 *
 * The pickup code never reaches the county (it is stored hashed on the kiosk); the county only
 * relays the SMS text the kiosk composed, through sms_outbox. A stored parcel whose waybill is on the
 * village's manifest is linked to it, so the county sees which announced parcels have arrived.
 */
import type { MutationPayload } from '../sync/protocol';
import { insertOwned, ownedRow, Rejection, type MutationContext } from './mutation-context';

export async function parcelStored(ctx: MutationContext, p: MutationPayload<'parcel.stored'>) {
  await insertOwned(ctx, 'parcels', p.parcelId, {
    waybill: p.waybill,
    carrier: p.carrier,
    phone: p.phone,
    location: JSON.stringify(p.location),
    stored_at: ctx.at,
  });
  await ctx.tx.query(
    `UPDATE parcel_manifests SET parcel_id = $4
     WHERE county_id = $1 AND village_id = $2 AND waybill = $3 AND parcel_id IS NULL`,
    [ctx.device.countyId, ctx.device.villageId, p.waybill, p.parcelId],
  );
  if (p.smsText !== undefined && p.smsText !== '') {
    await ctx.tx.query(
      `INSERT INTO sms_outbox (county_id, village_id, parcel_id, phone, text) VALUES ($1, $2, $3, $4, $5)`,
      [ctx.device.countyId, ctx.device.villageId, p.parcelId, p.phone, p.smsText],
    );
  }
  return { parcelId: p.parcelId, status: 'stored' };
}

export async function parcelCollected(ctx: MutationContext, p: MutationPayload<'parcel.collected'>) {
  const parcel = await ownedRow<{ status: string }>(ctx, 'parcels', p.parcelId, '包裹', 'status');
  if (parcel.status === 'collected') {
    throw new Rejection(`包裹 ${p.parcelId} 已被取走 / parcel already collected`);
  }
  if (parcel.status === 'returned') {
    throw new Rejection(`包裹 ${p.parcelId} 已退回快递员 / parcel was returned to the courier`);
  }
  await ctx.tx.query(
    `UPDATE parcels SET status = 'collected', collected_at = $3, collect_method = $4, collected_by = $5,
            updated_at = now()
     WHERE county_id = $1 AND id = $2`,
    [ctx.device.countyId, p.parcelId, ctx.at, p.method, p.operatorId ?? null],
  );
  // The SMS is pointless once the parcel is gone; an unsent one must not go out late.
  await ctx.tx.query(
    `DELETE FROM sms_outbox WHERE county_id = $1 AND parcel_id = $2 AND status = 'pending'`,
    [ctx.device.countyId, p.parcelId],
  );
  return { parcelId: p.parcelId, status: 'collected' };
}

/**
 * Parcels handed back to the courier on a dispatch manifest (`dispatch.handed_over.returnedParcelIds`):
 * meant to be called by the manifest's handler (county/shipments.ts `dispatchHandedOver`) in its transaction. Each must be this village's and still
 * stored: a parcel collected or returned already is a rejection, so the kiosk's operator sees it.
 */
export async function markParcelsReturned(
  ctx: MutationContext,
  parcelIds: readonly string[],
  manifestId: string,
) {
  for (const id of new Set(parcelIds)) {
    const parcel = await ownedRow<{ status: string }>(ctx, 'parcels', id, '包裹', 'status');
    if (parcel.status !== 'stored') {
      throw new Rejection(
        `包裹 ${id} 已${parcel.status === 'collected' ? '被取走' : '退回'} / parcel ${parcel.status}`,
      );
    }
    await ctx.tx.query(
      `UPDATE parcels SET status = 'returned', returned_at = $3, return_manifest_id = $4, updated_at = now()
       WHERE county_id = $1 AND id = $2`,
      [ctx.device.countyId, id, ctx.at, manifestId],
    );
    // Nobody should be told to fetch a parcel that left with the courier.
    await ctx.tx.query(
      `DELETE FROM sms_outbox WHERE county_id = $1 AND parcel_id = $2 AND status = 'pending'`,
      [ctx.device.countyId, id],
    );
  }
}

export async function parcelSent(ctx: MutationContext, p: MutationPayload<'parcel.sent'>) {
  await insertOwned(ctx, 'shipments', p.shipmentId, {
    sender: JSON.stringify(p.sender),
    recipient: JSON.stringify(p.recipient),
    carrier: p.carrier,
    weight_grams: p.weightGrams,
    fee_fen: p.feeFen,
    device_at: ctx.at,
  });
  return { shipmentId: p.shipmentId, status: 'accepted' };
}
