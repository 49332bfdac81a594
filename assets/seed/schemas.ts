/**
 * The seed data's shape, written once as zod schemas; every TypeScript type below is inferred from them so
 * the county's import step (which parses) and the modules that author the data (which type-check) can never
 * drift apart.
 */
import { z } from 'zod';
import { EAN13 } from './ean13';

export const seedVillageSchema = z
  .object({
    id: z.string().regex(/^cn-\d{6}-t\d{2}-v\d{2}$/),
    name: z.string().min(2),
  })
  .strict();

export const seedTownshipSchema = z
  .object({
    id: z.string().regex(/^cn-\d{6}-t\d{2}$/),
    /** 9-digit 统计用区划代码 of the township, so reports can be matched with official statistics. */
    code: z.string().regex(/^\d{9}$/),
    name: z.string().min(2),
    villages: z.array(seedVillageSchema).min(1),
  })
  .strict();

export const seedCountySchema = z
  .object({
    id: z.string().regex(/^cn-\d{6}$/),
    /** 6-digit administrative division code (GB/T 2260). */
    code: z.string().regex(/^\d{6}$/),
    name: z.string().min(2),
    /** Prefecture; '省直辖' for the province-administered cities such as 潜江市. */
    city: z.string().min(2),
    townships: z.array(seedTownshipSchema).min(1),
  })
  .strict();

export const seedCategorySchema = z
  .object({
    id: z.string().regex(/^cat-[a-z-]+$/),
    name: z.string().min(1),
    nameEn: z.string().min(1),
    /** Key of an icon in assets/icons; ASCII so it doubles as a file name. */
    icon: z.string().regex(/^[a-z][a-z-]*$/),
    sort: z.number().int().nonnegative(),
  })
  .strict();

export const seedItemSchema = z
  .object({
    id: z.string().regex(/^sku-\d{6}$/),
    barcode: z
      .string()
      .regex(/^69\d{11}$/, 'a China (69x) EAN-13')
      .refine(EAN13.isValid, 'EAN-13 check digit'),
    name: z.string().min(2),
    categoryId: z.string().regex(/^cat-[a-z-]+$/),
    brand: z.string().min(1).optional(),
    /** Pack size and the unit it is sold by, as printed on the shelf label: '50kg/袋'. */
    spec: z.string().min(1),
    unit: z.string().min(1).max(2),
    /** Money is always integer fen: floating yuan would round differently on kiosk and county. */
    priceFen: z.number().int().positive(),
    origin: z.string().min(2).optional(),
    tags: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const seedNoticeSchema = z
  .object({
    id: z.string().regex(/^notice-\d{4}-\d{3}$/),
    title: z.string().min(4).max(40),
    body: z.string().min(20),
    category: z.enum(['policy', 'agri', 'service', 'safety']),
    pinned: z.boolean(),
    urgent: z.boolean(),
    publishedAt: z.iso.datetime({ offset: true }).startsWith('2026-'),
  })
  .strict();

/** A trace record (质量追溯) as the county publishes it; codes are digits so they can be typed on a keypad. */
export const seedTraceRecordSchema = z
  .object({
    code: z.string().regex(/^\d{12,20}$/),
    product: z.string().min(2).max(100),
    origin: z.string().min(2).max(100),
    producer: z.string().min(2).max(100),
    batch: z.string().min(1).max(60),
    inspection: z.string().min(2).max(200).nullable(),
  })
  .strict();

export type SeedVillage = z.infer<typeof seedVillageSchema>;
export type SeedTownship = z.infer<typeof seedTownshipSchema>;
export type SeedCounty = z.infer<typeof seedCountySchema>;
export type SeedCategory = z.infer<typeof seedCategorySchema>;
export type SeedItem = z.infer<typeof seedItemSchema>;
export type SeedNotice = z.infer<typeof seedNoticeSchema>;
export type SeedTraceRecord = z.infer<typeof seedTraceRecordSchema>;
