/**
 * Inputs of the county admin API and CLI, as zod schemas parsed once at the boundary. The HTTP
 * routes (admin-routes.ts) and the CLI (commands-admin.ts) parse with the same schemas, so a value
 * that one accepts the other accepts too.
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
export const adminId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'ids are letters, digits and - _ . :');
/** Prices are integer fen in a PostgreSQL integer: up to 21 million yuan per unit. */
export const priceFen = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/** An image address: http(s) only, checked with new URL (STYLE habit 11), or a path on this server. */
const imageUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    if (value.startsWith('/')) return !value.startsWith('//');
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, '图片地址应为 http(s) 网址 / image URL must be http(s)');

export const categoryBody = z.strictObject({
  name: text(40),
  nameEn: text(60),
  icon: z.string().regex(/^[a-z][a-z-]*$/, 'icon is a lower-case key'),
  sort: z.number().int().min(0).max(10_000).default(0),
});
export type CategoryBody = z.infer<typeof categoryBody>;

export const itemBody = z.strictObject({
  name: text(200),
  categoryId: adminId,
  barcode: z
    .string()
    .trim()
    .regex(/^\d{8,14}$/, 'barcode is 8–14 digits')
    .nullish()
    .transform((v) => v ?? null),
  brand: optionalText(60),
  spec: text(60),
  unit: text(10),
  priceFen,
  origin: optionalText(60),
  tags: z.array(text(20)).max(20).default([]),
  imageUrl: imageUrl.nullish().transform((v) => v ?? null),
  active: z.boolean().default(true),
});
export type ItemBody = z.infer<typeof itemBody>;

/** A change to some fields of an item: a price change, 下架 (active: false), a new name. */
export const itemPatch = z
  .strictObject({
    name: text(200),
    categoryId: adminId,
    barcode: z
      .string()
      .trim()
      .regex(/^\d{8,14}$/)
      .nullable(),
    brand: z.string().trim().max(60).nullable(),
    spec: text(60),
    unit: text(10),
    priceFen,
    origin: z.string().trim().max(60).nullable(),
    tags: z.array(text(20)).max(20),
    imageUrl: imageUrl.nullable(),
    active: z.boolean(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type ItemPatch = z.infer<typeof itemPatch>;

export const itemQuery = z.object({
  q: z.string().trim().max(50).optional(),
  categoryId: adminId.optional(),
  active: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const noticeBody = z.strictObject({
  title: text(40),
  body: text(5000),
  category: z.enum(['policy', 'agri', 'service', 'safety']),
  pinned: z.boolean().default(false),
  urgent: z.boolean().default(false),
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  /** Villages it is published to; empty = the whole county. */
  villageIds: z.array(adminId).max(2000).default([]),
});
export type NoticeBody = z.infer<typeof noticeBody>;

export const enrollmentCodeBody = z.strictObject({
  villageId: adminId,
  ttlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
  note: z.string().trim().max(200).optional(),
});

export const manifestEntry = z.strictObject({
  waybill: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/, 'waybill is 4–40 letters and digits'),
  carrier: text(40),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '手机号应为11位数字 / phone must be 11 digits starting with 1')
    .nullish()
    .transform((v) => v ?? null),
  recipientName: optionalText(40),
  expectedAt: z.iso
    .datetime({ offset: true })
    .nullish()
    .transform((v) => v ?? null),
});
export type ManifestEntry = z.infer<typeof manifestEntry>;

export const manifestBody = z.strictObject({
  villageId: adminId,
  parcels: z.array(manifestEntry).min(1).max(5000),
});

export const orderStatuses = [
  'received',
  'confirmed',
  'shipped',
  'arrived',
  'completed',
  'cancelled',
  'rejected',
] as const;

export const orderQuery = z.object({
  villageId: adminId.optional(),
  status: z.enum(orderStatuses).optional(),
  /** Server time the county received the order (device clocks are not trusted): from ≤ t < to. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type OrderQuery = z.infer<typeof orderQuery>;

export const orderStatusBody = z.strictObject({
  status: z.enum(orderStatuses),
  note: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((v) => (v ? v : null)),
  settledTotalFen: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000_00)
    .nullish()
    .transform((v) => v ?? null),
});
export type OrderStatusBody = z.infer<typeof orderStatusBody>;

export const villageSettingsBody = z.strictObject({
  overdueDays: z.number().int().min(1).max(60),
  storageFeeFenPerDay: z.number().int().min(0).max(100_000),
});

export const traceRecordBody = z.strictObject({
  product: text(100),
  origin: text(100),
  producer: text(100),
  batch: text(60),
  inspection: optionalText(200),
});

/** What happens to a sent parcel after the point (寄件 tracking), as county staff record it. */
export const shipmentStatuses = [
  'collected',
  'in_transit',
  'delivering',
  'delivered',
  'returned',
  'exception',
] as const;

export const shipmentEventBody = z.strictObject({
  status: z.enum(shipmentStatuses),
  /** Where it happened (武汉转运中心), as the carrier's tracking says. */
  place: optionalText(60),
  note: optionalText(200),
  /** The carrier's time of the event; the county's clock when omitted. */
  at: z.iso.datetime({ offset: true }).optional(),
});

// ---------------------------------------------------------------- villager requests (county/requests.ts)

/** Statuses the county keeps per request kind (CHECKs of migration 0004). */
export const requestStatuses = {
  produce: ['listed', 'confirmed', 'offered', 'sold', 'closed'],
  bill: ['pending', 'completed', 'failed'],
  ticket: ['requested', 'confirmed', 'refused'],
  return: ['requested', 'accepted', 'refused', 'completed'],
} as const;
export type RequestKind = keyof typeof requestStatuses;

const fenAmount = z.number().int().min(0).max(1_000_000_000_00);
const note = optionalText(200);

/** Filters of a request list: village, status, phone, server-time days (CST) from ≤ t < to. */
export const requestQuery = <K extends RequestKind>(kind: K) =>
  z.object({
    villageId: adminId.optional(),
    status: z.enum(requestStatuses[kind]).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\d{3,11}$/, 'phone is 3–11 digits')
      .optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  });
export interface RequestQuery {
  villageId?: string;
  status?: string;
  phone?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** 代销: an offer per unit from a buyer, or the end of the listing (sold, closed). */
export const produceAnswerBody = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('offer'),
    // ¥10,000 per unit at most, as the kiosk asks: offer × quantity then stays a valid feed amount.
    offerFen: z.number().int().min(1).max(1_000_000),
    buyer: text(60),
    note,
  }),
  z.strictObject({ action: z.enum(['sold', 'close']), note }),
]);
export type ProduceAnswer = z.infer<typeof produceAnswerBody>;

/** 缴费: done, or failed with the reason and the refund due (default: all the cash paid). */
export const billAnswerBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('complete'), note }),
  z.strictObject({ action: z.literal('fail'), note: text(200), refundFen: fenAmount.optional() }),
]);
export type BillAnswer = z.infer<typeof billAnswerBody>;

/** 订票: the seat, departure and fare for all passengers; or refused with the reason. */
export const ticketAnswerBody = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('confirm'),
    seat: text(40),
    departsAt: z.iso.datetime({ offset: true }),
    priceFen: fenAmount,
    note,
  }),
  z.strictObject({ action: z.literal('refuse'), note: text(200) }),
]);
export type TicketAnswer = z.infer<typeof ticketAnswerBody>;

/** 代换代退: accepted, refused (with the reason), then completed. */
export const returnAnswerBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.enum(['accept', 'complete']), note }),
  z.strictObject({ action: z.literal('refuse'), note: text(200) }),
]);
export type ReturnAnswer = z.infer<typeof returnAnswerBody>;

/** An operator PIN: six digits, typed on the kiosk's keypad (sync/pin-kdf.ts hashes it). */
const operatorPin = z.string().regex(/^\d{6}$/, '密码应为6位数字 / the PIN is 6 digits');
const operatorRole = z.enum(['operator', 'technician']);

/** A new operator account for a village's point (issue 7). */
export const operatorAccountBody = z.strictObject({
  villageId: adminId,
  name: text(40),
  role: operatorRole.default('operator'),
  pin: operatorPin,
});
export type OperatorAccountBody = z.infer<typeof operatorAccountBody>;

/** A new PIN, a role change, or 停用/启用 (active). At least one of them. */
export const operatorAccountPatch = z
  .strictObject({ pin: operatorPin, role: operatorRole, active: z.boolean() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, '至少改一项 / change at least one field');
export type OperatorAccountPatch = z.infer<typeof operatorAccountPatch>;

export const operatorQuery = z.strictObject({ villageId: adminId.optional() });

/** A delivery note for one village's shop (issue 7); names default to the catalogue's. */
export const deliveryNoteBody = z.strictObject({
  villageId: adminId,
  lines: z
    .array(
      z.strictObject({
        itemId: adminId,
        name: text(200).optional(),
        qty: z.number().int().min(1).max(9999),
        unitCostFen: priceFen,
      }),
    )
    .min(1)
    .max(200),
  deliveredAt: z.iso.datetime({ offset: true }).optional(),
});
export type DeliveryNoteBody = z.infer<typeof deliveryNoteBody>;
export const deliveryNoteQuery = z.strictObject({ villageId: adminId.optional() });
