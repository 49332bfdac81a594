/**
 * Orders placed at the point for a villager (代购), ARCHITECTURE.md §4 and §5.
 *
 * Invariants:
 * - The order row and its `order.placed` outbox mutation are written in ONE transaction
 *   (`recordAction`): after a power cut there are both or neither, so an order the villager saw
 *   confirmed always reaches the county, and nothing reaches the county that the kiosk does not show.
 * - The payload is checked with the protocol's own schema BEFORE anything is written: an order the
 *   county would refuse changes nothing here and comes back to the screen as an error value.
 * - Money is integer fen. The total is Σ qty × unitPriceFen, computed here once; the order keeps the
 *   prices it was placed at (the county settles any change and answers with order status).
 * - The short order number is the next one after the highest stored, read in the same transaction
 *   through the unique `no` index, so two orders never share one.
 */
import { ulid } from 'ulid';
import { mutationSchemas, type MutationPayload } from '../../sync/protocol';
import type { KioskDb, OrderLineRow, OrderRow } from './db';
import { addCashMovement, cashTables } from './cash';
import { recordAction } from './outbox';

export type { OrderLineRow, OrderRow } from './db';

/** The protocol's limits (sync/protocol.ts), named for the screens that explain them. */
export const MAX_LINE_QTY = 9999;
export const MAX_ORDER_LINES = 100;

export type Payment = OrderRow['payment'];
export type Delivery = OrderRow['delivery'];

/** Why a phone number cannot be used; undefined when it can. Mirrors the protocol's /^1[3-9]\d{9}$/. */
export type PhoneProblem = 'empty' | 'length' | 'prefix';

export function checkPhone(phone: string): PhoneProblem | undefined {
  if (phone.length === 0) return 'empty';
  if (!/^\d{11}$/.test(phone)) return 'length';
  if (!/^1[3-9]/.test(phone)) return 'prefix';
  return undefined;
}

/** Why a line quantity cannot be used; undefined when it can (whole units, 1..9999). */
export type QtyProblem = 'min' | 'max';

export function checkQty(qty: number): QtyProblem | undefined {
  if (!Number.isInteger(qty) || qty < 1) return 'min';
  if (qty > MAX_LINE_QTY) return 'max';
  return undefined;
}

/**
 * Integer fen, exactly: each product is ≤ 9999 × the schema's price cap (< 2^53), and a sum large
 * enough to lose precision is far above the schema's total cap, so it is refused, never rounded.
 */
export function orderTotalFen(lines: readonly { qty: number; unitPriceFen: number }[]): number {
  return lines.reduce((sum, l) => sum + l.qty * l.unitPriceFen, 0);
}

/** 42 → '0042': short enough to say aloud, grows past 9999 on its own. */
export const formatOrderNo = (no: number): string => String(no).padStart(4, '0');

export interface PlaceOrderInput {
  phone: string;
  lines: readonly OrderLineRow[];
  payment: Payment;
  delivery?: Delivery;
}

export type PlaceOrderResult =
  | { ok: true; order: OrderRow }
  | { ok: false; error: { code: 'INVALID_ORDER' | 'STORAGE'; message: string } };

export async function placeOrder(
  db: KioskDb,
  input: PlaceOrderInput,
  deps: { now?: () => Date; newId?: () => string } = {},
): Promise<PlaceOrderResult> {
  const newId = deps.newId ?? ulid;
  const orderId = newId();
  const candidate: MutationPayload<'order.placed'> = {
    orderId,
    phone: input.phone,
    lines: input.lines.map(({ itemId, name, qty, unitPriceFen }) => ({ itemId, name, qty, unitPriceFen })),
    totalFen: orderTotalFen(input.lines),
    payment: input.payment,
    delivery: input.delivery ?? 'point',
  };
  const parsed = mutationSchemas['order.placed'].safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = `${issue?.path.join('.') || 'order'}: ${issue?.message ?? 'invalid'}`;
    return { ok: false, error: { code: 'INVALID_ORDER', message } };
  }
  const payload = parsed.data;
  const placedAt = (deps.now ?? (() => new Date()))();
  const mutationId = newId();

  try {
    // The outer transaction spans the number's read as well; recordAction's own transaction joins it.
    // A cash order is paid at the counter as it is placed (the villager stands at the operator's
    // counter; the screen says 请到柜台付款), so the cash day counts it now: a cash movement 'order'
    // in this same transaction. A cancelled cash order is paid back as a refund, never un-counted.
    const order = await db.transaction('rw', [db.orders, db.outbox, db.meta, ...cashTables], async () => {
      const last = await db.orders.orderBy('no').lastKey();
      const row: OrderRow = {
        id: orderId,
        no: (typeof last === 'number' ? last : 0) + 1,
        mutationId,
        phone: payload.phone,
        lines: input.lines.map((l) => ({ ...l })),
        totalFen: payload.totalFen,
        payment: payload.payment,
        paymentState: payload.payment === 'cash' ? 'due_at_counter' : 'awaiting_confirmation',
        delivery: payload.delivery,
        status: 'placed',
        placedAt: placedAt.toISOString(),
      };
      await recordAction(db, {
        table: db.orders.name,
        row,
        type: 'order.placed',
        payload,
        now: () => placedAt,
        newId: () => mutationId,
        ...(payload.payment === 'cash' && {
          also: {
            tables: [...cashTables],
            write: async () => {
              await addCashMovement(db, {
                kind: 'order',
                refId: orderId,
                amountFen: payload.totalFen,
                at: placedAt,
              });
            },
          },
        }),
      });
      return row;
    });
    return { ok: true, order };
  } catch (e) {
    // Quota exceeded, a closed database: nothing was written (the transaction aborted as a whole).
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, error: { code: 'STORAGE', message } };
  }
}

export const orderById = (db: KioskDb, id: string): Promise<OrderRow | undefined> => db.orders.get(id);

/** A villager's orders at this point, newest first (for 我的订单). */
export const ordersByPhone = async (db: KioskDb, phone: string): Promise<OrderRow[]> =>
  (await db.orders.where('phone').equals(phone).sortBy('no')).reverse();

/** Where an order stands on its way to the county, as the confirmation screen says it. */
export type OrderSyncState = 'queued' | 'sent' | 'refused';

/**
 * Its mutation is still in the outbox (queued), was refused by the county and kept (refused), or is
 * gone from both: acknowledged and deleted, which push-store does only after the ack is committed.
 */
export const orderSyncState = (db: KioskDb, order: Pick<OrderRow, 'mutationId'>): Promise<OrderSyncState> =>
  db.transaction('r', [db.outbox, db.rejected], async () => {
    if (await db.outbox.get(order.mutationId)) return 'queued';
    if (await db.rejected.get(order.mutationId)) return 'refused';
    return 'sent';
  });
