/**
 * Property: whatever the network does and however often the kiosk restarts or crashes mid-request,
 * once the link heals every recorded mutation is at the county exactly once, in seq order per device,
 * or (if the county refused it) in the kiosk's `rejected` table — and the outbox is empty.
 * And what the county published is on the kiosk, each row at its latest version.
 * Seeded (Actual Budget's sync.property.test.ts habit): a failing seed replays exactly.
 */
import { FakeCounty } from './fake-county';
import {
  IDBFactory,
  MemoryLocks,
  createTestKiosk,
  faultyTransport,
  recordOrder,
  seededRandom,
  type Fault,
  type TestKiosk,
} from './testing';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const STEPS = 80;

// The runs must actually have hit the cases they are about.
const seen = { crashes: 0, resent: 0, recordedMidCycle: 0 };

async function run(seed: number): Promise<void> {
  const rnd = seededRandom(seed);
  const county = new FakeCounty();
  const factory = new IDBFactory();
  let healed = false;
  let crash: (() => void) | undefined;

  const linkMood = (): Fault => {
    if (healed) return 'ok';
    const r = rnd();
    if (r < 0.1) return 'dropRequest';
    if (r < 0.2) return 'dropResponse'; // the county committed; the kiosk never hears of it
    if (r < 0.25) return 'timeout';
    if (r < 0.3) return 'malformed';
    if (r < 0.34) return 'hang'; // the county committed; the kiosk dies waiting
    return 'ok';
  };
  const boot = (): TestKiosk =>
    createTestKiosk({
      county,
      factory,
      name: 'prop',
      locks: new MemoryLocks(), // a dead page's locks die with it
      random: rnd,
      options: {
        push: { initial: 1 + Math.floor(rnd() * 5), min: 1, max: 8, targetMs: 3000 },
        pull: { initial: 3, min: 1, max: 5, targetMs: 3000 },
      },
      wrap: (t) =>
        faultyTransport(t, () => {
          const mood = linkMood();
          if (mood === 'hang') queueMicrotask(() => crash?.());
          return mood;
        }),
    });

  let kiosk = boot();
  const recorded = new Map<string, boolean>(); // mutation id -> valid
  const published = new Map<string, number>(); // category id -> last published sort
  let next = 1;

  const record = async (count: number) => {
    for (let n = count; n > 0; n--) {
      const valid = rnd() > 0.1;
      const entry = await recordOrder(kiosk.db, next++, valid);
      recorded.set(entry.id, valid);
    }
  };

  /** One cycle; `meanwhile` runs while it is in flight (villagers do not wait for the link). */
  const cycle = async (meanwhile?: () => Promise<void>) => {
    const crashed = new Promise<'crashed'>((resolve) => (crash = () => resolve('crashed')));
    const running = Promise.race([kiosk.engine.runOnce(), crashed]);
    if (meanwhile) await meanwhile();
    const outcome = await running;
    crash = undefined;
    if (outcome === 'crashed') {
      seen.crashes++;
      kiosk.db.close(); // the page died mid-request: no ack, no cleanup
      kiosk = boot();
    }
    return outcome;
  };

  for (let step = 0; step < STEPS; step++) {
    const r = rnd();
    if (r < 0.4) {
      await record(1 + Math.floor(rnd() * 5));
    } else if (r < 0.5) {
      const id = `cat-${Math.floor(rnd() * 20)}`;
      const sort = Math.floor(rnd() * 10_000);
      county.publish('category', id, { id, name: `类${sort}`, nameEn: 'c', icon: 'x', sort });
      published.set(id, sort);
    } else if (r < 0.7) {
      await cycle();
    } else if (r < 0.9) {
      await cycle(async () => {
        const before = recorded.size;
        await record(1 + Math.floor(rnd() * 3));
        seen.recordedMidCycle += recorded.size - before;
      });
    } else {
      await kiosk.engine.stop(); // a clean restart (update, operator reload)
      kiosk.db.close();
      kiosk = boot();
    }
  }

  healed = true;
  for (let i = 0; i < 50 && (await kiosk.db.outbox.count()) > 0; i++) await cycle();
  expect(await cycle()).toMatchObject({ kind: 'ok' });
  seen.resent += county.pushes.flatMap((p) => p.mutations).length - county.log.size;

  // At the county: every valid mutation exactly once, in seq order.
  const applied = county.appliedFor('dev-1');
  expect(county.orderViolations).toEqual([]);
  expect(new Set(applied.map((m) => m.id)).size).toBe(applied.length);
  expect(applied.map((m) => m.seq)).toEqual([...applied.map((m) => m.seq)].sort((a, b) => a - b));
  const valid = [...recorded].filter(([, ok]) => ok).map(([id]) => id);
  const invalid = [...recorded].filter(([, ok]) => !ok).map(([id]) => id);
  expect(applied.map((m) => m.id).sort()).toEqual(valid.sort());

  // On the kiosk: nothing pending, every refusal kept with its reason.
  expect(await kiosk.db.outbox.count()).toBe(0);
  const rejected = await kiosk.db.rejected.toArray();
  expect(rejected.map((e) => e.id).sort()).toEqual(invalid.sort());
  expect(rejected.every((e) => e.reason.length > 0)).toBe(true);

  // Pulled: each published row at its latest version, the cursor at the end of the feed.
  const categories = await kiosk.db.categories.toArray();
  expect(new Map(categories.map((c) => [c.id, c.sort]))).toEqual(published);
  expect(kiosk.engine.status().cursor).toBe(String(county.feed.length));
}

describe('sync engine: property', () => {
  afterAll(() => {
    expect(seen.crashes).toBeGreaterThan(SEEDS.length);
    expect(seen.resent).toBeGreaterThan(SEEDS.length * 5);
    expect(seen.recordedMidCycle).toBeGreaterThan(SEEDS.length * 5);
  });

  it.each(SEEDS)('seed %i: exactly once, in order, nothing lost, across faults, restarts and crashes', run);
});
