/**
 * Sync protocol v1 — the one contract between a village kiosk and the county centre
 * (ARCHITECTURE.md §5). Both sides parse with these schemas; the types come from them.
 * This file imports only zod (lint-enforced), so it runs in the renderer, in Node and in the county.
 *
 * Invariants the schemas serve:
 * - Money is integer fen. IDs are generated on the device (ULID). Device clocks are wrong in
 *   villages: `seq` (per device, strictly increasing) orders a device's mutations; `at` is display only.
 * - The county applies each (deviceId, mutation id) at most once, forever. A push is validated per
 *   mutation: one bad mutation is rejected with a reason and never stops the good ones, so the
 *   envelope schema is loose about `payload` and `mutationSchemas[type]` judges it.
 * - The pull cursor is an opaque server-side sequence (a decimal string: it may pass 2^53 one day).
 */
import { z } from 'zod';

export const PROTOCOL_MAJOR = 1;
export const PROTOCOL_VERSION = '1.0';
/** Every request carries this header; the county refuses an unknown major version (426). */
export const PROTOCOL_HEADER = 'x-vpk-protocol';
/**
 * Optional, informational: what the kiosk says about itself on every sync request — how many records
 * it still holds unsynced, and its software version — for the county's terminal list. Never required.
 */
export const PENDING_HEADER = 'x-vpk-pending';
export const APP_VERSION_HEADER = 'x-vpk-app-version';

export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_LIMIT = 1000;

const id = z.string().min(1).max(64);
const fen = z.number().int().nonnegative().max(1_000_000_000_00); // up to 10 million yuan
const signedFen = z.number().int().min(-1_000_000_000_00).max(1_000_000_000_00);
const phone = z
  .string()
  .regex(/^1[3-9]\d{9}$/, '手机号应为11位数字 / phone must be 11 digits starting with 1');
const isoTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const qty = z.number().positive().max(100_000);

// ---------------------------------------------------------------- errors

export const errorCodes = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_PROTOCOL',
  'RATE_LIMITED',
  'ENROLLMENT_CODE_INVALID',
  'INTERNAL',
  'DB_UNAVAILABLE',
  'BUSY',
] as const;
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// ---------------------------------------------------------------- enrollment

/** Codes are typed once by the operator on a touchscreen: 8 characters, no 0/O/1/I confusion. */
export const ENROLLMENT_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const enrollmentCodeSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[2-9A-HJ-NP-Z]{8}$/, '注册码应为8位字母数字 / the code has 8 letters and digits'));

export const enrollRequestSchema = z.object({
  code: enrollmentCodeSchema,
  deviceName: z.string().min(1).max(64),
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const placeSchema = z.object({ id, name: z.string() });
export const enrollResponseSchema = z.object({
  deviceId: id,
  villageId: id,
  token: z.string().min(20),
  village: placeSchema,
  township: placeSchema,
  county: placeSchema,
  serverTime: isoTime,
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

// ---------------------------------------------------------------- mutations (kiosk → county)

const orderLine = z.object({
  itemId: id,
  name: z.string().min(1).max(200), // as shown when ordered: the catalogue may change later
  qty: z.number().int().positive().max(9999),
  unitPriceFen: fen, // the price the villager agreed to; the county settles changes as order status
});

export const mutationSchemas = {
  'order.placed': z
    .object({
      orderId: id,
      phone,
      lines: z.array(orderLine).min(1).max(100),
      totalFen: fen,
      payment: z.enum(['cash', 'epay']),
      delivery: z.enum(['point', 'home']).default('point'),
    })
    .refine((o) => o.totalFen === o.lines.reduce((sum, l) => sum + l.qty * l.unitPriceFen, 0), {
      message: '合计与明细不符 / total does not match the lines',
      path: ['totalFen'],
    }),
  'order.cancelled': z.object({ orderId: id, reason: z.string().min(1).max(200) }),
  'produce.listed': z.object({
    listingId: id,
    phone,
    kind: z.string().min(1).max(50),
    quantity: qty,
    unit: z.string().min(1).max(10),
    askingPriceFen: fen, // per unit
    harvestDate: isoDate.optional(),
    photoId: id.optional(),
  }),
  'produce.confirmed': z.object({ listingId: id, operatorId: id }),
  'bill.intent': z.object({
    intentId: id,
    phone,
    kind: z.enum(['electricity', 'water', 'phone']),
    account: z.string().min(1).max(40), // meter number or the phone number to top up
    amountFen: fen.min(1),
    paidCashFen: fen,
  }),
  'ticket.requested': z.object({
    requestId: id,
    phone,
    route: z.string().min(1).max(100),
    travelDate: isoDate,
    passengers: z.number().int().min(1).max(9),
  }),
  'return.requested': z.object({
    returnId: id,
    orderId: id,
    itemId: id,
    qty: z.number().int().positive(),
    kind: z.enum(['return', 'exchange']),
    reason: z.string().min(1).max(200),
    photoId: id.optional(),
  }),
  'parcel.stored': z.object({
    parcelId: id,
    waybill: z.string().min(4).max(40),
    carrier: z.string().min(1).max(40),
    phone,
    location: z.union([
      z.object({ kind: z.literal('locker'), board: z.number().int().min(0), lock: z.number().int().min(1) }),
      z.object({ kind: z.literal('shelf'), code: z.string().regex(/^\d+-\d+-\d+$/) }),
    ]),
    /** The pickup code is never sent in clear: the county only relays the SMS text it is given. */
    smsText: z.string().max(300).optional(),
  }),
  'parcel.collected': z.object({
    parcelId: id,
    method: z.enum(['code', 'operator']),
    operatorId: id.optional(),
  }),
  'parcel.sent': z.object({
    shipmentId: id,
    sender: z.object({ name: z.string().min(1).max(40), phone }),
    recipient: z.object({
      name: z.string().min(1).max(40),
      phone,
      province: z.string().min(1),
      city: z.string().min(1),
      county: z.string().min(1),
      address: z.string().min(1).max(200),
    }),
    carrier: z.string().min(1).max(40),
    weightGrams: z.number().int().positive().max(100_000),
    feeFen: fen,
  }),
  /**
   * The courier collected from the point (issue 6, dispatch manifest): the shipments sent with it and
   * the overdue parcels returned to it, signed off by the operator. At least one of the two lists.
   */
  'dispatch.handed_over': z
    .object({
      manifestId: id,
      carrier: z.string().min(1).max(40),
      shipmentIds: z.array(id).max(500),
      returnedParcelIds: z.array(id).max(500),
      operatorId: id,
    })
    .refine((d) => d.shipmentIds.length + d.returnedParcelIds.length > 0, {
      message: '交接单为空 / the manifest lists nothing',
      path: ['shipmentIds'],
    }),
  'stock.moved': z.object({
    movementId: id,
    itemId: id,
    qtyDelta: z
      .number()
      .int()
      .refine((n) => n !== 0, 'zero movement'),
    reason: z.enum(['purchase', 'sale', 'loss', 'count', 'return']),
    unitCostFen: fen.optional(),
    /** Optional since issue 7: what justifies it (a delivery note id, a sale id). */
    refId: id.optional(),
    /** Optional since issue 7: the operator's reason for a count or a loss, as typed. */
    note: z.string().min(1).max(200).optional(),
    /** Optional since issue 7: the item's name as the point knows it (local items are not in the catalogue). */
    name: z.string().min(1).max(200).optional(),
  }),
  /**
   * A counter sale from the point's own shelves (issue 7): the county stores the sale and one
   * `stock_movements` row per line (reason 'sale'), so the stock ledger there is complete without a
   * separate `stock.moved` per line. Cash only: the drawer took `totalFen`.
   */
  'sale.recorded': z
    .object({
      saleId: id,
      lines: z
        .array(
          z.object({
            itemId: id,
            name: z.string().min(1).max(200),
            qty: z.number().int().positive().max(9999),
            unitPriceFen: fen,
          }),
        )
        .min(1)
        .max(100),
      totalFen: fen,
      operatorId: id.optional(),
    })
    .refine((s) => s.totalFen === s.lines.reduce((sum, l) => sum + l.qty * l.unitPriceFen, 0), {
      message: '合计与明细不符 / total does not match the lines',
      path: ['totalFen'],
    }),
  'cash.day_closed': z.object({
    dayId: id,
    date: isoDate,
    expectedFen: signedFen,
    countedFen: signedFen,
    operatorId: id,
    /** Optional since issue 7 (日结): the opening float, part of expectedFen. */
    floatFen: fen.optional(),
    /** Optional since issue 7: why counted ≠ expected, as the operator gave it. */
    reason: z.string().min(1).max(200).optional(),
    /** Optional since issue 7: the day's movements by kind (order, sale, refund…), signed fen. */
    totals: z
      .array(
        z.object({
          kind: z.string().min(1).max(20),
          count: z.number().int().nonnegative(),
          amountFen: signedFen,
        }),
      )
      .max(20)
      .optional(),
  }),
  'training.attended': z
    .object({
      trainingId: id,
      topic: z.string().min(1).max(100),
      attendees: z.number().int().min(1).max(1000),
      date: isoDate,
      // Added with issue 7, optional so older kiosks' records still apply: the registered villagers
      // who attended (the count may be higher: not everyone is registered) and who recorded it.
      attendeePhones: z.array(phone).max(1000).optional(),
      operatorId: id.optional(),
    })
    .refine((t) => (t.attendeePhones?.length ?? 0) <= t.attendees, {
      message: '到场人数少于名单 / fewer attendees than names listed',
      path: ['attendees'],
    })
    .refine((t) => new Set(t.attendeePhones ?? []).size === (t.attendeePhones?.length ?? 0), {
      message: '名单里有重复的手机号 / a phone is listed twice',
      path: ['attendeePhones'],
    }),
  /**
   * A villager agreed to be recorded at the point (issue 7), so the county can count villagers who
   * use it. There is no record without consent: `consent` must be true and `consentAt` says when.
   * The phone identifies the villager within the village; the name is optional.
   */
  'villager.registered': z.object({
    villagerId: id,
    phone,
    name: z.string().trim().min(1).max(40).optional(),
    consent: z.literal(true),
    consentAt: isoTime,
    operatorId: id,
  }),
  /**
   * One line of the point's audit log (issues 6 and 7): every door opened (who, why, code or
   * operator, result) and every operator action. The county keeps them; nothing else depends on them.
   */
  'audit.recorded': z.object({
    auditId: id,
    kind: z.string().min(1).max(40),
    operatorId: id.optional(),
    detail: z.record(z.string(), z.unknown()),
  }),
} as const;

export type MutationType = keyof typeof mutationSchemas;
export const mutationTypes = Object.keys(mutationSchemas) as MutationType[];
export type MutationPayload<T extends MutationType> = z.infer<(typeof mutationSchemas)[T]>;

/** The envelope; the payload is judged per type by `parseMutationPayload`. */
export const mutationEnvelopeSchema = z.object({
  id,
  seq: z.number().int().positive(),
  type: z.string().min(1).max(40),
  at: isoTime,
  payload: z.unknown(),
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;

export type Mutation = {
  [T in MutationType]: { id: string; seq: number; type: T; at: string; payload: MutationPayload<T> };
}[MutationType];

export function parseMutation(
  envelope: MutationEnvelope,
): { ok: true; mutation: Mutation } | { ok: false; reason: string } {
  if (!Object.prototype.hasOwnProperty.call(mutationSchemas, envelope.type)) {
    return { ok: false, reason: `未知的记录类型 / unknown mutation type: ${envelope.type}` };
  }
  const schema = mutationSchemas[envelope.type as MutationType];
  const parsed = schema.safeParse(envelope.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, mutation: { ...envelope, payload: parsed.data } as Mutation };
}

export const pushRequestSchema = z.object({
  deviceId: id,
  mutations: z.array(mutationEnvelopeSchema).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const ackSchema = z.object({
  id,
  status: z.enum(['applied', 'duplicate', 'rejected']),
  reason: z.string().optional(),
  result: z.unknown().optional(),
});
export type Ack = z.infer<typeof ackSchema>;

export const pushResponseSchema = z.object({ acks: z.array(ackSchema), serverTime: isoTime });
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ---------------------------------------------------------------- entities (county → kiosk)

export const entitySchemas = {
  category: z.object({ id, name: z.string(), nameEn: z.string(), icon: z.string(), sort: z.number().int() }),
  catalogue_item: z.object({
    id,
    barcode: z.string().nullable(),
    name: z.string(),
    categoryId: id,
    brand: z.string().nullable(),
    spec: z.string(),
    unit: z.string(),
    priceFen: fen,
    origin: z.string().nullable(),
    tags: z.array(z.string()),
    imageUrl: z.string().nullable(),
    active: z.boolean(),
    /**
     * Search keys prepared by the county (pinyin-pro) so a kiosk indexes them as they arrive:
     * full pinyin without tones ('huafei') and initials ('hf'), space-separated per word.
     */
    pinyin: z.string(),
    initials: z.string(),
  }),
  notice: z.object({
    id,
    title: z.string(),
    body: z.string(),
    category: z.string(),
    pinned: z.boolean(),
    urgent: z.boolean(),
    publishedAt: isoTime,
  }),
  parcel_manifest: z.object({
    waybill: z.string(),
    carrier: z.string(),
    phone: phone.nullable(),
    recipientName: z.string().nullable(),
    expectedAt: isoTime.nullable(),
  }),
  order_status: z.object({
    orderId: id,
    status: z.enum(['received', 'confirmed', 'shipped', 'arrived', 'completed', 'cancelled', 'rejected']),
    note: z.string().nullable(),
    /** Settled price changes come back here; the kiosk never recomputes a placed order. */
    settledTotalFen: fen.nullable(),
  }),
  request_status: z.object({
    kind: z.enum(['produce', 'bill', 'ticket', 'return', 'shipment', 'parcel']),
    requestId: id,
    status: z.string().min(1).max(40),
    note: z.string().nullable(),
    amountFen: signedFen.nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  }),
  trace_record: z.object({
    code: z.string(),
    product: z.string(),
    origin: z.string(),
    producer: z.string(),
    batch: z.string(),
    inspection: z.string().nullable(),
  }),
  village_settings: z.object({
    villageId: id,
    overdueDays: z.number().int().min(1).max(60),
    storageFeeFenPerDay: fen,
  }),
  /**
   * What the county sent to one village's shop (issue 7, 购销存), published to that village only; the
   * operator confirms it on arrival and the kiosk books each line as stock in (reason 'purchase').
   */
  delivery_note: z.object({
    id,
    villageId: id,
    lines: z
      .array(
        z.object({
          itemId: id,
          name: z.string().min(1).max(200),
          qty: z.number().int().positive().max(9999),
          unitCostFen: fen,
        }),
      )
      .min(1)
      .max(200),
    deliveredAt: isoTime,
  }),
  /**
   * An operator account of this village (issue 7): published only to its own village's kiosks, which
   * verify the PIN offline. The PIN itself never leaves the county; the KDF parameters travel with
   * the hash (sync/pin-kdf.ts). An inactive account is kept (audit lines name it) but cannot sign in.
   */
  operator_account: z.object({
    villageId: id,
    name: z.string().min(1).max(40),
    role: z.enum(['operator', 'technician']),
    pinHash: z.string().regex(/^[0-9a-f]{64}$/),
    salt: z.string().regex(/^[0-9a-f]{32,128}$/),
    iterations: z.number().int().min(100_000).max(10_000_000),
    active: z.boolean(),
  }),
} as const;

export type EntityType = keyof typeof entitySchemas;
export const entityTypes = Object.keys(entitySchemas) as EntityType[];
export type EntityData<E extends EntityType> = z.infer<(typeof entitySchemas)[E]>;

export const cursorSchema = z.string().regex(/^\d{1,20}$/);

export const pullQuerySchema = z.object({
  cursor: cursorSchema.default('0'),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(200),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

export const changeEnvelopeSchema = z.object({
  entity: z.string(),
  id: z.string(),
  op: z.enum(['upsert', 'delete']),
  data: z.unknown(),
  version: cursorSchema,
});
export type ChangeEnvelope = z.infer<typeof changeEnvelopeSchema>;

export type Change = {
  [E in EntityType]:
    | { entity: E; id: string; op: 'upsert'; data: EntityData<E>; version: string }
    | { entity: E; id: string; op: 'delete'; data: null; version: string };
}[EntityType];

/** Unknown entity types are skipped (a newer county may publish more than this kiosk knows). */
export function parseChange(c: ChangeEnvelope): { ok: true; change: Change } | { ok: false; reason: string } {
  if (!Object.prototype.hasOwnProperty.call(entitySchemas, c.entity)) {
    return { ok: false, reason: `unknown entity ${c.entity}` };
  }
  if (c.op === 'delete') return { ok: true, change: { ...c, data: null } as Change };
  const parsed = entitySchemas[c.entity as EntityType].safeParse(c.data);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'invalid' };
  return { ok: true, change: { ...c, data: parsed.data } as Change };
}

export const pullResponseSchema = z.object({
  changes: z.array(changeEnvelopeSchema),
  cursor: cursorSchema,
  hasMore: z.boolean(),
  serverTime: isoTime,
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

// ---------------------------------------------------------------- offline export (USB stick)

/** What the kiosk writes when the link is gone for good; `npm run county -- import FILE` applies it. */
export const exportFileSchema = z.object({
  format: z.literal('vpk-unsynced-export'),
  protocol: z.string(),
  deviceId: id,
  villageId: id,
  exportedAt: isoTime,
  mutations: z.array(mutationEnvelopeSchema),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

export function majorOf(version: string | undefined): number | undefined {
  const m = /^(\d+)\.\d+$/.exec(version ?? '');
  return m ? Number(m[1]) : undefined;
}
