import { formatFen, parseYuan } from './money';

describe('money in fen', () => {
  it('formats integer fen as yuan without floating-point drift', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(1999)).toBe('¥19.99');
    expect(formatFen(19900)).toBe('¥199.00');
    expect(formatFen(123456789)).toBe('¥1,234,567.89');
    expect(formatFen(-50)).toBe('-¥0.50');
    expect(formatFen(1250, { symbol: false })).toBe('12.50');
  });

  it('refuses amounts that are not whole fen', () => {
    expect(() => formatFen(12.5)).toThrow(RangeError);
  });

  it('parses what an operator types on a keypad, exactly', () => {
    expect(parseYuan('12')).toBe(1200);
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan('19.99')).toBe(1999);
    expect(parseYuan('1.234')).toBeUndefined();
    expect(parseYuan('abc')).toBeUndefined();
    expect(parseYuan('')).toBeUndefined();
  });
});
