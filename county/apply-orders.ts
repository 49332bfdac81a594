/**
 * Orders placed at a village point (代购) and what follows them: cancellation and returns.
 *
 * An order keeps the price it was placed at (§5): the lines are stored as sent and the county never
 * recomputes them; a price or stock conflict is settled by staff and comes back as order status.
 * Every status the county records is published to the order's village as `order_status`, in the
 * same transaction.
 */
import type { MutationPayload } from '../sync/protocol';
import { publishRows } from './feed';
import { insertOwned, ownedRow, Rejection, type MutationContext } from './mutation-context';
import { insertRows } from './sql';

/** Statuses from which a kiosk's cancellation is still accepted: nothing has left the county yet. */
const CANCELLABLE = new Set(['received', 'confirmed']);

export async function publishOrderStatus(
  ctx: { tx: MutationContext['tx'] },
  countyId: string,
  orderId: string,
) {
  await publishRows(ctx.tx, 'order_status', 'o.county_id = $1 AND o.id = $2', [countyId, orderId]);
}

export async function orderPlaced(ctx: MutationContext, p: MutationPayload<'order.placed'>) {
  await insertOwned(ctx, 'orders', p.orderId, {
    phone: p.phone,
    total_fen: p.totalFen,
    payment: p.payment,
    delivery: p.delivery,
    placed_at: ctx.at,
  });
  await insertRows(
    ctx.tx,
    'order_lines',
    ['county_id', 'order_id', 'line_no', 'item_id', 'name', 'qty', 'unit_price_fen'],
    p.lines.map((l, i) => [ctx.device.countyId, p.orderId, i + 1, l.itemId, l.name, l.qty, l.unitPriceFen]),
  );
  await publishOrderStatus(ctx, ctx.device.countyId, p.orderId);
  return { orderId: p.orderId, status: 'received' };
}

export async function orderCancelled(ctx: MutationContext, p: MutationPayload<'order.cancelled'>) {
  const order = await ownedRow<{ status: string }>(ctx, 'orders', p.orderId, '订单', 'status');
  if (!CANCELLABLE.has(order.status)) {
    throw new Rejection(
      `订单 ${p.orderId} 状态为 ${order.status}，已无法取消 / order is ${order.status} and can no longer be cancelled`,
    );
  }
  await ctx.tx.query(
    `UPDATE orders SET status = 'cancelled', status_note = $3, updated_at = now()
     WHERE county_id = $1 AND id = $2`,
    [ctx.device.countyId, p.orderId, p.reason],
  );
  await publishOrderStatus(ctx, ctx.device.countyId, p.orderId);
  return { orderId: p.orderId, status: 'cancelled' };
}

export async function returnRequested(ctx: MutationContext, p: MutationPayload<'return.requested'>) {
  await ownedRow(ctx, 'orders', p.orderId, '订单', 'id');
  const [line] = await ctx.tx.query<{ qty: number }>(
    'SELECT sum(qty)::int AS qty FROM order_lines WHERE county_id = $1 AND order_id = $2 AND item_id = $3',
    [ctx.device.countyId, p.orderId, p.itemId],
  );
  if (line?.qty == null) {
    throw new Rejection(`订单中没有商品 ${p.itemId} / the order has no item ${p.itemId}`);
  }
  if (p.qty > line.qty) {
    throw new Rejection(`退换数量 ${p.qty} 超过购买数量 ${line.qty} / more than was ordered`);
  }
  await insertOwned(ctx, 'return_requests', p.returnId, {
    order_id: p.orderId,
    item_id: p.itemId,
    qty: p.qty,
    kind: p.kind,
    reason: p.reason,
    photo_id: p.photoId ?? null,
    device_at: ctx.at,
  });
  return { returnId: p.returnId, status: 'requested' };
}
