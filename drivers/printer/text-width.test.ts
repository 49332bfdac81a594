import { displayWidth, printerSafe, wrapCols } from './text-width';

describe('display columns', () => {
  it('counts ASCII as one column and every double-byte glyph as two', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('取件码')).toBe(6);
    expect(displayWidth('“×·”')).toBe(8); // punctuation printed from the full-width font
  });

  it('prints ¥ as the full-width ￥ every Chinese printer font has, and drops emoji', () => {
    expect(printerSafe('¥12.50')).toBe('￥12.50');
    expect(printerSafe('好😀')).toBe('好?');
  });
});

describe('wrapCols', () => {
  it('breaks Chinese between characters at the column limit', () => {
    expect(wrapCols('村级电子商务服务点欢迎您', 10)).toEqual(['村级电子商', '务服务点欢', '迎您']);
  });

  it('never splits a waybill number or a price, and breaks English at spaces', () => {
    expect(wrapCols('快递：中通 ZT7801234567890', 16)).toEqual(['快递：中通', 'ZT7801234567890']);
    expect(wrapCols('复合肥 ￥120.00', 10)).toEqual(['复合肥', '￥120.00']);
    expect(wrapCols('hello big world', 9)).toEqual(['hello big', 'world']);
  });

  it('hard-breaks a run longer than a line', () => {
    expect(wrapCols('ABCDEFGHIJ', 4)).toEqual(['ABCD', 'EFGH', 'IJ']);
  });

  it('does not start a line with a closing punctuation mark', () => {
    expect(wrapCols('请于三天内取件。谢谢', 14)).toEqual(['请于三天内取', '件。谢谢']);
  });

  it('keeps explicit newlines and empty lines', () => {
    expect(wrapCols('一\n\n二', 8)).toEqual(['一', '', '二']);
  });
});
