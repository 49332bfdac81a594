import {
  addMonths,
  fenFractionText,
  fenText,
  growth,
  meetsFen,
  meetsPercent,
  percentText,
  percentValue,
} from './stats-format';

describe('exact ratios, rounded only for display', () => {
  it('rounds percentages half away from zero in integer arithmetic', () => {
    expect(percentText({ num: 1, den: 3 })).toBe('33.3%');
    expect(percentText({ num: 2, den: 3 })).toBe('66.7%');
    expect(percentText({ num: 1, den: 2000 })).toBe('0.1%'); // 0.05% rounds up
    expect(percentText({ num: -1, den: 2000 })).toBe('-0.1%');
    expect(percentText({ num: 123_456_789_012, den: 1000 })).toBe('12,345,678,901.2%');
    expect(percentValue({ num: 7, den: 20 })).toBe(35);
    expect(percentText(null)).toBe('—');
  });

  it('compares with a target without dividing, so 34.9996% does not pass as 35.0%', () => {
    expect(percentText({ num: 349_996, den: 1_000_000 })).toBe('35.0%');
    expect(meetsPercent({ num: 349_996, den: 1_000_000 }, 35)).toBe(false);
    expect(meetsPercent({ num: 35, den: 100 }, 35)).toBe(true);
    expect(meetsPercent(null, 35)).toBeNull();
    expect(meetsFen({ num: 5_000_000 * 7 - 1, den: 7 }, 5_000_000)).toBe(false);
    expect(meetsFen({ num: 5_000_000 * 7, den: 7 }, 5_000_000)).toBe(true);
  });

  it('has no growth from nothing, and shows money as yuan from integer fen', () => {
    expect(growth(500, 0)).toBeNull();
    expect(growth(135, 100)).toEqual({ num: 35, den: 100 });
    expect(fenText(123456789)).toBe('¥1,234,567.89');
    expect(fenText(-50)).toBe('-¥0.50');
    expect(fenFractionText({ num: 1001, den: 2 })).toBe('¥5.01');
  });

  it('steps months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 13)).toBe('2027-01');
    expect(addMonths('2026-10', -12)).toBe('2025-10');
  });
});
