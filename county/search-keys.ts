/**
 * Pinyin search keys of catalogue items, prepared by the county (pinyin-pro) and sent with each item,
 * so a kiosk indexes them as they arrive instead of shipping a pinyin dictionary (ARCHITECTURE.md §4).
 *
 *   '化肥'             → pinyin 'hua fei',                        initials 'hf'
 *   '金龙鱼 花生油 5L'  → pinyin 'jin long yu hua sheng you 5l',    initials 'jly hsy 5l'
 *
 * pinyin: every syllable, toneless, lower case, ü written v (what people type), space-separated;
 * runs of Latin letters and digits stay whole. initials: one group per word of the name (words are
 * split at spaces and punctuation), each group the first letter of every syllable, Latin runs whole.
 * Keys depend on the name only; tests pin the examples above.
 */
import { pinyin } from 'pinyin-pro';
import type { Queryable } from './db';

export interface SearchKeys {
  pinyin: string;
  initials: string;
}

const HAN = /\p{Script=Han}/u;
// A word is a run of Han characters, Latin letters and digits; everything else separates words.
const WORD = /[\p{Script=Han}A-Za-z0-9]+/gu;
const PART = /\p{Script=Han}+|[A-Za-z0-9]+/gu;

export function searchKeys(name: string): SearchKeys {
  const syllables: string[] = [];
  const groups: string[] = [];
  for (const word of name.normalize('NFKC').match(WORD) ?? []) {
    let group = '';
    for (const part of word.match(PART) ?? []) {
      if (HAN.test(part)) {
        const spelled = pinyin(part, { toneType: 'none', type: 'array', v: true }).map((s) =>
          s.toLowerCase(),
        );
        syllables.push(...spelled);
        group += spelled.map((s) => s[0] ?? '').join('');
      } else {
        syllables.push(part.toLowerCase());
        group += part.toLowerCase();
      }
    }
    if (group !== '') groups.push(group);
  }
  return { pinyin: syllables.join(' '), initials: groups.join(' ') };
}

/**
 * Fills the keys of items that have none (rows written before migration 0002, or by an import that
 * left them out). Same name, same keys: each distinct name is spelled once.
 */
export async function fillMissingSearchKeys(tx: Queryable): Promise<number> {
  const names = await tx.query<{ name: string }>(
    'SELECT DISTINCT name FROM catalogue_items WHERE pinyin IS NULL OR initials IS NULL',
  );
  if (names.length === 0) return 0;
  const keys = names.map((n) => searchKeys(n.name));
  const rows = await tx.query<{ n: number }>(
    `WITH upd AS (
       UPDATE catalogue_items c SET pinyin = v.pinyin, initials = v.initials
       FROM unnest($1::text[], $2::text[], $3::text[]) AS v(name, pinyin, initials)
       WHERE c.name = v.name AND (c.pinyin IS NULL OR c.initials IS NULL)
       RETURNING 1
     ) SELECT count(*) AS n FROM upd`,
    [names.map((n) => n.name), keys.map((k) => k.pinyin), keys.map((k) => k.initials)],
  );
  return rows[0]?.n ?? 0;
}
