import { FakeCounty } from './fake-county';
import { createTestKiosk, faultyTransport } from './testing';
import { applyPullPage } from '../app/store/pull-store';
import type { EntityData } from './protocol';

const item = (i: number, over: Partial<EntityData<'catalogue_item'>> = {}): EntityData<'catalogue_item'> => ({
  id: `sku-${i}`,
  barcode: null,
  name: `复合化肥 ${i}号`,
  categoryId: 'cat-fertilizer',
  brand: null,
  spec: '50kg',
  unit: '袋',
  priceFen: 10000 + i,
  origin: null,
  tags: [],
  imageUrl: null,
  active: true,
  pinyin: `fuhehuafei ${i}hao`,
  initials: `fhhf ${i}h`,
  ...over,
});

const notice = (i: number) => ({
  id: `n-${i}`,
  title: `通知 ${i}`,
  body: '内容',
  category: 'policy',
  pinned: false,
  urgent: false,
  publishedAt: '2026-11-28T08:00:00+08:00',
});

describe('sync engine: pull', () => {
  it('applies every page and stores the cursor with it', async () => {
    const county = new FakeCounty();
    for (let i = 1; i <= 25; i++) county.publish('catalogue_item', `sku-${i}`, item(i));
    county.publish('notice', 'n-1', notice(1));
    const { db, engine } = createTestKiosk({
      county,
      options: { pull: { initial: 10, min: 1, max: 10, targetMs: 3000 } },
    });

    expect(await engine.runOnce()).toMatchObject({ kind: 'ok', pulled: 26 });
    expect(await db.catalogue.count()).toBe(25);
    expect(await db.notices.get('n-1')).toMatchObject({ title: '通知 1', version: '26' });
    expect((await db.catalogue.get('sku-3'))?.terms).toEqual(
      expect.arrayContaining(['化肥3号', 'huafeihao', 'hfh']),
    );
    expect(engine.status().cursor).toBe('26');
    expect(county.pulls.map((q) => q.cursor)).toEqual(['0', '10', '20']);
  });

  it('resumes from the last committed page after a failure mid-pull: nothing applied twice or skipped', async () => {
    const county = new FakeCounty();
    for (let i = 1; i <= 25; i++) county.publish('catalogue_item', `sku-${i}`, item(i));
    county.publish('catalogue_item', 'sku-5', null, { op: 'delete' }); // 26: a delete in the last page
    let calls = 0;
    const { db, engine } = createTestKiosk({
      county,
      options: { pull: { initial: 10, min: 10, max: 10, targetMs: 3000 } },
      wrap: (t) => faultyTransport(t, ({ op }) => (op === 'pull' && ++calls === 2 ? 'dropResponse' : 'ok')),
    });

    expect(await engine.runOnce()).toMatchObject({ kind: 'failed', error: { code: 'OFFLINE' } });
    expect(await db.catalogue.count()).toBe(10);
    expect(engine.status().cursor).toBe('10');

    expect(await engine.runOnce()).toMatchObject({ kind: 'ok', pulled: 16 });
    // Asked from 0, lost the page after 10, asked from 10 again, then 20: no gap, no overlap.
    expect(county.pulls.map((q) => q.cursor)).toEqual(['0', '10', '10', '20']);
    expect(await db.catalogue.count()).toBe(24);
    expect(await db.catalogue.get('sku-5')).toBeUndefined();
    expect(engine.status().cursor).toBe('26');
  });

  it('skips entity types it does not know, logs them, and still moves the cursor past them', async () => {
    const county = new FakeCounty();
    county.publish('weather_alert', 'w-1', { text: '大风' });
    county.publish('notice', 'n-1', notice(1));
    const logged: object[] = [];
    const { db, engine } = createTestKiosk({ county });
    (engine as unknown as { logger: { info: (o: object) => void } }).logger.info = (o) => logged.push(o);

    expect(await engine.runOnce()).toMatchObject({ kind: 'ok', pulled: 1, skipped: 1 });
    expect(await db.notices.count()).toBe(1);
    expect(engine.status().cursor).toBe('2');
    expect(logged).toContainEqual({ entity: 'weather_alert', count: 1 });
  });

  it('applies nothing of a page whose known entity fails its schema, and does not move the cursor', async () => {
    const county = new FakeCounty();
    county.publish('notice', 'n-1', notice(1));
    county.publish('catalogue_item', 'sku-1', { ...item(1), priceFen: 12.5 }); // fen are integers
    const { db, engine } = createTestKiosk({ county });

    expect(await engine.runOnce()).toMatchObject({ kind: 'failed', error: { code: 'MALFORMED' } });
    expect(await db.notices.count()).toBe(0);
    expect(await db.catalogue.count()).toBe(0);
    expect(engine.status()).toMatchObject({ cursor: '0', state: 'backoff' });
  });

  it('applies nothing of an answer that fails the protocol (garbage, or a cursor that goes back)', async () => {
    const county = new FakeCounty();
    county.publish('notice', 'n-1', notice(1));
    let answer: 'garbage' | 'back' = 'garbage';
    const { db, engine } = createTestKiosk({
      county,
      wrap: (t) =>
        faultyTransport(
          {
            ...t,
            pull: (q) =>
              Promise.resolve({
                ok: true,
                value: {
                  changes: [],
                  cursor: answer === 'back' ? '0' : q.cursor,
                  hasMore: false,
                  serverTime: '2026-11-28T00:00:00Z',
                },
              } as const),
          },
          ({ op }) => (op === 'pull' && answer === 'garbage' ? 'malformed' : 'ok'),
        ),
    });
    expect(await engine.runOnce()).toMatchObject({ kind: 'failed', error: { code: 'MALFORMED' } });
    await db.meta.put({ key: 'sync.cursor', value: '5' });
    answer = 'back';
    expect(await engine.runOnce()).toMatchObject({ kind: 'failed', error: { code: 'MALFORMED' } });
    expect(await db.meta.get('sync.cursor')).toMatchObject({ value: '5' });
  });

  it('refuses a page asked from a cursor that is no longer the stored one (a replayed answer)', async () => {
    const { db } = createTestKiosk({ county: new FakeCounty() });
    await db.meta.put({ key: 'sync.cursor', value: '7' });
    const res = await applyPullPage(db, {
      from: '3',
      to: '5',
      changes: [{ entity: 'notice', id: 'n-1', op: 'upsert', data: notice(1), version: '4' }],
    });
    expect(res).toEqual({ ok: false, reason: 'cursor-moved', stored: '7' });
    expect(await db.notices.count()).toBe(0);
  });

  it('never lets an older change overwrite a newer row', async () => {
    const { db } = createTestKiosk({ county: new FakeCounty() });
    await applyPullPage(db, {
      from: '0',
      to: '9',
      changes: [
        { entity: 'notice', id: 'n-1', op: 'upsert', data: { ...notice(1), title: 'new' }, version: '9' },
      ],
    });
    const res = await applyPullPage(db, {
      from: '9',
      to: '10',
      changes: [
        { entity: 'notice', id: 'n-1', op: 'upsert', data: { ...notice(1), title: 'old' }, version: '4' },
      ],
    });
    expect(res).toEqual({ ok: true, applied: 0, stale: 1 });
    expect((await db.notices.get('n-1'))?.title).toBe('new');
  });

  it('forgets what it pulled for its old village when the county says it now serves another', async () => {
    const county = new FakeCounty();
    county.enroll('dev-1', 'v-1');
    county.publish(
      'village_settings',
      'v-1',
      { villageId: 'v-1', overdueDays: 7, storageFeeFenPerDay: 50 },
      { villageId: 'v-1' },
    );
    const first = createTestKiosk({ county, name: 'moved' });
    await first.engine.runOnce();
    expect(await first.db.villageSettings.count()).toBe(1);

    county.enroll('dev-1', 'v-2'); // re-enrolled for another village
    county.publish('notice', 'n-1', notice(1));
    const restarted = createTestKiosk({ county, name: 'moved', factory: first.factory });
    await restarted.engine.runOnce();
    expect(await restarted.db.villageSettings.count()).toBe(0);
    expect(await restarted.db.notices.count()).toBe(1); // pulled again from the start
    expect(county.pulls.at(-1)?.cursor).toBe('0');
  });
});
