/**
 * Catalogue search on 20,000 items: the answers are checked against an oracle built independently
 * from pinyin-pro's per-character readings; the time per query is printed, never asserted
 * (ARCHITECTURE.md §8: timings are benchmarks). fake-indexeddb in jsdom is far slower than Chromium's
 * IndexedDB, so these figures are an upper bound.
 */
import { pinyin } from 'pinyin-pro';
import type { EntityData } from '../../sync/protocol';
import { KioskDb } from './db';
import { searchCatalogue } from './catalogue';
import { applyPullPage } from './pull-store';

const BRANDS = [
  '金龙鱼',
  '鲁花',
  '福临门',
  '中化',
  '史丹利',
  '心连心',
  '农夫山泉',
  '康师傅',
  '蒙牛',
  '海天',
  '老干妈',
  '西安',
  '长城',
  '绿野',
  '红旗',
  '华丰',
  '好丽友',
  '乡村',
  '丰收',
  '大地',
];
const PRODUCTS = [
  '复合化肥',
  '尿素',
  '磷酸二铵',
  '有机肥',
  '大豆油',
  '花生油',
  '大米',
  '面粉',
  '挂面',
  '酱油',
  '食醋',
  '矿泉水',
  '方便面',
  '牛奶',
  '洗衣粉',
  '牙膏',
  '毛巾',
  '电池',
  'LED灯泡',
  '手机充电器',
  '除草剂',
  '杀虫剂',
  '玉米种子',
  '水稻种子',
  '猪饲料',
  '地膜',
  '喷雾器',
  '绿豆',
  '红枣',
  '茶叶',
  '白酒',
  '啤酒',
  '火腿肠',
  '饼干',
  '方案夹',
  '长沙臭豆腐',
  '女装',
  '童鞋',
  '雨伞',
  '水桶',
];
const SPECS = ['5kg', '50kg', '1L', '5L', '500g', '20袋', '箱装', '特级', '家庭装', '精选'];
const COUNT = 20_000;

const HAN = /\p{Script=Han}/u;
const py = (w: string) => pinyin(w, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());

/**
 * The keys as the county prepares them (county/search-keys.ts, which app/ may not import): pinyin one
 * syllable per space, initials one group per word, Latin and digit runs whole.
 */
function countyKeys(name: string): { pinyin: string; initials: string } {
  const syllables: string[] = [];
  const groups: string[] = [];
  for (const word of name.normalize('NFKC').match(/[\p{Script=Han}A-Za-z0-9]+/gu) ?? []) {
    let group = '';
    for (const part of word.match(/\p{Script=Han}+|[A-Za-z0-9]+/gu) ?? []) {
      const spelled = HAN.test(part) ? py(part) : [part.toLowerCase()];
      syllables.push(...spelled);
      group += HAN.test(part) ? spelled.map((s) => s[0]).join('') : part.toLowerCase();
    }
    if (group) groups.push(group);
  }
  return { pinyin: syllables.join(' '), initials: groups.join(' ') };
}

interface Generated {
  item: EntityData<'catalogue_item'>;
  /** Oracle data: the letter syllables of the name in order, and the name without spaces. */
  syllables: string[];
  compact: string;
}

function generate(): Generated[] {
  const out: Generated[] = [];
  for (let i = 0; i < COUNT; i++) {
    const brand = BRANDS[i % BRANDS.length]!;
    const product = PRODUCTS[Math.floor(i / BRANDS.length) % PRODUCTS.length]!;
    const spec = SPECS[Math.floor(i / (BRANDS.length * PRODUCTS.length)) % SPECS.length]!;
    const name = `${brand} ${product} ${spec} ${Math.floor(i / 8000) + 1}号`;
    const item: EntityData<'catalogue_item'> = {
      id: `sku-${String(i).padStart(5, '0')}`,
      barcode: null,
      name,
      categoryId: `cat-${i % 14}`,
      brand,
      spec,
      unit: '件',
      priceFen: 100 + i,
      origin: null,
      tags: [],
      imageUrl: null,
      active: i % 50 !== 0,
      ...countyKeys(name),
    };
    // The oracle reads pinyin-pro's per-character spelling, letters only.
    const syllables = py(name).flatMap((s) => s.replace(/[^a-z]/g, '') || []);
    out.push({ item, syllables, compact: name.replace(/\s+/g, '').toLowerCase() });
  }
  return out;
}

/** Independent of search-terms.ts: substring of the name, or prefix of a syllable run / initials run. */
function oracle(g: Generated, q: string): boolean {
  if (!g.item.active) return false;
  if (/\p{Script=Han}/u.test(q)) return g.compact.includes(q);
  const runs = g.syllables.map((_, i) => g.syllables.slice(i));
  return (
    runs.some((r) => r.join('').startsWith(q)) ||
    runs.some((r) =>
      r
        .map((s) => s[0])
        .join('')
        .startsWith(q),
    ) ||
    [...g.compact.matchAll(/[a-z0-9]+/g)].some((m) => g.compact.slice(m.index).startsWith(q))
  );
}

describe('catalogue search on 20,000 items', () => {
  let db: KioskDb;
  let items: Generated[];

  beforeAll(async () => {
    items = generate();
    db = new KioskDb('catalogue-search');
    const t0 = performance.now();
    let cursor = 0;
    for (let i = 0; i < items.length; i += 2000) {
      const changes = items.slice(i, i + 2000).map((g, j) => ({
        entity: 'catalogue_item' as const,
        id: g.item.id,
        op: 'upsert' as const,
        data: g.item,
        version: String(cursor + j + 1),
      }));
      await applyPullPage(db, { from: String(cursor), to: String(cursor + changes.length), changes });
      cursor += changes.length;
    }
    const rows = await db.catalogue.toArray();
    const terms = rows.reduce((sum, r) => sum + r.terms.length, 0) / rows.length;
    process.stdout.write(
      `catalogue pull, ${COUNT} items in pages of 2000: ${(performance.now() - t0).toFixed(0)} ms, ${terms.toFixed(1)} terms per item\n`,
    );
  }, 120_000);

  it.each([
    ['化肥', 'hanzi in the middle of a name'],
    ['尿素', 'hanzi'],
    ['hf', 'initials (化肥)'],
    ['hfl', 'initials across words'],
    ['huafei', 'full pinyin'],
    ['dadouyou', 'full pinyin of a word'],
    ['huashengyou', 'a query longer than the term cap'],
    ['ddy', 'initials of a word'],
    ['lvdou', 'ü typed as v'],
    ['fangan', 'fang|an, not fan|gan'],
    ['led', 'latin letters in a name'],
    ['50kg', 'digits'],
  ])('finds %s (%s) exactly as the oracle says', async (q) => {
    const expected = items
      .filter((g) => oracle(g, q))
      .map((g) => g.item.id)
      .sort();
    const found = (await searchCatalogue(db, q, { limit: COUNT })).map((r) => r.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(found).toEqual(expected);
  });

  it('narrows by every word of a query', async () => {
    const found = await searchCatalogue(db, '金龙鱼 dadouyou', { limit: COUNT });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.name.startsWith('金龙鱼 大豆油'))).toBe(true);
  });

  it('ranks names that start with the query first, and hides inactive items', async () => {
    const found = await searchCatalogue(db, '西安', { limit: 10 });
    expect(found[0]?.name.startsWith('西安')).toBe(true);
    expect(found.every((r) => r.active)).toBe(true);
  });

  it('answers each keystroke with one key range (timings printed, not asserted)', async () => {
    const keystrokes = [
      'h',
      'hu',
      'hua',
      'huaf',
      'huafe',
      'huafei',
      'hf',
      'hfl',
      '化',
      '化肥',
      'd',
      'dd',
      'ddy',
      '金',
      '金龙',
      '金龙鱼',
    ];
    const lines: string[] = [];
    const all: number[] = [];
    for (const q of keystrokes) {
      await searchCatalogue(db, q); // warm
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const found = await searchCatalogue(db, q);
        runs.push(performance.now() - t0);
        expect(found.length).toBeGreaterThan(0);
      }
      runs.sort((a, b) => a - b);
      all.push(...runs);
      lines.push(`${q}: median ${runs[2]!.toFixed(1)} ms`);
    }
    all.sort((a, b) => a - b);
    const p95 = all[Math.floor(all.length * 0.95)]!;
    process.stdout.write(
      `catalogue search, ${COUNT} items, fake-indexeddb (limit 50): ${lines.join('; ')}; p95 ${p95.toFixed(1)} ms\n`,
    );
  });
});
