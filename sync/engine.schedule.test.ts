import { FakeCounty } from './fake-county';
import {
  FakeConnectivity,
  createTestKiosk,
  faultyTransport,
  recordOrder,
  seededRandom,
  type TestKiosk,
} from './testing';
import { exportFileSchema } from './protocol';
import type { SyncState } from './engine';
import { syncError } from './errors';

/** Lets a due timer's cycle finish: the timer starts it synchronously, so waiting for idle is enough. */
async function fireNextTimer(k: TestKiosk): Promise<number> {
  const at = k.engine.status().nextAttemptAt;
  if (at === undefined) throw new Error('no attempt scheduled');
  const delay = at - k.clock.now();
  k.clock.advance(delay);
  await k.engine.whenIdle();
  return delay;
}

const waitForState = (k: TestKiosk, state: SyncState) =>
  vi.waitFor(() => expect(k.engine.status().state).toBe(state));

describe('sync engine: triggers, backoff and status', () => {
  it('backs off exponentially up to five minutes, and a success resets it to the healthy interval', async () => {
    const county = new FakeCounty();
    let failing = true;
    const k = createTestKiosk({
      county,
      random: () => 0.999, // the top of each jitter range, to see the ceiling
      wrap: (t) => faultyTransport(t, ({ op }) => (failing && op === 'push' ? 'dropRequest' : 'ok')),
    });
    await recordOrder(k.db, 1);
    k.engine.start();
    await waitForState(k, 'offline');

    const delays = [k.engine.status().nextAttemptAt! - k.clock.now()];
    for (let i = 0; i < 9; i++) {
      await fireNextTimer(k);
      delays.push(k.engine.status().nextAttemptAt! - k.clock.now());
    }
    expect(delays).toEqual([1998, 3996, 7992, 15984, 31968, 63936, 127872, 255744, 299700, 299700]);
    expect(k.engine.status().lastError).toMatchObject({
      code: 'OFFLINE',
      message: '县中心暂时连不上，稍后自动重试',
    });

    failing = false;
    await fireNextTimer(k);
    expect(k.engine.status()).toMatchObject({ state: 'idle', pending: 0, lastSuccessAt: k.clock.now() });
    expect(k.engine.status().lastError).toBeUndefined();
    expect(k.engine.status().nextAttemptAt! - k.clock.now()).toBe(Math.floor(60_000 * (0.8 + 0.4 * 0.999)));

    failing = true;
    await recordOrder(k.db, 2);
    await vi.waitFor(() => expect(k.clock.nextTimerAt()! - k.clock.now()).toBe(250)); // new row: soon
    await fireNextTimer(k);
    expect(k.engine.status().nextAttemptAt! - k.clock.now()).toBe(1998); // backoff starts over
    await k.engine.stop();
  });

  it('draws each delay uniformly below its ceiling (full jitter), never under a second', async () => {
    const county = new FakeCounty();
    const k = createTestKiosk({
      county,
      random: seededRandom(42),
      wrap: (t) => faultyTransport(t, ({ op }) => (op === 'push' ? 'dropRequest' : 'ok')),
    });
    await recordOrder(k.db, 1);
    k.engine.start();
    await waitForState(k, 'offline');
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(300_000, 2000 * 2 ** (attempt - 1));
      const delay = k.engine.status().nextAttemptAt! - k.clock.now();
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThanOrEqual(ceiling);
      delays.push(delay);
      await fireNextTimer(k);
    }
    expect(new Set(delays).size).toBe(delays.length);
    await k.engine.stop();
  });

  it("waits at least the busy county's Retry-After, then delivers once", async () => {
    const county = new FakeCounty();
    let busy = 2;
    const k = createTestKiosk({
      county,
      random: () => 0, // the engine's own backoff at its floor (1 s): the wait is the county's
      wrap: (t) => ({
        ...t,
        push: (req) =>
          busy-- > 0
            ? Promise.resolve({ ok: false, error: syncError('RATE_LIMITED', 'HTTP 503 BUSY', 7_000) })
            : t.push(req),
      }),
    });
    await recordOrder(k.db, 1);
    k.engine.start();
    await waitForState(k, 'backoff');
    expect(k.engine.status().lastError).toMatchObject({
      code: 'RATE_LIMITED',
      message: '县中心正忙，稍后自动重试',
    });
    expect(await fireNextTimer(k)).toBe(7_000);
    expect(await fireNextTimer(k)).toBe(7_000);
    expect(k.engine.status()).toMatchObject({ state: 'idle', pending: 0 });
    expect(county.appliedFor('dev-1')).toHaveLength(1);
    await k.engine.stop();
  });

  it('tries at once when the link comes back, whatever the backoff', async () => {
    const county = new FakeCounty();
    const events = new FakeConnectivity();
    let failing = true;
    const k = createTestKiosk({
      county,
      events,
      wrap: (t) => faultyTransport(t, ({ op }) => (failing && op === 'push' ? 'dropRequest' : 'ok')),
    });
    await recordOrder(k.db, 1);
    k.engine.start();
    await waitForState(k, 'offline');
    for (let i = 0; i < 6; i++) await fireNextTimer(k); // a long backoff by now
    events.set(false);
    expect(k.engine.status().state).toBe('offline');

    failing = false;
    events.set(true);
    await k.engine.whenIdle();
    expect(k.engine.status().state).toBe('idle');
    expect(county.appliedFor('dev-1')).toHaveLength(1);
    await k.engine.stop();
  });

  it('pushes new outbox rows shortly after they are committed, in one request for a burst', async () => {
    const county = new FakeCounty();
    const k = createTestKiosk({ county });
    k.engine.start();
    await waitForState(k, 'idle');
    await vi.waitFor(() => expect(county.pulls).toHaveLength(1));
    await k.engine.whenIdle();

    for (let i = 1; i <= 3; i++) await recordOrder(k.db, i);
    await vi.waitFor(() => expect(k.engine.status().pending).toBe(3));
    expect(county.pushes).toHaveLength(0);
    k.clock.advance(250);
    await k.engine.whenIdle();
    expect(county.pushes.map((p) => p.mutations.length)).toEqual([3]);
    expect(county.pulls).toHaveLength(1); // a push-only cycle: the pull waits for its interval
    await vi.waitFor(() => expect(k.engine.status().pending).toBe(0));
    await k.engine.stop();
    expect(k.clock.pendingTimers()).toBe(0);
  });

  it('says notEnrolled when the county does not know or has revoked the token, and keeps the outbox', async () => {
    const county = new FakeCounty();
    const k = createTestKiosk({ county });
    county.revoke('dev-1');
    await recordOrder(k.db, 1);
    k.engine.start();
    await waitForState(k, 'notEnrolled');
    expect(k.engine.status()).toMatchObject({
      pending: 1,
      lastError: { code: 'NOT_ENROLLED', message: expect.stringContaining('注册') as string },
    });
    expect(k.engine.status().nextAttemptAt! - k.clock.now()).toBe(300_000); // a person must act: check slowly
    await k.engine.stop();
  });

  it('runs at once when the operator asks, even while backing off', async () => {
    const county = new FakeCounty();
    let failing = true;
    const k = createTestKiosk({
      county,
      wrap: (t) => faultyTransport(t, ({ op }) => (failing && op === 'push' ? 'dropRequest' : 'ok')),
    });
    await recordOrder(k.db, 1);
    k.engine.start();
    await waitForState(k, 'offline');
    failing = false;
    expect(await k.engine.syncNow()).toMatchObject({ kind: 'ok', pushed: { applied: 1 } });
    await k.engine.stop();
  });

  it('reports storage use and warns above 80% of the quota', async () => {
    let usage = 50;
    const k = createTestKiosk({
      county: new FakeCounty(),
      storage: () => Promise.resolve({ usage, quota: 100 }),
    });
    expect(await k.engine.storageEstimate()).toEqual({ usage: 50, quota: 100, ratio: 0.5, warning: false });
    usage = 85;
    await k.engine.storageEstimate();
    expect(k.engine.status().storage).toMatchObject({ ratio: 0.85, warning: true });
  });

  it('exports every unsynced row for the USB stick, once it knows which device it is', async () => {
    const county = new FakeCounty();
    let reachable = false;
    const k = createTestKiosk({
      county,
      wrap: (t) => faultyTransport(t, ({ op }) => (op === 'identify' && reachable ? 'ok' : 'dropRequest')),
    });
    for (let i = 1; i <= 3; i++) await recordOrder(k.db, i);
    expect(await k.engine.exportUnsynced()).toMatchObject({ ok: false, error: { code: 'NOT_IDENTIFIED' } });

    reachable = true; // the county answered once (who am I?), then the link died before any push
    await k.engine.runOnce();
    const file = await k.engine.exportUnsynced();
    if (!file.ok) throw new Error(file.error.message);
    expect(exportFileSchema.parse(file.value)).toEqual(file.value);
    expect(file.value).toMatchObject({ format: 'vpk-unsynced-export', deviceId: 'dev-1', villageId: 'v-1' });
    expect(file.value.mutations.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('tells subscribers each state change', async () => {
    const k = createTestKiosk({ county: new FakeCounty() });
    const states: SyncState[] = [];
    const unsubscribe = k.engine.subscribe((s) => {
      if (states.at(-1) !== s.state) states.push(s.state);
    });
    await k.engine.runOnce();
    unsubscribe();
    expect(states).toEqual(['syncing', 'idle']);
  });
});
