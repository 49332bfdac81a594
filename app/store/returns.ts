/**
 * 代换代退: a villager returns or exchanges goods from a past order placed at this point. They pick
 * the order line (orders.ts), return or exchange, a reason from a list, an optional photo; the county
 * accepts, refuses or completes it (request_status kind 'return').
 *
 * Invariants:
 * - The request row, its photo (if any) and the `return.requested` mutation are ONE transaction.
 * - A line is never asked back for more than was bought: quantities already in earlier requests
 *   (except refused ones) are subtracted, read in the same transaction as the write.
 */
import { ulid } from 'ulid';
import type { KioskDb, OrderLineRow, OrderRow } from './db';
import { recordAction } from './outbox';
import { checkPhone, ordersByPhone, type PhoneProblem } from './orders';
import { checkPhoto, photoTables, putPhoto, type CapturedPhoto } from './photos';
import { checkPayload, statusesOf, storageError, type RequestResult } from './villager-requests';

export const RETURN_REASONS = [
  '质量问题',
  '发错货',
  '包装破损',
  '过期变质',
  '尺寸不合适',
  '不想要了',
] as const;
export type ReturnKind = 'return' | 'exchange';

export interface ReturnRequestRow {
  id: string; // the returnId the county knows
  mutationId: string;
  phone: string;
  orderId: string;
  orderNo: number;
  itemId: string;
  itemName: string;
  qty: number;
  kind: ReturnKind;
  reason: string;
  photoId?: string;
  createdAt: string; // device time, display only
}

export interface ReturnableLine {
  order: OrderRow;
  line: OrderLineRow;
  /** Bought minus already asked back (refused requests give it back). */
  returnableQty: number;
}

/** What is asked back per `orderId itemId`, refused requests not counted. */
async function askedBack(db: KioskDb, orderIds: string[]): Promise<Map<string, number>> {
  const [requests, statuses] = await Promise.all([
    db.returnRequests.where('orderId').anyOf(orderIds).toArray(),
    statusesOf(db, 'return'),
  ]);
  const asked = new Map<string, number>();
  for (const r of requests) {
    if (statuses.get(r.id)?.status === 'refused') continue;
    const key = `${r.orderId} ${r.itemId}`;
    asked.set(key, (asked.get(key) ?? 0) + r.qty);
  }
  return asked;
}

/** Every line of a villager's orders here, newest order first, with what may still be returned. */
export async function returnableLines(db: KioskDb, phone: string): Promise<ReturnableLine[]> {
  return db.transaction('r', [db.orders, db.returnRequests, db.requestStatus], async () => {
    const orders = await ordersByPhone(db, phone);
    const asked = await askedBack(
      db,
      orders.map((o) => o.id),
    );
    return orders.flatMap((order) =>
      order.lines.map((line) => ({
        order,
        line,
        returnableQty: Math.max(0, line.qty - (asked.get(`${order.id} ${line.itemId}`) ?? 0)),
      })),
    );
  });
}

export interface ReturnInput {
  phone: string;
  orderId: string;
  itemId: string;
  qty: number;
  kind: ReturnKind;
  reason: string;
  photo?: CapturedPhoto;
}

export type ReturnProblem =
  | { field: 'phone'; problem: PhoneProblem }
  | { field: 'line'; problem: 'unknown' | 'none-left' }
  | { field: 'qty'; problem: 'min' | 'max' }
  | { field: 'reason'; problem: 'empty' }
  | { field: 'photo'; problem: 'type' | 'size' };

export async function requestReturn(
  db: KioskDb,
  input: ReturnInput,
  deps: { now?: () => Date; newId?: () => string } = {},
): Promise<RequestResult<ReturnRequestRow> | { ok: false; problem: ReturnProblem }> {
  const phone = checkPhone(input.phone);
  if (phone) return { ok: false, problem: { field: 'phone', problem: phone } };
  if (!input.reason.trim()) return { ok: false, problem: { field: 'reason', problem: 'empty' } };
  const photoProblem = input.photo && checkPhoto(input.photo);
  if (photoProblem) return { ok: false, problem: { field: 'photo', problem: photoProblem } };
  const at = (deps.now ?? (() => new Date()))();
  const newId = deps.newId ?? ulid;
  const returnId = newId();
  const photoId = input.photo ? newId() : undefined;
  const checked = checkPayload('return.requested', {
    returnId,
    orderId: input.orderId,
    itemId: input.itemId,
    qty: input.qty,
    kind: input.kind,
    reason: input.reason.trim(),
    ...(photoId && { photoId }),
  });
  if (!checked.ok && Number.isInteger(input.qty) && input.qty >= 1) return checked;
  if (!checked.ok) return { ok: false, problem: { field: 'qty', problem: 'min' } };
  const p = checked.payload;
  try {
    return await db.transaction(
      'rw',
      [db.orders, db.returnRequests, db.requestStatus, db.outbox, db.meta, db.photos],
      async () => {
        const order = await db.orders.get(p.orderId);
        const line = order?.phone === input.phone && order.lines.find((l) => l.itemId === p.itemId);
        if (!order || !line)
          return { ok: false as const, problem: { field: 'line' as const, problem: 'unknown' as const } };
        const left = line.qty - ((await askedBack(db, [order.id])).get(`${order.id} ${line.itemId}`) ?? 0);
        if (left <= 0)
          return { ok: false as const, problem: { field: 'line' as const, problem: 'none-left' as const } };
        if (p.qty > left)
          return { ok: false as const, problem: { field: 'qty' as const, problem: 'max' as const } };
        const row: ReturnRequestRow = {
          id: returnId,
          mutationId: newId(),
          phone: input.phone,
          orderId: order.id,
          orderNo: order.no,
          itemId: line.itemId,
          itemName: line.name,
          qty: p.qty,
          kind: p.kind,
          reason: p.reason,
          ...(photoId && { photoId }),
          createdAt: at.toISOString(),
        };
        await recordAction(db, {
          table: db.returnRequests.name,
          row,
          type: 'return.requested',
          payload: p,
          now: () => at,
          newId: () => row.mutationId,
          also: {
            tables: [...photoTables],
            write: async () => {
              if (photoId && input.photo) await putPhoto(db, photoId, input.photo, at);
            },
          },
        });
        return { ok: true as const, value: row };
      },
    );
  } catch (e) {
    return storageError(e);
  }
}

export const returnsByPhone = async (db: KioskDb, phone: string): Promise<ReturnRequestRow[]> =>
  (await db.returnRequests.where('phone').equals(phone).sortBy('createdAt')).reverse();
