import {
  carrierByName,
  carrierNames,
  isCarrier,
  MAX_WEIGHT_GRAMS,
  parseWeight,
  quoteFeeFen,
} from './carriers';

describe('carrier fee table', () => {
  it('charges the first kilogram for anything up to 1 kg', () => {
    expect(quoteFeeFen('中通快递', 1)).toBe(800);
    expect(quoteFeeFen('中通快递', 1000)).toBe(800);
  });

  it('adds each started kilogram after the first', () => {
    expect(quoteFeeFen('中通快递', 1001)).toBe(1200);
    expect(quoteFeeFen('中通快递', 2500)).toBe(1600);
    expect(quoteFeeFen('顺丰速运', 3000)).toBe(1800 + 2 * 800);
    expect(quoteFeeFen('中国邮政', MAX_WEIGHT_GRAMS)).toBe(1000 + 99 * 500);
  });

  it('quotes nothing for no weight, too much weight, a fraction of a gram or an unknown carrier', () => {
    expect(quoteFeeFen('中通快递', 0)).toBeUndefined();
    expect(quoteFeeFen('中通快递', MAX_WEIGHT_GRAMS + 1)).toBeUndefined();
    expect(quoteFeeFen('中通快递', 1.5)).toBeUndefined();
    expect(quoteFeeFen('飞鸽传书', 1000)).toBeUndefined();
  });

  it('has carrier names that fit the label (≤ 20 characters) and are unique', () => {
    expect(new Set(carrierNames).size).toBe(carrierNames.length);
    for (const name of carrierNames) expect(name.length).toBeLessThanOrEqual(20);
  });
});

describe('parseWeight', () => {
  it('reads kilograms with up to three decimals exactly', () => {
    expect(parseWeight('1.25', 'kg')).toBe(1250);
    expect(parseWeight('0.005', 'kg')).toBe(5);
    expect(parseWeight('12', 'kg')).toBe(12000);
    expect(parseWeight('0.1', 'kg')).toBe(100);
  });

  it('reads whole grams', () => {
    expect(parseWeight('850', 'g')).toBe(850);
    expect(parseWeight('0', 'g')).toBe(0);
  });

  it('refuses what is not a weight', () => {
    expect(parseWeight('', 'kg')).toBeUndefined();
    expect(parseWeight('1.2345', 'kg')).toBeUndefined();
    expect(parseWeight('1.5', 'g')).toBeUndefined();
    expect(parseWeight('.5', 'kg')).toBeUndefined();
  });
});

describe('isCarrier', () => {
  const zto = carrierByName('中通快递')!;
  it('recognises the carrier however intake spelled it', () => {
    expect(isCarrier(zto, '中通')).toBe(true);
    expect(isCarrier(zto, '中通快递')).toBe(true);
    expect(isCarrier(zto, 'zto')).toBe(true);
  });
  it('does not take another carrier’s parcels', () => {
    expect(isCarrier(zto, '圆通')).toBe(false);
    expect(isCarrier(zto, '')).toBe(false);
    expect(isCarrier(carrierByName('中国邮政')!, '中通')).toBe(false);
  });
});
