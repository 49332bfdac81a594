import { pinyin } from 'pinyin-pro';
import { matchesQuery, searchTerms, segmentPinyin } from './search-terms';

describe('search terms', () => {
  it('splits full pinyin at syllables, using the initials to choose between readings', () => {
    expect(segmentPinyin('fangan', 'fa')).toEqual(['fang', 'an']); // 方案, not fan|gan
    expect(segmentPinyin('xian', 'x')).toEqual(['xian']); // 县
    expect(segmentPinyin('xian', 'xa')).toEqual(['xi', 'an']); // 西安
    expect(segmentPinyin('leddengpao', 'leddp')).toEqual(['l', 'e', 'd', 'deng', 'pao']); // LED灯泡
    expect(segmentPinyin('huafei', 'hx')).toBeUndefined(); // the county's strings disagree
  });

  it('indexes a name from every hanzi, and pinyin and initials from every syllable', () => {
    const terms = searchTerms({ name: '复合化肥 50kg', pinyin: 'fuhehuafei 50kg', initials: 'fhhf 50kg' });
    expect(terms).toEqual(
      expect.arrayContaining([
        '复合化肥50kg',
        '化肥50kg',
        '肥50kg',
        '50kg',
        'fuhehuafeikg',
        'huafeikg',
        'feikg',
        'fhhfkg',
        'hfkg',
      ]),
    );
    expect(terms).not.toContain('uafeikg'); // not mid-syllable
    expect(terms.every((t) => Array.from(t).length <= 24)).toBe(true);
  });

  it('gives the same terms whether the county separates pinyin by word or by syllable', () => {
    const byWord = searchTerms({ name: '尿素 化肥', pinyin: 'niaosu huafei', initials: 'ns hf' });
    const bySyllable = searchTerms({ name: '尿素 化肥', pinyin: 'niao su hua fei', initials: 'n s h f' });
    expect(bySyllable.sort()).toEqual(byWord.sort());
  });

  it("reads the keys in the county's format: a syllable per space, initials a group per word", () => {
    // county/search-keys.ts's own example
    const terms = searchTerms({
      name: '金龙鱼 花生油 5L',
      pinyin: 'jin long yu hua sheng you 5l',
      initials: 'jly hsy 5l',
    });
    expect(terms).toEqual(
      expect.arrayContaining([
        '金龙鱼花生油5l',
        '花生油5l',
        '5l',
        'huashengyoul',
        'shengyoul',
        'hsyl',
        'jlyhsyl',
      ]),
    );
  });

  it('finds ü syllables typed as v or as u, and full-width letters as half-width', () => {
    const item = { name: '绿豆', pinyin: 'lüdou', initials: 'ld' };
    expect(searchTerms(item)).toEqual(expect.arrayContaining(['lvdou', 'ludou']));
    expect(matchesQuery(item, ['lvd'])).toBe(true);
    expect(matchesQuery({ name: 'ＬＥＤ灯泡', pinyin: 'LEDdengpao', initials: 'LEDdp' }, ['led'])).toBe(true);
  });

  it('knows every syllable pinyin-pro gives for the common hanzi', () => {
    const missing = new Set<string>();
    for (let c = 0x4e00; c <= 0x9fa5; c++) {
      for (const p of pinyin(String.fromCharCode(c), {
        toneType: 'none',
        type: 'array',
        multiple: true,
        v: true,
      })) {
        if (/^[a-z]+$/.test(p) && !segmentPinyin(p, p[0]!)) missing.add(p);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
