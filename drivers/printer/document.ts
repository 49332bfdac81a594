/**
 * The device-independent receipt: what a layout says, before anyone knows the paper width or the
 * printer's command set. Layouts build it; the ESC/POS encoder and the text preview render it. It is
 * also what the print queue stores, so a reprint renders the same document again — a schema guards it
 * when it is read back from disk.
 */
import { z } from 'zod';

export const alignSchema = z.enum(['left', 'center', 'right']);
export type Align = z.infer<typeof alignSchema>;

export const blockSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: z.string(),
    align: alignSchema.optional(),
    bold: z.boolean().optional(),
    /** Character magnification, 1–3 (3 = the big pickup code). Wrapping uses cols / size. */
    size: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  }),
  /** A label on the left and a value on the right of the same line (item and price). */
  z.object({ kind: z.literal('pair'), left: z.string(), right: z.string(), bold: z.boolean().optional() }),
  z.object({ kind: z.literal('rule'), char: z.enum(['-', '=']).optional() }),
  /** A QR code. The payload must be ASCII (the encoder escapes anything else). */
  z.object({
    kind: z.literal('qr'),
    payload: z.string().min(1).max(300),
    cellSize: z.number().int().min(3).max(8).optional(),
  }),
  z.object({ kind: z.literal('feed'), lines: z.number().int().min(1).max(10) }),
]);
export type Block = z.infer<typeof blockSchema>;

export const documentKinds = [
  'order-receipt',
  'pickup-slip',
  'parcel-label',
  'dispatch-manifest',
  'cash-report',
  'test-page',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const receiptDocumentSchema = z.object({
  kind: z.enum(documentKinds),
  /** For the operator's queue screen: 取件单 123456. */
  title: z.string(),
  blocks: z.array(blockSchema),
});
export type ReceiptDocument = z.infer<typeof receiptDocumentSchema>;

/** Small builders so layouts read like the paper they describe. */
export const text = (
  t: string,
  opts: Omit<Extract<Block, { kind: 'text' }>, 'kind' | 'text'> = {},
): Block => ({
  kind: 'text',
  text: t,
  ...opts,
});
export const center = (t: string, opts: { bold?: boolean; size?: 1 | 2 | 3 } = {}): Block =>
  text(t, { align: 'center', ...opts });
export const pair = (left: string, right: string, bold?: boolean): Block => ({
  kind: 'pair',
  left,
  right,
  ...(bold ? { bold } : {}),
});
export const rule = (char: '-' | '=' = '-'): Block => ({ kind: 'rule', char });
export const qr = (payload: string, cellSize?: number): Block => ({
  kind: 'qr',
  payload,
  ...(cellSize ? { cellSize } : {}),
});
export const feed = (lines = 1): Block => ({ kind: 'feed', lines });

/** Integer fen as money: 1250 → ¥12.50 (printed as ￥12.50, see printerSafe). */
export function formatFen(fen: number): string {
  if (!Number.isInteger(fen)) throw new RangeError(`money must be integer fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A device time (ISO 8601) as China Standard Time, `2025-03-01 14:05`. China has one time zone and no
 * daylight saving, so this is a fixed +8 h — the same on every machine, whatever its TZ setting.
 */
export function formatChinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** 13812345678 → 138****5678: a slip lies on a counter, so it never shows a whole phone number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : digits;
}
