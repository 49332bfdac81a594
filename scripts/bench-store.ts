/**
 * Store benchmarks in Chromium (ARCHITECTURE.md §9), run by `npm run bench`:
 *   catalogue search over 20,000 items ≤ 16 ms p95 per keystroke
 *   placing an order (domain rows + outbox, strict durability) ≤ 20 ms p95
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { countyKeys } from '../app/screens/shop/shop-fixture';
import type { EntityData } from '../sync/protocol';
import type { Page } from 'playwright-core';

const BRANDS = ['金龙鱼', '鲁花', '福临门', '中化', '史丹利', '心连心', '农夫山泉', '康师傅', '蒙牛', '海天'];
const PRODUCTS = [
  '复合化肥',
  '尿素',
  '磷酸二铵',
  '有机肥',
  '大豆油',
  '花生油',
  '大米',
  '面粉',
  '绿豆',
  '酱油',
  '食醋',
  '牛奶',
  '洗衣粉',
  '牙膏',
  '毛巾',
  '电池',
  'LED灯泡',
  '除草剂',
  '杀虫剂',
  '玉米种子',
];
const SPECS = ['5kg', '50kg', '1L', '5L', '500g', '20袋', '箱装', '特级', '家庭装', '精选'];

/** 20,000 items with the county's search keys, 14 categories, 2% withdrawn. */
export function benchCatalogue(): EntityData<'catalogue_item'>[] {
  const out: EntityData<'catalogue_item'>[] = [];
  const keys = new Map<string, { pinyin: string; initials: string }>();
  for (let i = 0; i < 20_000; i++) {
    const brand = BRANDS[i % BRANDS.length]!;
    const product = PRODUCTS[Math.floor(i / BRANDS.length) % PRODUCTS.length]!;
    const spec = SPECS[Math.floor(i / (BRANDS.length * PRODUCTS.length)) % SPECS.length]!;
    const name = `${brand} ${product} ${spec} ${Math.floor(i / 2000) + 1}号`;
    let k = keys.get(name);
    if (!k) keys.set(name, (k = countyKeys(name)));
    out.push({
      ...{
        id: `sku-${String(i).padStart(5, '0')}`,
        barcode: null,
        name,
        categoryId: `cat-${i % 14}`,
        brand,
        spec,
      },
      ...{
        unit: '件',
        priceFen: 100 + i,
        origin: null,
        tags: [],
        imageUrl: null,
        active: i % 50 !== 0,
        ...k,
      },
    });
  }
  return out;
}

interface StoreFigures {
  load: number;
  search: { n: number; median: number; p95: number };
  category: { size: number; median: number; p95: number };
  order: { median: number; p95: number };
}

/** `page` must come from a context with bypassCSP (the harness is injected as an inline script). */
export async function benchStore(page: Page, say: (line: string) => void): Promise<void> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./bench/store-page.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
  });
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const r = await page.evaluate(
    ([items, limit]) =>
      (window as unknown as { __bench: (d: unknown, l: number) => Promise<StoreFigures> }).__bench(
        items,
        limit,
      ),
    [benchCatalogue(), 24] as const,
  );
  const ms = (n: number) => `${n.toFixed(1).padStart(6)} ms`;
  say(`catalogue load, 20,000 items (pull pages)   ${ms(r.load)}`);
  say(
    `search per keystroke, 20,000 items         median ${ms(r.search.median)}   p95 ${ms(r.search.p95)}   (n=${r.search.n}, budget 16 ms p95)`,
  );
  say(
    `open a category of ${r.category.size} items          median ${ms(r.category.median)}   p95 ${ms(r.category.p95)}`,
  );
  say(
    `place an order (order + outbox, strict)    median ${ms(r.order.median)}   p95 ${ms(r.order.p95)}   (budget 20 ms p95)`,
  );
}
