import { FakeCounty } from './fake-county';
import { createTestKiosk, faultyTransport, memoryDb, recordOrder, type Fault } from './testing';
import { SyncEngine } from './engine';
import type { SyncTransport } from './transport';

const ok = <T extends { kind: string }>(r: T) => expect(r.kind).toBe('ok');

describe('sync engine: push', () => {
  it('sends the outbox oldest first by seq and empties it once the county acknowledged', async () => {
    const county = new FakeCounty();
    const { db, engine } = createTestKiosk({ county });
    for (let i = 1; i <= 60; i++) await recordOrder(db, i);

    ok(await engine.runOnce());

    expect(county.appliedFor('dev-1').map((m) => m.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await db.outbox.count()).toBe(0);
    expect(county.pushes[0]!.mutations).toHaveLength(25); // starts small
    expect(engine.status()).toMatchObject({ state: 'idle', pending: 0, rejected: 0 });
  });

  it('resends after the answer was lost between POST and ack, and the county applies it once', async () => {
    const county = new FakeCounty();
    let drop = true;
    const { db, engine } = createTestKiosk({
      county,
      wrap: (t) => faultyTransport(t, ({ op }) => (op === 'push' && drop ? 'dropResponse' : 'ok')),
    });
    for (let i = 1; i <= 5; i++) await recordOrder(db, i);

    const first = await engine.runOnce();
    expect(first).toMatchObject({ kind: 'failed', error: { code: 'OFFLINE' } });
    expect(county.appliedFor('dev-1')).toHaveLength(5); // the county committed...
    expect(await db.outbox.count()).toBe(5); // ...but the kiosk never saw the ack: the rows stay

    drop = false;
    const second = await engine.runOnce();
    expect(second).toMatchObject({ kind: 'ok', pushed: { applied: 0, duplicate: 5 } });
    expect(county.appliedFor('dev-1')).toHaveLength(5);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps the outbox row until its ack is committed locally, even when the county answered', async () => {
    const county = new FakeCounty();
    const factory = createTestKiosk({ county }).factory;
    const name = 'ack-commit';
    const first = createTestKiosk({
      county,
      factory,
      name,
      // The county answers, but the kiosk's database dies before the acks are written (a power cut).
      wrap: (t): SyncTransport => ({
        ...t,
        push: async (req) => {
          const res = await t.push(req);
          first.db.close();
          return res;
        },
      }),
    });
    await recordOrder(first.db, 1);
    expect(await first.engine.runOnce()).toMatchObject({ kind: 'failed', error: { code: 'STORAGE' } });

    const restarted = createTestKiosk({ county, factory, name });
    expect(await restarted.db.outbox.count()).toBe(1);
    expect(await restarted.engine.runOnce()).toMatchObject({ kind: 'ok', pushed: { duplicate: 1 } });
    expect(await restarted.db.outbox.count()).toBe(0);
    expect(county.appliedFor('dev-1')).toHaveLength(1);
  });

  it('moves a rejected mutation to `rejected` with its reason and sends the rest', async () => {
    const county = new FakeCounty();
    const { db, engine } = createTestKiosk({ county });
    await recordOrder(db, 1);
    await recordOrder(db, 2, false); // total does not match the lines
    await recordOrder(db, 3);

    expect(await engine.runOnce()).toMatchObject({ kind: 'ok', pushed: { applied: 2, rejected: 1 } });
    expect(county.appliedFor('dev-1').map((m) => m.seq)).toEqual([1, 3]);
    expect(await db.outbox.count()).toBe(0);
    const rejected = await db.rejected.toArray();
    expect(rejected).toEqual([
      expect.objectContaining({
        seq: 2,
        type: 'order.placed',
        source: 'county',
        reason: expect.stringContaining('totalFen') as string,
      }),
    ]);
    expect(engine.status().rejected).toBe(1);
  });

  it('learns of a rejection whose first ack was lost: the resend is rejected again, never dropped', async () => {
    const county = new FakeCounty();
    let fault: Fault = 'dropResponse';
    const { db, engine } = createTestKiosk({ county, wrap: (t) => faultyTransport(t, () => fault) });
    await recordOrder(db, 1, false);
    await engine.runOnce();
    fault = 'ok';
    await engine.runOnce();
    expect(await db.rejected.count()).toBe(1);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps a row whose envelope no county could accept as rejected by the kiosk, and sends the rest', async () => {
    const county = new FakeCounty();
    const { db, engine } = createTestKiosk({ county });
    await recordOrder(db, 1);
    await db.outbox.add({ id: 'bad', seq: 2, type: 'order.placed', at: 'yesterday', payload: {} });
    await db.meta.put({ key: 'outboxSeq', value: 2 });
    await recordOrder(db, 3);

    ok(await engine.runOnce());
    expect(county.appliedFor('dev-1').map((m) => m.seq)).toEqual([1, 3]);
    expect(await db.rejected.get('bad')).toMatchObject({
      source: 'kiosk',
      reason: expect.stringContaining('invalid') as string,
    });
  });

  it('treats an answer that acknowledges nothing it sent as an error instead of resending forever', async () => {
    const county = new FakeCounty();
    const { db, engine } = createTestKiosk({
      county,
      wrap: (t) => ({
        ...t,
        push: () => Promise.resolve({ ok: true, value: { acks: [], serverTime: new Date().toISOString() } }),
      }),
    });
    await recordOrder(db, 1);
    expect(await engine.runOnce()).toMatchObject({ kind: 'failed', error: { code: 'MALFORMED' } });
    expect(await db.outbox.count()).toBe(1);
  });

  it('grows the batch while the link is fast and shrinks it when requests take too long', async () => {
    const county = new FakeCounty();
    let msPerItem = 1; // a fast link: 200 ms round trip + 1 ms per mutation
    const kiosk = createTestKiosk({
      county,
      wrap: (t) => ({
        ...t,
        push: async (req) => {
          kiosk.clock.advance(200 + req.mutations.length * msPerItem);
          return t.push(req);
        },
      }),
    });
    for (let i = 1; i <= 1500; i++) await recordOrder(kiosk.db, i);
    await kiosk.engine.runOnce();
    const fast = county.pushes.map((p) => p.mutations.length);
    expect(fast.slice(0, 4)).toEqual([25, 50, 100, 200]); // at most doubling
    expect(Math.max(...fast)).toBe(500); // capped

    msPerItem = 30; // the link degrades: 500 mutations now take 15 s
    county.pushes.length = 0;
    for (let i = 1501; i <= 3000; i++) await recordOrder(kiosk.db, i);
    await kiosk.engine.runOnce();
    const slow = county.pushes.map((p) => p.mutations.length);
    expect(slow[0]).toBe(500);
    // ~3 s per request: (3000 ms) / (30 ms per mutation) ≈ 100, allowing for the round trip.
    expect(slow[slow.length - 2]).toBeGreaterThan(80);
    expect(slow[slow.length - 2]).toBeLessThanOrEqual(100);
  });

  it('halves a batch the county refused as too large and goes again at once', async () => {
    const county = new FakeCounty();
    const sizes: number[] = [];
    const { db, engine } = createTestKiosk({
      county,
      wrap: (t) => ({
        ...t,
        push: async (req) => {
          sizes.push(req.mutations.length);
          if (req.mutations.length > 6) {
            return { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: '' } };
          }
          return t.push(req);
        },
      }),
    });
    for (let i = 1; i <= 25; i++) await recordOrder(db, i);
    ok(await engine.runOnce());
    expect(sizes.slice(0, 3)).toEqual([25, 12, 6]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('never lets a second engine on the same lock send while the first is syncing', async () => {
    const county = new FakeCounty();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = createTestKiosk({
      county,
      wrap: (t) => ({
        ...t,
        push: async (req) => {
          await gate;
          return t.push(req);
        },
      }),
    });
    // A second window: the same database and the same origin's locks, its own engine.
    const secondTransport = county.transport('dev-1');
    let secondPushes = 0;
    const second = new SyncEngine({
      db: memoryDb('kiosk', first.factory),
      transport: { ...secondTransport, push: (r) => (secondPushes++, secondTransport.push(r)) },
      clock: first.clock,
      random: Math.random,
      locks: first.locks,
    });
    await recordOrder(first.db, 1);

    const running = first.engine.runOnce();
    await vi.waitFor(() => expect(first.locks.isHeld('vpk-sync')).toBe(true));
    expect(await second.runOnce()).toEqual({ kind: 'busy' });
    release();
    ok(await running);
    expect(secondPushes).toBe(0);
    expect(county.pushes).toHaveLength(1);
  });
});
