import { seedCounties } from '../assets/seed';
import { parseChange } from '../sync/protocol';
import type { Db, Queryable } from './db';
import { appendChanges, POS_SHIFT, readChanges, type ChangeRow } from './feed';
import { searchKeys } from './search-keys';
import { openTestDb } from './testing';

const county = seedCounties[0]!;
const [villageA, villageB] = county.townships[0]!.villages;

async function readAll(db: Queryable, villageId: string, limit = 1000): Promise<ChangeRow[]> {
  const all: ChangeRow[] = [];
  let cursor = '0';
  for (;;) {
    const page = await readChanges(db, { countyId: county.id, villageId, cursor, limit });
    all.push(...page.changes);
    if (page.changes.length > 0) expect(page.cursor).toBe(page.changes.at(-1)!.version);
    cursor = page.cursor;
    if (!page.hasMore) return all;
  }
}

const manifest = (villageId: string, waybill: string) =>
  ({
    countyId: county.id,
    villageId,
    entity: 'parcel_manifest',
    id: waybill,
    op: 'upsert',
    data: { waybill, carrier: '中通', phone: null, recipientName: null, expectedAt: null },
  }) as const;

describe('search keys', () => {
  it.each([
    ['化肥', 'hua fei', 'hf'],
    ['金龙鱼 花生油 5L', 'jin long yu hua sheng you 5l', 'jly hsy 5l'],
    ['绿豆', 'lv dou', 'ld'],
    ['复合肥(45%) 50kg/袋', 'fu he fei 45 50kg dai', 'fhf 45 50kg d'],
    ['ABC牛奶', 'abc niu nai', 'abcnn'],
  ])('spells %s as %s / %s', (name, pinyin, initials) => {
    expect(searchKeys(name)).toEqual({ pinyin, initials });
  });
});

describe('change feed', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb({ seed: true });
  });
  afterAll(async () => {
    await db.close();
  });

  it('gives a kiosk the whole published catalogue from cursor 0, in order, once', async () => {
    const changes = await readAll(db, villageA!.id, 700);
    const [counts] = await db.query<{ c: number; i: number; n: number }>(
      `SELECT (SELECT count(*) FROM catalogue_categories WHERE county_id = $1) AS c,
              (SELECT count(*) FROM catalogue_items WHERE county_id = $1) AS i,
              (SELECT count(*) FROM notices WHERE county_id = $1) AS n`,
      [county.id],
    );
    const kinds = changes.map((c) => c.entity);
    expect(kinds.filter((k) => k === 'category')).toHaveLength(counts!.c);
    expect(kinds.filter((k) => k === 'catalogue_item')).toHaveLength(counts!.i);
    expect(kinds.filter((k) => k === 'notice')).toHaveLength(counts!.n);
    expect(kinds.lastIndexOf('category')).toBeLessThan(kinds.indexOf('catalogue_item'));
    const versions = changes.map((c) => BigInt(c.version));
    versions.slice(1).forEach((v, i) => expect(v > versions[i]!).toBe(true));
    for (const change of changes) expect(parseChange(change)).toMatchObject({ ok: true });
  });

  it('carries pinyin search keys with every item', async () => {
    const changes = await readAll(db, villageA!.id);
    const items = changes
      .filter((c) => c.entity === 'catalogue_item')
      .map((c) => c.data as { name: string; pinyin: string; initials: string });
    for (const item of items.slice(0, 200)) {
      expect({ pinyin: item.pinyin, initials: item.initials }).toEqual(searchKeys(item.name));
    }
    expect(items.some((i) => i.pinyin.includes('fei'))).toBe(true);
  });

  it('never shows a village another village’s rows', async () => {
    await db.transaction((tx) =>
      appendChanges(tx, [manifest(villageA!.id, 'A-1'), manifest(villageB!.id, 'B-1')]),
    );
    const a = (await readAll(db, villageA!.id))
      .filter((c) => c.entity === 'parcel_manifest')
      .map((c) => c.id);
    const b = (await readAll(db, villageB!.id))
      .filter((c) => c.entity === 'parcel_manifest')
      .map((c) => c.id);
    expect(a).toEqual(['A-1']);
    expect(b).toEqual(['B-1']);
  });

  it('numbers a transaction’s rows from its id, one after another', async () => {
    const rows = await db.transaction(async (tx) => {
      await appendChanges(tx, [manifest(villageA!.id, 'T-1')]);
      await appendChanges(tx, [manifest(villageA!.id, 'T-2'), manifest(villageA!.id, 'T-3')]);
      return tx.query<{ pos: string; txid: string }>(
        `SELECT pos::text AS pos, txid::text AS txid FROM change_feed WHERE entity_id LIKE 'T-%' ORDER BY pos`,
      );
    });
    const base = BigInt(rows[0]!.txid) << BigInt(POS_SHIFT);
    expect(rows.map((r) => BigInt(r.pos) - base)).toEqual([0n, 1n, 2n]);
  });

  // PGlite runs one transaction at a time, so a second, concurrent writer cannot be staged here (the
  // PostgreSQL suite does that with two connections). What can be shown: the rows of a transaction
  // that has not committed are held back even from a reader that can see them (its own).
  it('holds back the rows of a transaction that is still running', async () => {
    const before = (await readAll(db, villageA!.id)).length;
    await db.transaction(async (tx) => {
      await appendChanges(tx, [manifest(villageA!.id, 'OPEN-1')]);
      const seen = await tx.query(`SELECT 1 FROM change_feed WHERE entity_id = 'OPEN-1'`);
      expect(seen).toHaveLength(1);
      expect(await readAll(tx, villageA!.id)).toHaveLength(before);
    });
    expect((await readAll(db, villageA!.id)).map((c) => c.id)).toContain('OPEN-1');
  });

  it('resumes from a cursor without repeating what was read', async () => {
    const first = await readChanges(db, {
      countyId: county.id,
      villageId: villageA!.id,
      cursor: '0',
      limit: 5,
    });
    const next = await readChanges(db, {
      countyId: county.id,
      villageId: villageA!.id,
      cursor: first.cursor,
      limit: 5,
    });
    expect(first.hasMore).toBe(true);
    expect(
      next.changes[0]!.version > first.cursor || next.changes[0]!.version.length > first.cursor.length,
    ).toBe(true);
    expect(next.changes.map((c) => c.version)).not.toContain(first.cursor);
  });
});
