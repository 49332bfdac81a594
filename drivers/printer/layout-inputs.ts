/**
 * What each printed document is made from — the domain facts, validated at the boundary where the
 * kiosk hands them to the printer side (STYLE.md habit 3). Money is integer fen; times are ISO 8601
 * device times; QR payloads are ASCII by schema.
 */
import { z } from 'zod';

const fen = z.number().int();
const iso = z.string().min(10);
const ascii = z.string().regex(/^[\x20-\x7e]{1,300}$/, 'QR payloads are ASCII only');

export const servicePointSchema = z.object({
  /** 青山村电商服务点 */
  name: z.string().min(1).max(40),
  phone: z.string().max(20).optional(),
});

export const orderReceiptSchema = z.object({
  point: servicePointSchema,
  orderNo: z.string().min(1).max(32),
  /** 代购 (buying for a villager), 代销 (selling produce), 缴费 (bills)… shown as the receipt heading. */
  service: z.string().min(1).max(12),
  placedAt: iso,
  operator: z.string().max(20).optional(),
  items: z
    .array(z.object({ name: z.string().min(1).max(80), qty: z.number().int().positive(), unitFen: fen }))
    .min(1),
  totalFen: fen,
  payment: z.object({ method: z.enum(['cash', 'wechat', 'alipay', 'other']), paidFen: fen, changeFen: fen }),
  note: z.string().max(200).optional(),
});
export type OrderReceipt = z.infer<typeof orderReceiptSchema>;

export const pickupSlipSchema = z.object({
  point: servicePointSchema,
  /** The 6-digit pickup code, printed big. */
  code: z.string().regex(/^\d{6}$/),
  /** A locker compartment, or a shelf code (3-1-3001) for parcels too large for the lockers. */
  place: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('compartment'), id: z.string(), size: z.enum(['S', 'M', 'L']) }),
    z.object({ kind: z.literal('shelf'), code: z.string() }),
  ]),
  carrier: z.string().max(20),
  waybill: z.string().max(40),
  recipientPhone: z.string().max(20),
  storedAt: iso,
  keepDays: z.number().int().positive().max(30),
  qrPayload: ascii,
});
export type PickupSlip = z.infer<typeof pickupSlipSchema>;

const party = z.object({ name: z.string().min(1).max(20), phone: z.string().max(20) });

export const parcelLabelSchema = z.object({
  point: servicePointSchema,
  carrier: z.string().max(20),
  waybill: z.string().max(40).optional(),
  sender: party,
  recipient: party.extend({ address: z.string().min(1).max(120) }),
  weightGrams: z.number().int().positive(),
  feeFen: fen,
  createdAt: iso,
  qrPayload: ascii.optional(),
});
export type ParcelLabel = z.infer<typeof parcelLabelSchema>;

/**
 * The courier's collection from the point (揽收交接单): what the courier signs for — the shipments
 * sent with the carrier and the overdue parcels returned to it. Printed after the manifest is stored.
 */
export const dispatchManifestSchema = z
  .object({
    point: servicePointSchema,
    /** Short, readable: the last characters of the manifest id. */
    manifestNo: z.string().min(1).max(32),
    carrier: z.string().min(1).max(20),
    operator: z.string().max(20).optional(),
    handedOverAt: iso,
    shipments: z
      .array(
        z.object({
          no: z.string().min(1).max(12),
          recipientName: z.string().min(1).max(20),
          /** Where it goes, as far as the courier needs: 湖北省武汉市. */
          destination: z.string().min(1).max(40),
          weightGrams: z.number().int().positive(),
        }),
      )
      .max(500),
    returned: z
      .array(z.object({ waybill: z.string().min(1).max(40), daysOverdue: z.number().int().nonnegative() }))
      .max(500),
    qrPayload: ascii.optional(),
  })
  .refine((m) => m.shipments.length + m.returned.length > 0, 'a manifest lists something');
export type DispatchManifest = z.infer<typeof dispatchManifestSchema>;

export const cashReportSchema = z.object({
  point: servicePointSchema,
  /** The business day, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  operator: z.string().max(20),
  rows: z.array(
    z.object({ label: z.string().min(1).max(12), count: z.number().int().nonnegative(), amountFen: fen }),
  ),
  cashInFen: fen,
  cashOutFen: fen,
  /** The close (日结, issue 7): what the operator counted, and why it differs from 应存 if it does. */
  countedFen: fen.optional(),
  reason: z.string().max(100).optional(),
  printedAt: iso,
});
export type CashReport = z.infer<typeof cashReportSchema>;

export const testPageSchema = z.object({
  printer: z.string().max(80),
  paperWidthMm: z.union([z.literal(58), z.literal(80)]),
  at: iso,
});
export type TestPage = z.infer<typeof testPageSchema>;
