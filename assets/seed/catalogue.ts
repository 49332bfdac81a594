/**
 * The catalogue the county centre publishes on first start: ~2,000 goods a village point sells through 代购,
 * generated from the compact trade tables in catalogue-data-*.ts rather than stored as a 2,000-row file, so a
 * reviewer reads forty lines per category instead of a dump.
 *
 * Stability matters more than randomness here: kiosks cache the catalogue and orders reference item ids.
 * So an item's id is its position inside its category's id block (sku-SSNNNN, SS = category sort), and its
 * price jitter and barcode are seeded from its own name. Appending a line never moves another item, and
 * two runs are byte-identical (no Math.random, no clock).
 */
import { EAN13 } from './ean13';
import type { SeedCategory, SeedItem } from './schemas';
import { AGRI_LINES } from './catalogue-data-agri';
import { FOOD_LINES } from './catalogue-data-food';
import { HOME_LINES } from './catalogue-data-home';
import { MORE_LINES } from './catalogue-data-more';
import { mulberry32 } from '../../common/prng';

export { EAN13 } from './ean13';
export type { SeedCategory, SeedItem } from './schemas';

export interface SeedCatalogue {
  categories: SeedCategory[];
  items: SeedItem[];
}

const CATEGORIES: readonly SeedCategory[] = [
  { id: 'cat-fertilizer', name: '化肥', nameEn: 'Fertilizer', icon: 'fertilizer', sort: 1 },
  { id: 'cat-seed', name: '种子', nameEn: 'Seeds', icon: 'seed', sort: 2 },
  { id: 'cat-pesticide', name: '农药', nameEn: 'Pesticides', icon: 'pesticide', sort: 3 },
  { id: 'cat-farm-supplies', name: '农膜农具', nameEn: 'Farm film & tools', icon: 'farm-tool', sort: 4 },
  { id: 'cat-feed', name: '饲料', nameEn: 'Animal feed', icon: 'feed', sort: 5 },
  { id: 'cat-local-produce', name: '本地特产', nameEn: 'Local produce', icon: 'local-produce', sort: 6 },
  { id: 'cat-grain-oil', name: '粮油调味', nameEn: 'Grain, oil & seasoning', icon: 'grain-oil', sort: 7 },
  { id: 'cat-snack-drink', name: '饮料零食', nameEn: 'Drinks & snacks', icon: 'snack', sort: 8 },
  { id: 'cat-liquor', name: '酒水', nameEn: 'Liquor & beer', icon: 'liquor', sort: 9 },
  { id: 'cat-household', name: '日用百货', nameEn: 'Household goods', icon: 'household', sort: 10 },
  { id: 'cat-cleaning', name: '洗护清洁', nameEn: 'Personal care & cleaning', icon: 'cleaning', sort: 11 },
  { id: 'cat-stationery', name: '文具', nameEn: 'Stationery', icon: 'stationery', sort: 12 },
  { id: 'cat-appliance', name: '小家电', nameEn: 'Small appliances', icon: 'appliance', sort: 13 },
  { id: 'cat-digital', name: '手机配件', nameEn: 'Phone accessories', icon: 'phone', sort: 14 },
];

/** All trade tables by category id; exported for tests that check every table has a category. */
export const CATALOGUE_LINES: Readonly<Record<string, readonly string[]>> = {
  ...AGRI_LINES,
  ...FOOD_LINES,
  ...HOME_LINES,
  ...MORE_LINES,
};

/** Mixed into every per-item seed; change it only if you mean to re-price the whole catalogue. */
const CATALOGUE_SEED = 0x5eed2026;

export { mulberry32 };

/** FNV-1a over UTF-16 code units: turns a name into a seed without depending on table order. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface Scaled {
  name: string;
  k: number;
}

interface Spec {
  size: string;
  yuan: number;
  unit: string | undefined;
}

interface Line {
  brands: Scaled[];
  products: Scaled[];
  specs: Spec[];
  unit: string;
  tags: string[];
  origin: string | undefined;
}

function parseScaled(token: string): Scaled {
  const match = /^(.+?)(?:\*(\d+(?:\.\d+)?))?$/.exec(token.trim());
  if (!match?.[1]) throw new Error(`catalogue: bad name '${token}'`);
  return { name: match[1], k: match[2] ? Number(match[2]) : 1 };
}

function parseSpec(token: string): Spec {
  const match = /^(.+)@(\d+(?:\.\d+)?)(?:#(.+))?$/.exec(token.trim());
  if (!match?.[1] || !match[2]) throw new Error(`catalogue: bad spec '${token}'`);
  return { size: match[1], yuan: Number(match[2]), unit: match[3] };
}

function parseLine(text: string): Line {
  const [brands = '', products = '', specs = '', unit = '', tags = '', origin = ''] = text
    .split('|')
    .map((field) => field.trim());
  if (!products || !specs || !unit) throw new Error(`catalogue: incomplete line '${text}'`);
  const list = (field: string): string[] => (field === '-' || field === '' ? [] : field.split(','));
  const brandList = list(brands).map(parseScaled);
  return {
    // A line with no brand still yields one combination per product: the unbranded one.
    brands: brandList.length > 0 ? brandList : [{ name: '', k: 1 }],
    products: list(products).map(parseScaled),
    specs: list(specs).map(parseSpec),
    unit,
    tags: list(tags),
    origin: origin || undefined,
  };
}

/** Shelf prices end the way shop prices do: 4.50, 12.90, 185.00, 1099.00 — never 187.37. */
function retailFen(yuan: number, rand: () => number): number {
  const fen = yuan * 100 * (0.96 + 0.08 * rand());
  if (fen < 10_000) return Math.max(10, Math.round(fen / 10) * 10);
  const whole = Math.round(fen / 100) * 100;
  return whole % 1000 === 0 && rand() < 0.5 ? whole - 100 : whole;
}

/** Hands out 5-digit numbers from a hash, probing past collisions so every key gets its own. */
class CodeAllocator {
  private readonly byKey = new Map<string, number>();
  private readonly taken = new Set<number>();

  constructor(
    private readonly base: number,
    private readonly span: number,
  ) {}

  get(key: string): number {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    let code = this.base + (fnv1a(key) % this.span);
    while (this.taken.has(code)) code = this.base + ((code - this.base + 1) % this.span);
    this.taken.add(code);
    this.byKey.set(key, code);
    return code;
  }
}

/**
 * Synthetic GS1 China barcodes (69 + 5-digit company + 5-digit item + check). They are not the makers' real
 * GTINs: the county replaces them when it imports a supplier's list; until then the scanner finds seed items
 * by these codes only.
 */
function barcodeMaker(): (companyKey: string, itemKey: string) => string {
  // Company codes 20000–99999 keep the prefix inside 692–699, the ranges GS1 China issues.
  const companies = new CodeAllocator(20_000, 80_000);
  const itemsByCompany = new Map<number, CodeAllocator>();
  return (companyKey, itemKey) => {
    const company = companies.get(companyKey);
    let items = itemsByCompany.get(company);
    if (!items) itemsByCompany.set(company, (items = new CodeAllocator(0, 100_000)));
    const first12 = `69${company}${String(items.get(itemKey)).padStart(5, '0')}`;
    return EAN13.complete(first12);
  };
}

export function generateCatalogue(): SeedCatalogue {
  const categories = CATEGORIES.map((c) => ({ ...c }));
  const items: SeedItem[] = [];
  const names = new Set<string>();
  const barcode = barcodeMaker();

  for (const category of categories) {
    let serial = 0;
    for (const text of CATALOGUE_LINES[category.id] ?? []) {
      const line = parseLine(text);
      for (const brand of line.brands) {
        for (const product of line.products) {
          for (const spec of line.specs) {
            // '可口可乐 | 可口可乐零度' should read 可口可乐零度, not 可口可乐 可口可乐零度.
            const label =
              brand.name && !product.name.startsWith(brand.name)
                ? `${brand.name} ${product.name}`
                : product.name;
            const name = `${label} ${spec.size}`;
            if (names.has(name)) throw new Error(`catalogue: duplicate item name '${name}'`);
            names.add(name);
            serial += 1;
            const rand = mulberry32(fnv1a(name) ^ CATALOGUE_SEED);
            const unit = spec.unit ?? line.unit;
            const item: SeedItem = {
              id: `sku-${String(category.sort * 10_000 + serial).padStart(6, '0')}`,
              barcode: barcode(brand.name || `${line.origin ?? category.id}`, name),
              name,
              categoryId: category.id,
              spec: `${spec.size}/${unit}`,
              unit,
              priceFen: retailFen(spec.yuan * brand.k * product.k, rand),
            };
            if (brand.name) item.brand = brand.name;
            if (line.origin) item.origin = line.origin;
            if (line.tags.length > 0) item.tags = [...line.tags];
            items.push(item);
          }
        }
      }
    }
  }
  return { categories, items };
}
