/**
 * Search terms for the catalogue's multiEntry index (ARCHITECTURE.md §4): whatever a villager has typed
 * so far — hanzi, full pinyin or pinyin initials — is a prefix of one of an item's terms, so a search is
 * one key range (`where('terms').startsWith(q)`), never a table scan.
 *
 * Terms are suffixes, so a word in the middle of a name is found too ('hf' and 'huafei' find 复合化肥):
 * - hanzi: the name with spaces removed, from every hanzi and from the start of every latin/digit run;
 * - pinyin: from the start of every syllable. The county sends pinyin and initials as prepared strings
 *   ('fuhefei 50kg', 'fhf 50kg'); syllable boundaries are recovered by aligning the pinyin letters with
 *   the initials (one initial per syllable) over the table of Mandarin syllables, which also tells
 *   fang|an (方案, 'fa') from fan|gan;
 * - initials: from every letter.
 * Terms are capped in length to keep the index small; a longer query narrows by its capped prefix and
 * is then checked against the full terms (`matchesQuery`).
 */

export const TERM_CAP = { hanzi: 8, pinyin: 24, initials: 10 } as const;

/** Every Mandarin syllable without tones, ü written v (as typed on a pinyin keyboard). */
const SYLLABLES = new Set(
  `a o e ai ei ao ou an en ang eng er ng hm m n
  ya yo ye yao you yan yin yang ying yong yi yu yue yuan yun
  wa wo wai wei wan wen wang weng wu
  ba bo bai bei bao ban ben bang beng bi bie biao bian bin bing bu
  pa po pai pei pao pou pan pen pang peng pi pie piao pian pin ping pu
  ma mo me mai mei mao mou man men mang meng mi mie miao miu mian min ming mu
  fa fo fei fou fan fen fang feng fu fiao
  da de dai dei dao dou dan den dang deng dong di dia die diao diu dian ding du duo dui duan dun
  ta te tai tei tao tou tan tang teng tong ti tie tiao tian ting tu tuo tui tuan tun
  na ne nai nei nao nou nan nen nang neng nong ni nie niao niu nian nin niang ning nu nuo nuan nun nv nve
  la lo le lai lei lao lou lan lang leng long li lia lie liao liu lian lin liang ling lu luo luan lun lv lve
  ga ge gai gei gao gou gan gen gang geng gong gu gua guo guai gui guan gun guang
  ka ke kai kei kao kou kan ken kang keng kong ku kua kuo kuai kui kuan kun kuang
  ha he hai hei hao hou han hen hang heng hong hu hua huo huai hui huan hun huang hng
  ji jia jie jiao jiu jian jin jiang jing jiong ju jue juan jun
  qi qia qie qiao qiu qian qin qiang qing qiong qu que quan qun
  xi xia xie xiao xiu xian xin xiang xing xiong xu xue xuan xun
  zha zhe zhi zhai zhei zhao zhou zhan zhen zhang zheng zhong zhu zhua zhuo zhuai zhui zhuan zhun zhuang
  cha che chi chai chao chou chan chen chang cheng chong chu chua chuo chuai chui chuan chun chuang
  sha she shi shai shei shao shou shan shen shang sheng shu shua shuo shuai shui shuan shun shuang
  re ri rao rou ran ren rang reng rong ru rua ruo rui ruan run
  za ze zi zai zei zao zou zan zen zang zeng zong zu zuo zui zuan zun
  ca ce ci cai cao cou can cen cang ceng cong cu cuo cui cuan cun
  sa se si sai sao sou san sen sang seng song su suo sui suan sun`.split(/\s+/),
);
const MAX_SYLLABLE = 6;

export interface Searchable {
  name: string;
  pinyin: string;
  initials: string;
}

/** Full-width to half-width, lower case, ü as v: what the index stores and what a query is turned into. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/ü|u:/g, 'v');
}

const HAN = /\p{Script=Han}/u;
const letters = (text: string): string => normalize(text).replace(/[^a-z]/g, '');

/** The terms stored in the index for one item. */
export function searchTerms(
  item: Searchable,
  cap: { hanzi: number; pinyin: number; initials: number } = TERM_CAP,
): string[] {
  const terms = new Set<string>();
  const add = (term: string, max: number) => {
    const t = Array.from(term).slice(0, max).join(''); // by code point: never split a surrogate pair
    if (!t) return;
    terms.add(t);
    // Many villagers type u for ü (lu for 绿): index both spellings.
    if (t.includes('v')) terms.add(t.replace(/v/g, 'u'));
  };

  const name = Array.from(normalize(item.name).replace(/\s+/g, ''));
  name.forEach((ch, i) => {
    const prev = name[i - 1];
    const runStart = /[a-z0-9]/.test(ch) && (prev === undefined || !/[a-z0-9]/.test(prev));
    if (HAN.test(ch) || runStart) add(name.slice(i).join(''), cap.hanzi);
  });

  const initials = letters(item.initials);
  for (let i = 0; i < initials.length; i++) add(initials.slice(i), cap.initials);

  const pinyin = letters(item.pinyin);
  const syllables = segmentPinyin(pinyin, initials);
  if (syllables) {
    for (let i = 0; i < syllables.length; i++) add(syllables.slice(i).join(''), cap.pinyin);
  } else {
    add(pinyin, cap.pinyin); // no alignment: at least the whole string is a prefix target
  }
  return [...terms];
}

/**
 * Splits `pinyin` into one segment per letter of `initials`, each a Mandarin syllable starting with its
 * initial (a single latin letter may stand for itself: LED灯泡 is 'leddengpao' / 'leddp'). Returns
 * undefined when no such split exists (the county's strings disagree, or there are no initials).
 */
export function segmentPinyin(pinyin: string, initials: string): string[] | undefined {
  if (!pinyin || initials.length === 0) return undefined;
  const failed = new Set<string>(); // memo of (position, initial index) that lead nowhere
  const out: string[] = [];
  const walk = (p: number, k: number): boolean => {
    if (p === pinyin.length) return k === initials.length;
    if (k === initials.length || failed.has(`${p}:${k}`)) return false;
    if (pinyin[p] !== initials[k]) return false;
    // Longest syllable first, so 'xian' with initial 'x' is xian, not x + ian.
    for (let len = Math.min(MAX_SYLLABLE, pinyin.length - p); len >= 1; len--) {
      const s = pinyin.slice(p, p + len);
      if (!SYLLABLES.has(s) && len !== 1) continue;
      out.push(s);
      if (walk(p + len, k + 1)) return true;
      out.pop();
    }
    failed.add(`${p}:${k}`);
    return false;
  };
  return walk(0, 0) ? out : undefined;
}

/** The query's words, normalized; an item matches when every word is a prefix of one of its terms. */
export function queryWords(query: string): string[] {
  return normalize(query)
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean);
}

/** Exact check with uncapped terms, for queries longer than a term cap and for multi-word queries. */
export function matchesQuery(item: Searchable, words: string[]): boolean {
  const full = searchTerms(item, { hanzi: Infinity, pinyin: Infinity, initials: Infinity });
  return words.every((w) => full.some((t) => t.startsWith(w)));
}

/**
 * What to look a query word up by: a word no longer than the smallest cap is a prefix of a capped term
 * exactly when it is a prefix of the full term; a longer word is looked up by its first (cap)
 * characters and then checked with `matchesQuery`.
 */
export function indexPrefix(word: string): { prefix: string; exact: boolean } {
  const minCap = Math.min(TERM_CAP.hanzi, TERM_CAP.pinyin, TERM_CAP.initials);
  const chars = Array.from(word);
  return { prefix: chars.slice(0, minCap).join(''), exact: chars.length <= minCap };
}
