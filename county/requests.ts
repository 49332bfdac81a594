/**
 * Villager requests as the county staff see and answer them: 代销 produce listings, 缴费 bill intents,
 * 订票 ticket requests and 代换代退 return requests, each recorded by a kiosk mutation
 * (apply-mutation.ts, apply-orders.ts).
 *
 * Every answer updates the row and publishes one `request_status` change to the request's village
 * only, in the same transaction (feed.ts appendChanges checks it against the protocol schema), which
 * is how the villager's kiosk learns of it. The feed id is `<kind>:<requestId>`: one row per request
 * on the kiosk, the latest answer wins.
 *
 * Transitions are closed: a final status (sold, closed, completed, failed, refused) never changes
 * again (409), because the point may already have paid out, refunded or told the villager.
 */
import type {
  BillAnswer,
  ProduceAnswer,
  RequestKind,
  RequestQuery,
  ReturnAnswer,
  TicketAnswer,
} from './admin-contract';
import type { Db, Queryable } from './db';
import { appendChanges, isoSql } from './feed';
import { CountyError } from './http-contract';
import type { EntityData } from '../sync/protocol';

interface KindSpec {
  table: string;
  what: string; // Chinese name for messages
  columns: string; // SELECT list over alias r
  /** request_status data over alias r (jsonb) */
  status: string;
}

const COMMON = `r.id, r.village_id AS "villageId", v.name AS "villageName", r.device_id AS "deviceId",
  r.status, r.status_note AS "note", r.received_at AS "receivedAt", r.updated_at AS "updatedAt"`;

const SPECS: Record<RequestKind, KindSpec> = {
  produce: {
    table: 'produce_listings',
    what: '代销登记',
    columns: `${COMMON}, r.phone, r.kind, r.quantity::float8 AS quantity, r.unit,
      r.asking_price_fen AS "askingPriceFen", to_char(r.harvest_date, 'YYYY-MM-DD') AS "harvestDate",
      r.photo_id AS "photoId", r.confirmed_by AS "confirmedBy", r.offer_fen AS "offerFen", r.buyer`,
    status: `jsonb_build_object('kind', 'produce', 'requestId', r.id, 'status', r.status, 'note', r.status_note,
      'amountFen', CASE WHEN r.offer_fen IS NULL THEN NULL ELSE round(r.offer_fen * r.quantity)::bigint END,
      'detail', CASE WHEN r.offer_fen IS NULL THEN NULL
        ELSE jsonb_build_object('offerFen', r.offer_fen, 'buyer', r.buyer, 'unit', r.unit) END)`,
  },
  bill: {
    table: 'bill_intents',
    what: '缴费',
    columns: `${COMMON}, r.phone, r.kind AS "billKind", r.account, r.amount_fen AS "amountFen",
      r.paid_cash_fen AS "paidCashFen", r.refund_fen AS "refundFen"`,
    // A failed bill carries the refund the point owes; a completed one the amount paid in.
    status: `jsonb_build_object('kind', 'bill', 'requestId', r.id, 'status', r.status, 'note', r.status_note,
      'amountFen', CASE r.status WHEN 'failed' THEN r.refund_fen WHEN 'completed' THEN r.amount_fen END,
      'detail', jsonb_build_object('billKind', r.kind, 'account', r.account))`,
  },
  ticket: {
    table: 'ticket_requests',
    what: '订票',
    columns: `${COMMON}, r.phone, r.route, to_char(r.travel_date, 'YYYY-MM-DD') AS "travelDate", r.passengers,
      r.seat, r.departs_at AS "departsAt", r.price_fen AS "priceFen"`,
    status: `jsonb_build_object('kind', 'ticket', 'requestId', r.id, 'status', r.status, 'note', r.status_note,
      'amountFen', r.price_fen,
      'detail', CASE WHEN r.status = 'confirmed' THEN jsonb_build_object('seat', r.seat,
        'departsAt', ${isoSql('r.departs_at')}, 'priceFen', r.price_fen) END)`,
  },
  return: {
    table: 'return_requests',
    what: '退换货',
    columns: `${COMMON}, o.phone, r.order_id AS "orderId", r.item_id AS "itemId", r.qty,
      r.kind AS "returnKind", r.reason, r.photo_id AS "photoId"`,
    status: `jsonb_build_object('kind', 'return', 'requestId', r.id, 'status', r.status, 'note', r.status_note,
      'amountFen', NULL, 'detail', jsonb_build_object('returnKind', r.kind, 'qty', r.qty))`,
  },
};

/** The FROM clause: returns take the villager's phone from their order. */
const fromOf = (kind: RequestKind) =>
  `${SPECS[kind].table} r JOIN villages v ON v.id = r.village_id` +
  (kind === 'return' ? ' JOIN orders o ON o.county_id = r.county_id AND o.id = r.order_id' : '');

export async function listRequests(db: Queryable, countyId: string, kind: RequestKind, q: RequestQuery) {
  const phone = kind === 'return' ? 'o.phone' : 'r.phone';
  // Days are China Standard Time, as the county's staff mean them; received_at is the county's clock.
  return db.query(
    `SELECT ${SPECS[kind].columns} FROM ${fromOf(kind)}
     WHERE r.county_id = $1
       AND ($2::text IS NULL OR r.village_id = $2)
       AND ($3::text IS NULL OR r.status = $3)
       AND ($4::text IS NULL OR ${phone} LIKE '%' || $4)
       AND ($5::date IS NULL OR r.received_at >= ($5::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
       AND ($6::date IS NULL OR r.received_at < ($6::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
     ORDER BY r.received_at DESC, r.id LIMIT $7 OFFSET $8`,
    [
      countyId,
      q.villageId ?? null,
      q.status ?? null,
      q.phone ?? null,
      q.from ?? null,
      q.to ?? null,
      q.limit,
      q.offset,
    ],
  );
}

export async function getRequest(db: Queryable, countyId: string, kind: RequestKind, id: string) {
  const [row] = await db.query<Record<string, unknown>>(
    `SELECT ${SPECS[kind].columns} FROM ${fromOf(kind)} WHERE r.county_id = $1 AND r.id = $2`,
    [countyId, id],
  );
  if (!row) throw new CountyError('NOT_FOUND', `${SPECS[kind].what} ${id} 不存在 / no ${kind} request ${id}`);
  return row;
}

/** Locks the row, checks the transition, applies `set`, publishes, returns the row as listed. */
async function answer(
  db: Db,
  countyId: string,
  kind: RequestKind,
  id: string,
  allowed: (current: string, row: Record<string, unknown>) => boolean,
  update: { sql: string; params: unknown[] },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<Record<string, unknown> & { status: string }>(
      `SELECT * FROM ${SPECS[kind].table} WHERE county_id = $1 AND id = $2 FOR UPDATE`,
      [countyId, id],
    );
    if (!row)
      throw new CountyError('NOT_FOUND', `${SPECS[kind].what} ${id} 不存在 / no ${kind} request ${id}`);
    if (!allowed(row.status, row)) {
      throw new CountyError(
        'CONFLICT',
        `${SPECS[kind].what}当前状态为 ${row.status}，不能这样处理 / ${kind} request is ${row.status}`,
      );
    }
    await tx.query(
      `UPDATE ${SPECS[kind].table} SET ${update.sql}, updated_at = now() WHERE county_id = $1 AND id = $2`,
      [countyId, id, ...update.params],
    );
    await publishRequestStatus(tx, countyId, kind, id);
    return getRequest(tx, countyId, kind, id);
  });
}

/** Appends the request's current status to its village's feed (call inside the writing transaction). */
export async function publishRequestStatus(tx: Queryable, countyId: string, kind: RequestKind, id: string) {
  const [row] = await tx.query<{ villageId: string; data: EntityData<'request_status'> }>(
    `SELECT r.village_id AS "villageId", ${SPECS[kind].status} AS data
     FROM ${SPECS[kind].table} r WHERE r.county_id = $1 AND r.id = $2`,
    [countyId, id],
  );
  if (!row) throw new Error(`no ${kind} request ${id} to publish`);
  await appendChanges(tx, [
    {
      countyId,
      villageId: row.villageId,
      entity: 'request_status',
      id: `${kind}:${id}`,
      op: 'upsert',
      data: row.data,
    },
  ]);
}

const OPEN_PRODUCE = new Set(['listed', 'confirmed', 'offered']);

export function answerProduce(db: Db, countyId: string, id: string, body: ProduceAnswer) {
  switch (body.action) {
    case 'offer':
      return answer(db, countyId, 'produce', id, (s) => OPEN_PRODUCE.has(s), {
        sql: `status = 'offered', offer_fen = $3, buyer = $4, status_note = $5`,
        params: [body.offerFen, body.buyer, body.note],
      });
    case 'sold':
      // Sold means a buyer's offer was taken: there must be one.
      return answer(db, countyId, 'produce', id, (s) => s === 'offered', {
        sql: `status = 'sold', status_note = coalesce($3, status_note)`,
        params: [body.note],
      });
    case 'close':
      return answer(db, countyId, 'produce', id, (s) => OPEN_PRODUCE.has(s), {
        sql: `status = 'closed', status_note = $3`,
        params: [body.note],
      });
  }
}

export function answerBill(db: Db, countyId: string, id: string, body: BillAnswer) {
  if (body.action === 'complete') {
    return answer(db, countyId, 'bill', id, (s) => s === 'pending', {
      sql: `status = 'completed', status_note = $3`,
      params: [body.note],
    });
  }
  return answer(
    db,
    countyId,
    'bill',
    id,
    (s, row) => {
      if (s !== 'pending') return false;
      if (body.refundFen !== undefined && body.refundFen > Number(row.paid_cash_fen)) {
        throw new CountyError(
          'BAD_REQUEST',
          `退款 ${body.refundFen} 分超过村民所付 ${String(row.paid_cash_fen)} 分 / refund exceeds the cash paid`,
        );
      }
      return true;
    },
    {
      // Without an amount, everything the villager paid is due back.
      sql: `status = 'failed', status_note = $3, refund_fen = coalesce($4, paid_cash_fen)`,
      params: [body.note, body.refundFen ?? null],
    },
  );
}

export function answerTicket(db: Db, countyId: string, id: string, body: TicketAnswer) {
  if (body.action === 'confirm') {
    // A confirmed ticket may be confirmed again (another seat or bus) until it is refused.
    return answer(db, countyId, 'ticket', id, (s) => s === 'requested' || s === 'confirmed', {
      sql: `status = 'confirmed', seat = $3, departs_at = $4, price_fen = $5, status_note = $6`,
      params: [body.seat, body.departsAt, body.priceFen, body.note],
    });
  }
  return answer(db, countyId, 'ticket', id, (s) => s === 'requested' || s === 'confirmed', {
    sql: `status = 'refused', status_note = $3`,
    params: [body.note],
  });
}

const RETURN_FROM: Record<ReturnAnswer['action'], readonly string[]> = {
  accept: ['requested'],
  refuse: ['requested', 'accepted'],
  complete: ['accepted'],
};
const RETURN_TO = { accept: 'accepted', refuse: 'refused', complete: 'completed' } as const;

export function answerReturn(db: Db, countyId: string, id: string, body: ReturnAnswer) {
  return answer(db, countyId, 'return', id, (s) => RETURN_FROM[body.action].includes(s), {
    sql: `status = $3, status_note = coalesce($4, status_note)`,
    params: [RETURN_TO[body.action], body.note],
  });
}
