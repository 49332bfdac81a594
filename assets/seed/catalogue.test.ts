import {
  CATALOGUE_LINES,
  EAN13,
  generateCatalogue,
  mulberry32,
  seedCategorySchema,
  seedItemSchema,
} from './index';

const catalogue = generateCatalogue();
const { categories, items } = catalogue;

describe('EAN13', () => {
  it('computes the GS1 check digit', () => {
    // Well-known examples: 6901234567892 and 4006381333931 (the one Wikipedia uses).
    expect(EAN13.checkDigit('690123456789')).toBe(2);
    expect(EAN13.checkDigit('400638133393')).toBe(1);
    expect(EAN13.complete('690123456789')).toBe('6901234567892');
    expect(EAN13.isValid('6901234567892')).toBe(true);
    expect(EAN13.isValid('6901234567893')).toBe(false);
    expect(EAN13.isValid('690123456789')).toBe(false);
    expect(() => EAN13.checkDigit('69012345678a')).toThrow();
  });
});

describe('generateCatalogue', () => {
  it('is deterministic', () => {
    expect(generateCatalogue()).toEqual(catalogue);
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('has categories for 化肥, 种子 and 农药, all valid and unique', () => {
    for (const category of categories) expect(seedCategorySchema.parse(category)).toEqual(category);
    const names = categories.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['化肥', '种子', '农药']));
    expect(categories.length).toBeGreaterThanOrEqual(12);
    expect(categories.length).toBeLessThanOrEqual(16);
    expect(new Set(categories.map((c) => c.id)).size).toBe(categories.length);
    expect(new Set(categories.map((c) => c.sort)).size).toBe(categories.length);
    // A trade table whose key is not a category would be silently dropped.
    expect(Object.keys(CATALOGUE_LINES).sort()).toEqual(categories.map((c) => c.id).sort());
  });

  it('produces at least 2,000 items, each valid against the schema', () => {
    expect(items.length).toBeGreaterThanOrEqual(2000);
    for (const item of items) expect(seedItemSchema.parse(item)).toEqual(item);
  });

  it('keeps ids, names and barcodes unique, and every barcode a valid China EAN-13', () => {
    for (const key of ['id', 'name', 'barcode'] as const) {
      expect(new Set(items.map((i) => i[key])).size).toBe(items.length);
    }
    for (const item of items) {
      expect(item.barcode).toMatch(/^69\d{11}$/);
      expect(EAN13.isValid(item.barcode)).toBe(true);
    }
  });

  it('prices every item in positive integer fen', () => {
    for (const item of items) {
      expect(Number.isInteger(item.priceFen)).toBe(true);
      expect(item.priceFen).toBeGreaterThan(0);
    }
  });

  it('files every item under an existing category, with at least 20 items per category', () => {
    const counts = new Map(categories.map((c) => [c.id, 0]));
    for (const item of items) {
      const count = counts.get(item.categoryId);
      expect(count, `${item.name} → ${item.categoryId}`).toBeDefined();
      counts.set(item.categoryId, (count ?? 0) + 1);
    }
    for (const [id, count] of counts) expect(count, id).toBeGreaterThanOrEqual(20);
  });

  it('keeps prices and packs plausible for the trade', () => {
    const compound50kg = items.filter((i) => i.name.includes('复合肥') && i.spec === '50kg/袋');
    expect(compound50kg.length).toBeGreaterThan(20);
    for (const item of compound50kg) {
      expect(item.priceFen, item.name).toBeGreaterThanOrEqual(15_000);
      expect(item.priceFen, item.name).toBeLessThanOrEqual(22_000);
    }
    const soySauce500 = items.filter((i) => /生抽|老抽|酱油/.test(i.name) && i.spec === '500ml/瓶');
    for (const item of soySauce500) {
      expect(item.priceFen, item.name).toBeGreaterThanOrEqual(800);
      expect(item.priceFen, item.name).toBeLessThanOrEqual(2000);
    }
    // Fertilizer and feed come by weight, never by volume.
    for (const item of items.filter((i) => i.categoryId === 'cat-fertilizer' && i.name.includes('尿素'))) {
      expect(item.spec).toMatch(/^\d+kg\/袋$/);
    }
    // A shelf label reading '1支/支' tells the customer nothing.
    for (const item of items) expect(item.spec, item.name).not.toMatch(/^1(.+)\/\1$/);
    // Local produce says where it comes from; that is what 质量追溯 shows.
    for (const item of items.filter((i) => i.categoryId === 'cat-local-produce')) {
      expect(item.origin, item.name).toMatch(/^湖北/);
    }
  });

  it('numbers item ids in a block per category, so one category growing never renumbers another', () => {
    const first = items.find((i) => i.categoryId === 'cat-fertilizer');
    expect(first?.id).toBe('sku-010001');
    expect(first?.name).toBe('史丹利 硫酸钾复合肥 15-15-15 50kg');
    const seeds = items.filter((i) => i.categoryId === 'cat-seed');
    expect(seeds[0]?.id).toBe('sku-020001');
  });
});
