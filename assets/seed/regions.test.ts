import { DEMO_VILLAGE_ID, findVillage, seedCounties, seedCountySchema } from './index';

describe('seed regions', () => {
  it('lists the seven demonstration counties of Hubei with their division codes', () => {
    const byName = Object.fromEntries(seedCounties.map((c) => [c.name, c.code]));
    expect(byName).toEqual({
      潜江市: '429005',
      枣阳市: '420683',
      红安县: '421122',
      丹江口市: '420381',
      通山县: '421224',
      来凤县: '422827',
      郧西县: '420322',
    });
    expect(seedCounties.find((c) => c.code === '429005')?.city).toBe('省直辖');
    expect(seedCounties.find((c) => c.code === '420683')?.city).toBe('襄阳市');
  });

  it('validates against the schema, with 3–6 townships of 2–4 villages each', () => {
    for (const county of seedCounties) {
      expect(seedCountySchema.parse(county)).toEqual(county);
      expect(county.townships.length).toBeGreaterThanOrEqual(3);
      expect(county.townships.length).toBeLessThanOrEqual(6);
      for (const township of county.townships) {
        expect(township.villages.length).toBeGreaterThanOrEqual(2);
        expect(township.villages.length).toBeLessThanOrEqual(4);
      }
    }
  });

  it('gives every node a unique id that starts with its parent id, so reports roll up', () => {
    const ids: string[] = [];
    for (const county of seedCounties) {
      expect(county.id).toBe(`cn-${county.code}`);
      ids.push(county.id);
      for (const township of county.townships) {
        expect(township.id.startsWith(`${county.id}-t`)).toBe(true);
        // A township's statistical code sits inside its county's code.
        expect(township.code.startsWith(county.code)).toBe(true);
        ids.push(township.id);
        for (const village of township.villages) {
          expect(village.id.startsWith(`${township.id}-v`)).toBe(true);
          ids.push(village.id);
        }
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('finds a village with its township and county, and nothing for an unknown id', () => {
    const place = findVillage(DEMO_VILLAGE_ID);
    expect(place?.county.name).toBe('潜江市');
    expect(place?.township.name).toBe('熊口镇');
    expect(place?.village.id).toBe(DEMO_VILLAGE_ID);
    expect(findVillage('cn-429005-t01-v99')).toBeUndefined();
    expect(findVillage('')).toBeUndefined();
  });
});
