/**
 * Orders as the county staff see them: a filtered list, one order with its lines, and status
 * updates. The county owns order status (§5): every update is published to the order's village in
 * the same transaction, which is how it reaches that village's kiosk.
 *
 * A completed, cancelled or rejected order is final: changing it again is 409, because the kiosk may
 * already have paid out, refunded or told the villager.
 */
import type { OrderQuery, OrderStatusBody } from './admin-contract';
import type { Db, Queryable } from './db';
import { publishRows } from './feed';
import { CountyError } from './http-contract';

const FINAL = new Set(['completed', 'cancelled', 'rejected']);

const ORDER_COLUMNS = `o.id, o.village_id AS "villageId", v.name AS "villageName", o.device_id AS "deviceId",
  o.phone, o.total_fen AS "totalFen", o.payment, o.delivery, o.status, o.status_note AS "statusNote",
  o.settled_total_fen AS "settledTotalFen", o.placed_at AS "placedAt", o.received_at AS "receivedAt",
  o.updated_at AS "updatedAt"`;

export async function listOrders(db: Queryable, countyId: string, q: OrderQuery) {
  // Dates are China Standard Time days: a county's 3月1日 is what its staff mean.
  return db.query(
    `SELECT ${ORDER_COLUMNS} FROM orders o JOIN villages v ON v.id = o.village_id
     WHERE o.county_id = $1
       AND ($2::text IS NULL OR o.village_id = $2)
       AND ($3::text IS NULL OR o.status = $3)
       AND ($4::date IS NULL OR o.received_at >= ($4::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
       AND ($5::date IS NULL OR o.received_at < ($5::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
     ORDER BY o.received_at DESC, o.id LIMIT $6 OFFSET $7`,
    [countyId, q.villageId ?? null, q.status ?? null, q.from ?? null, q.to ?? null, q.limit, q.offset],
  );
}

export async function getOrder(db: Queryable, countyId: string, orderId: string) {
  const [order] = await db.query<Record<string, unknown>>(
    `SELECT ${ORDER_COLUMNS} FROM orders o JOIN villages v ON v.id = o.village_id
     WHERE o.county_id = $1 AND o.id = $2`,
    [countyId, orderId],
  );
  if (!order) throw new CountyError('NOT_FOUND', `订单 ${orderId} 不存在 / no order ${orderId}`);
  const lines = await db.query(
    `SELECT line_no AS "lineNo", item_id AS "itemId", name, qty, unit_price_fen AS "unitPriceFen"
     FROM order_lines WHERE county_id = $1 AND order_id = $2 ORDER BY line_no`,
    [countyId, orderId],
  );
  return { ...order, lines };
}

export async function setOrderStatus(db: Db, countyId: string, orderId: string, body: OrderStatusBody) {
  return db.transaction(async (tx) => {
    const [order] = await tx.query<{ status: string }>(
      'SELECT status FROM orders WHERE county_id = $1 AND id = $2 FOR UPDATE',
      [countyId, orderId],
    );
    if (!order) throw new CountyError('NOT_FOUND', `订单 ${orderId} 不存在 / no order ${orderId}`);
    if (FINAL.has(order.status) && order.status !== body.status) {
      throw new CountyError(
        'CONFLICT',
        `订单已${order.status}，不能再改 / order is ${order.status}, which is final`,
      );
    }
    await tx.query(
      `UPDATE orders SET status = $3, status_note = $4, settled_total_fen = coalesce($5, settled_total_fen),
              updated_at = now()
       WHERE county_id = $1 AND id = $2`,
      [countyId, orderId, body.status, body.note, body.settledTotalFen],
    );
    await publishRows(tx, 'order_status', 'o.county_id = $1 AND o.id = $2', [countyId, orderId]);
    return getOrder(tx, countyId, orderId);
  });
}
