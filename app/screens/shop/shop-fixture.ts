/**
 * A small catalogue for the shop's tests, written the way the kiosk receives it: as pulled changes
 * that validate against the protocol's entity schemas (incl. the county's pinyin and initials keys),
 * applied with pull-store's applyPullPage, so the search index is the real one. Test-only.
 */
import { pinyin } from 'pinyin-pro';
import { entitySchemas, type Change, type EntityData } from '../../../sync/protocol';
import type { KioskDb } from '../../store/db';
import { applyPullPage } from '../../store/pull-store';
import { readCursor } from '../../store/sync-state';

const HAN = /\p{Script=Han}/u;

/** The county's keys (county/search-keys.ts, which app/ may not import), rebuilt for the fixture. */
export function countyKeys(name: string): { pinyin: string; initials: string } {
  const syllables: string[] = [];
  const groups: string[] = [];
  for (const word of name.normalize('NFKC').match(/[\p{Script=Han}A-Za-z0-9]+/gu) ?? []) {
    let group = '';
    for (const part of word.match(/\p{Script=Han}+|[A-Za-z0-9]+/gu) ?? []) {
      const spelled = HAN.test(part)
        ? pinyin(part, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase())
        : [part.toLowerCase()];
      syllables.push(...spelled);
      group += HAN.test(part) ? spelled.map((s) => s[0]).join('') : part.toLowerCase();
    }
    if (group) groups.push(group);
  }
  return { pinyin: syllables.join(' '), initials: groups.join(' ') };
}

export const CATEGORIES: EntityData<'category'>[] = [
  { id: 'cat-fertilizer', name: '化肥', nameEn: 'Fertilizer', icon: 'fertilizer', sort: 1 },
  { id: 'cat-seed', name: '种子', nameEn: 'Seeds', icon: 'seed', sort: 2 },
  { id: 'cat-grain-oil', name: '粮油调味', nameEn: 'Grain, oil & seasoning', icon: 'grain-oil', sort: 7 },
];

type ItemSpec = [id: string, name: string, categoryId: string, spec: string, unit: string, priceFen: number];

const ITEMS: ItemSpec[] = [
  ['sku-010001', '心连心 尿素 N≥46% 50kg', 'cat-fertilizer', '50kg/袋', '袋', 12_890],
  ['sku-010002', '史丹利 复合化肥 15-15-15 50kg', 'cat-fertilizer', '50kg/袋', '袋', 19_200],
  ['sku-010003', '中化 磷酸二铵 18-46-0 50kg', 'cat-fertilizer', '50kg/袋', '袋', 19_600],
  ['sku-010004', '宜化 过磷酸钙 50kg', 'cat-fertilizer', '50kg/袋', '袋', 5_200],
  ['sku-010005', '新洋丰 硫酸钾 50kg', 'cat-fertilizer', '50kg/袋', '袋', 20_000],
  ['sku-010006', '金正大 大量元素水溶肥 10kg', 'cat-fertilizer', '10kg/袋', '袋', 16_500],
  ['sku-010007', '中化 磷酸二氢钾 1kg', 'cat-fertilizer', '1kg/袋', '袋', 1_800],
  ['sku-010008', '心连心 生物有机肥 40kg', 'cat-fertilizer', '40kg/袋', '袋', 5_800],
  ['sku-010009', '鄂中 硼肥 1kg', 'cat-fertilizer', '1kg/袋', '袋', 1_600],
  ['sku-010010', '鄂中 复合化肥 40kg', 'cat-fertilizer', '40kg/袋', '袋', 15_600],
  ['sku-010011', '停售 有机化肥 40kg', 'cat-fertilizer', '40kg/袋', '袋', 9_900],
  ['sku-020001', '隆平高科 隆两优华占 1kg', 'cat-seed', '1kg/袋', '袋', 7_800],
  ['sku-070001', '鲁花 花生油 5L', 'cat-grain-oil', '5L/桶', '桶', 15_990],
  ['sku-070002', '金龙鱼 大米 10kg', 'cat-grain-oil', '10kg/袋', '袋', 5_990],
];

export const UREA = { id: 'sku-010001', barcode: '6920000000017', name: '心连心 尿素 N≥46% 50kg' };
export const INACTIVE_ID = 'sku-010011';

export function fixtureItems(): EntityData<'catalogue_item'>[] {
  return ITEMS.map(([id, name, categoryId, spec, unit, priceFen]) =>
    entitySchemas.catalogue_item.parse({
      id,
      barcode: id === UREA.id ? UREA.barcode : null,
      name,
      categoryId,
      brand: name.split(' ')[0] ?? null,
      spec,
      unit,
      priceFen,
      origin: categoryId === 'cat-grain-oil' ? '山东' : null,
      tags: categoryId === 'cat-fertilizer' ? ['春耕'] : [],
      imageUrl: null,
      active: id !== INACTIVE_ID,
      ...countyKeys(name),
    }),
  );
}

/** Puts categories and items into the kiosk database as one pulled page. */
export async function loadFixture(
  db: KioskDb,
  items: EntityData<'catalogue_item'>[] = fixtureItems(),
): Promise<void> {
  const from = await readCursor(db);
  let version = Number(from);
  const changes: Change[] = [
    ...CATEGORIES.map((c): Change => ({
      entity: 'category',
      id: c.id,
      op: 'upsert',
      data: entitySchemas.category.parse(c),
      version: String(++version),
    })),
    ...items.map((i): Change => ({
      entity: 'catalogue_item',
      id: i.id,
      op: 'upsert',
      data: i,
      version: String(++version),
    })),
  ];
  const applied = await applyPullPage(db, { from, to: String(version), changes });
  if (!applied.ok) throw new Error(`fixture not applied: ${applied.reason}`);
}
