/**
 * Applies one parsed kiosk mutation to the county's domain tables: the dispatcher, and the handlers
 * of the simple record-keeping mutations (produce, bills, tickets, stock, cash days, training).
 * Orders are in apply-orders.ts, parcels in apply-parcels.ts.
 *
 * The switch is exhaustive over the protocol's mutation types: a type added to sync/protocol.ts does
 * not compile here until it has a handler. A handler writes only rows of the device's own county and
 * village, and returns the result that the ack carries (and that a duplicate push gets back).
 */
import type { Mutation, MutationPayload } from '../sync/protocol';
import { orderCancelled, orderPlaced, returnRequested } from './apply-orders';
import { parcelCollected, parcelSent, parcelStored } from './apply-parcels';
import { cashDayClosed, saleRecorded } from './cash-sales';
import { insertOwned, Rejection, type MutationContext } from './mutation-context';
import { dispatchHandedOver } from './shipments';
import { villagerRegistered } from './villagers';

async function produceListed(ctx: MutationContext, p: MutationPayload<'produce.listed'>) {
  await insertOwned(ctx, 'produce_listings', p.listingId, {
    phone: p.phone,
    kind: p.kind,
    quantity: p.quantity,
    unit: p.unit,
    asking_price_fen: p.askingPriceFen,
    harvest_date: p.harvestDate ?? null,
    photo_id: p.photoId ?? null,
    device_at: ctx.at,
  });
  return { listingId: p.listingId, status: 'listed' };
}

async function produceConfirmed(ctx: MutationContext, p: MutationPayload<'produce.confirmed'>) {
  // The operator's confirmation never undoes the county's answer (an offer made before it arrived).
  const rows = await ctx.tx.query<{ village_id: string }>(
    `UPDATE produce_listings SET confirmed_by = $4, updated_at = now(),
            status = CASE WHEN status = 'listed' THEN 'confirmed' ELSE status END
     WHERE county_id = $1 AND id = $2 AND village_id = $3 RETURNING village_id`,
    [ctx.device.countyId, p.listingId, ctx.device.villageId, p.operatorId],
  );
  if (rows.length === 0) {
    const [other] = await ctx.tx.query('SELECT 1 FROM produce_listings WHERE county_id = $1 AND id = $2', [
      ctx.device.countyId,
      p.listingId,
    ]);
    if (other) throw new Rejection(`代销 ${p.listingId} 不属于本村 / belongs to another village`, true);
    throw new Rejection(`代销登记 ${p.listingId} 不存在 / unknown produce listing`);
  }
  return { listingId: p.listingId, status: 'confirmed' };
}

async function billIntent(ctx: MutationContext, p: MutationPayload<'bill.intent'>) {
  await insertOwned(ctx, 'bill_intents', p.intentId, {
    phone: p.phone,
    kind: p.kind,
    account: p.account,
    amount_fen: p.amountFen,
    paid_cash_fen: p.paidCashFen,
    device_at: ctx.at,
  });
  return { intentId: p.intentId, status: 'pending' };
}

async function ticketRequested(ctx: MutationContext, p: MutationPayload<'ticket.requested'>) {
  await insertOwned(ctx, 'ticket_requests', p.requestId, {
    phone: p.phone,
    route: p.route,
    travel_date: p.travelDate,
    passengers: p.passengers,
    device_at: ctx.at,
  });
  return { requestId: p.requestId, status: 'requested' };
}

async function stockMoved(ctx: MutationContext, p: MutationPayload<'stock.moved'>) {
  await insertOwned(ctx, 'stock_movements', p.movementId, {
    item_id: p.itemId,
    qty_delta: p.qtyDelta,
    reason: p.reason,
    unit_cost_fen: p.unitCostFen ?? null,
    // Issue 7's optional fields (migration 0008), named only when given.
    ...(p.refId !== undefined && { ref_id: p.refId }),
    ...(p.note !== undefined && { note: p.note }),
    ...(p.name !== undefined && { item_name: p.name }),
    device_at: ctx.at,
  });
  return { movementId: p.movementId };
}

async function trainingAttended(ctx: MutationContext, p: MutationPayload<'training.attended'>) {
  await insertOwned(ctx, 'trainings', p.trainingId, {
    topic: p.topic,
    attendees: p.attendees,
    day: p.date,
    attendee_phones: p.attendeePhones ?? null,
    operator_id: p.operatorId ?? null,
    device_at: ctx.at,
  });
  return { trainingId: p.trainingId };
}

async function auditRecorded(ctx: MutationContext, p: MutationPayload<'audit.recorded'>) {
  await insertOwned(ctx, 'audit_log', p.auditId, {
    kind: p.kind,
    operator_id: p.operatorId ?? null,
    detail: JSON.stringify(p.detail),
    device_at: ctx.at,
  });
  return { auditId: p.auditId };
}

/** Writes the mutation's domain rows (and feed rows); returns the ack's result. Throws Rejection. */
export async function applyMutation(ctx: MutationContext, m: Mutation): Promise<Record<string, unknown>> {
  switch (m.type) {
    case 'order.placed':
      return orderPlaced(ctx, m.payload);
    case 'order.cancelled':
      return orderCancelled(ctx, m.payload);
    case 'return.requested':
      return returnRequested(ctx, m.payload);
    case 'produce.listed':
      return produceListed(ctx, m.payload);
    case 'produce.confirmed':
      return produceConfirmed(ctx, m.payload);
    case 'bill.intent':
      return billIntent(ctx, m.payload);
    case 'ticket.requested':
      return ticketRequested(ctx, m.payload);
    case 'parcel.stored':
      return parcelStored(ctx, m.payload);
    case 'parcel.collected':
      return parcelCollected(ctx, m.payload);
    case 'parcel.sent':
      return parcelSent(ctx, m.payload);
    case 'dispatch.handed_over':
      return dispatchHandedOver(ctx, m.payload);
    case 'stock.moved':
      return stockMoved(ctx, m.payload);
    case 'sale.recorded':
      return saleRecorded(ctx, m.payload);
    case 'cash.day_closed':
      return cashDayClosed(ctx, m.payload);
    case 'training.attended':
      return trainingAttended(ctx, m.payload);
    case 'villager.registered':
      return villagerRegistered(ctx, m.payload);
    case 'audit.recorded':
      return auditRecorded(ctx, m.payload);
    default: {
      const unhandled: never = m;
      throw new Error(`no handler for mutation ${JSON.stringify(unhandled)}`);
    }
  }
}
