import { addressParts, loadRegions, type Regions } from './regions';

describe('regions (china-area-data)', () => {
  let regions: Regions;
  beforeAll(async () => {
    regions = await loadRegions();
  });

  it('lists the 34 provincial-level regions, Hubei among them', () => {
    const provinces = regions.provinces();
    expect(provinces).toHaveLength(34);
    expect(provinces).toContainEqual({ code: '420000', name: '湖北省' });
  });

  it('walks Hubei → Wuhan → Hongshan District', () => {
    expect(regions.cities('420000')).toContainEqual({ code: '420100', name: '武汉市' });
    expect(regions.counties('420100')).toContainEqual({ code: '420111', name: '洪山区' });
    expect(regions.name('420111')).toBe('洪山区');
    expect(regions.name('420100')).toBe('武汉市');
    expect(regions.name('420000')).toBe('湖北省');
  });

  it('knows the county-level cities directly under the province (潜江)', () => {
    expect(regions.counties('429000')).toContainEqual({ code: '429005', name: '潜江市' });
    expect(regions.name('429005')).toBe('潜江市');
  });

  it('answers an unknown or malformed code with nothing rather than a guess', () => {
    expect(regions.cities('999999')).toEqual([]);
    expect(regions.name('999999')).toBeUndefined();
    expect(regions.name('abc')).toBeUndefined();
  });

  it('loads the table once', async () => {
    expect(await loadRegions()).toBe(regions);
  });

  describe('addressParts', () => {
    const pick = (p: string, c: string, k?: string) => ({
      province: { code: p, name: regions.name(p) ?? '?' },
      city: { code: c, name: regions.name(c) ?? '?' },
      ...(k ? { county: { code: k, name: regions.name(k) ?? '?' } } : {}),
    });

    it('gives the three names the shipment carries', () => {
      expect(addressParts(regions, pick('420000', '420100', '420111'))).toEqual({
        province: '湖北省',
        city: '武汉市',
        county: '洪山区',
      });
    });

    it('refuses a county that is not in the picked city, or a missing county where there are some', () => {
      expect(addressParts(regions, pick('420000', '420100', '420502'))).toBeUndefined();
      expect(addressParts(regions, pick('420000', '420100'))).toBeUndefined();
      expect(addressParts(regions, pick('430000', '420100', '420111'))).toBeUndefined();
    });

    it('lets a region without a county level stand for its own county', () => {
      const hk = regions.cities('810000')[0]!;
      expect(regions.counties(hk.code)).toEqual([]);
      expect(addressParts(regions, pick('810000', hk.code))).toEqual({
        province: regions.name('810000'),
        city: hk.name,
        county: hk.name,
      });
    });
  });
});
