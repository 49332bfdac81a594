/**
 * The fault campaign for sync (issue 3 §7): the real engine, the real kiosk origin proxy and the
 * real county, with a link that drops requests, loses answers after the county committed, cuts
 * bodies, duplicates and replays stale answers and serves garbage — while the county restarts
 * mid-sync and the kiosk loses power. After each seeded run: the county holds every order exactly
 * once, the outbox is empty, nothing the villager recorded is lost, and the pulled catalogue is whole.
 *
 * Bounded for CI (SYNC_FAULT_RUNS, default 4 seeds × 30 steps); run more locally:
 *   SYNC_FAULT_RUNS=40 npx vitest run tests/integration/sync-faults
 * On PostgreSQL too when DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ulid } from 'ulid';
import { recordAction } from '../../app/store/outbox';
import type { KioskDb } from '../../app/store/db';
import { mulberry32 } from '../support/faulty-link';
import { startKioskRig, startRigCounty, type CountyHandle, type KioskRig } from '../support/sync-rig';
import { databaseUrl, requireAll } from '../support/suites';

const RUNS = Number(process.env.SYNC_FAULT_RUNS ?? 4);
const STEPS = 30;

async function recordOrder(db: KioskDb, orderId: string, qty: number): Promise<void> {
  await recordAction(db, {
    table: 'sideEffects', // the order tables arrive with the shop; the outbox contract is the same
    row: { id: orderId, kind: 'print', status: 'pending', createdAt: new Date().toISOString(), ref: orderId },
    type: 'order.placed',
    payload: {
      orderId,
      phone: '13800138000',
      lines: [{ itemId: 'sku-010001', name: '复合肥 50kg', qty, unitPriceFen: 15800 }],
      totalFen: qty * 15800,
      payment: 'cash',
    },
    newId: ulid,
  });
}

async function settle(rig: KioskRig): Promise<void> {
  rig.link.setFaultRate(0);
  for (let i = 0; i < 40; i++) {
    const result = await rig.engine.runOnce();
    const pending = await rig.db.outbox.count();
    if (result.kind === 'ok' && pending === 0) return;
  }
  throw new Error(
    `did not settle: ${JSON.stringify(rig.engine.status())}\n${rig.link.log.slice(-20).join('\n')}`,
  );
}

async function campaign(countyHandle: CountyHandle, seed: number): Promise<void> {
  const rig = await startKioskRig(countyHandle, {
    link: { seed, faultRate: 0.3 },
    name: `kiosk-${seed}`,
    timeoutMs: 4000,
  });
  const rand = mulberry32(seed * 7919);
  const recorded: string[] = [];
  let restarts = 0;
  let powerCuts = 0;
  try {
    for (let step = 0; step < STEPS; step++) {
      const r = rand();
      if (r < 0.45) {
        const orderId = `s${seed}-${rig.device.deviceId.slice(0, 8)}-${recorded.length}`;
        await recordOrder(rig.db, orderId, 1 + Math.floor(rand() * 3));
        recorded.push(orderId);
      } else if (r < 0.55) {
        powerCuts++;
        await rig.powerCycle(); // the villager's order is in IndexedDB; the engine's memory is gone
      } else if (r < 0.62 && restarts < 2) {
        restarts++;
        const cycle = rig.engine.runOnce();
        await new Promise((res) => setTimeout(res, rand() * 80));
        await countyHandle.restart(); // mid-sync: requests in flight die or finish first
        await cycle;
      } else {
        await rig.engine.runOnce();
      }
    }
    await settle(rig);
    const faults = rig.link.log.filter((l) => !l.endsWith(' ok')).length;
    process.stderr.write(
      `[sync-faults] seed ${seed}: ${recorded.length} orders, ${restarts} county restarts, ${powerCuts} power cuts, ` +
        `${faults} faults in ${rig.link.log.length} requests\n`,
    );
    // The campaign must really have hurt: a run with no faults proves nothing.
    expect(faults).toBeGreaterThan(0);

    const db = countyHandle.county.db;
    const orders = await db.query<{ id: string; n: number }>(
      `SELECT id, count(*)::int AS n FROM orders WHERE device_id = $1 GROUP BY id`,
      [rig.device.deviceId],
    );
    const context = `seed ${seed}; link log:\n${rig.link.log.join('\n')}`;
    expect(orders.map((o) => o.id).sort(), context).toEqual([...recorded].sort());
    expect(
      orders.every((o) => o.n === 1),
      context,
    ).toBe(true);
    const logged = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM mutation_log WHERE device_id = $1 AND status = 'applied'`,
      [rig.device.deviceId],
    );
    expect(logged[0]?.n, context).toBe(recorded.length);
    expect(await rig.db.outbox.count(), context).toBe(0);
    expect(await rig.db.rejected.count(), context).toBe(0);
    expect(await rig.db.sideEffects.count(), context).toBe(recorded.length); // nothing local lost

    // Pull under the same faults: the kiosk holds exactly the county's published catalogue.
    const countyItems = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM catalogue_items i JOIN devices d ON d.county_id = i.county_id
        WHERE d.id = $1 AND i.active`,
      [rig.device.deviceId],
    );
    expect(await rig.db.catalogue.count(), context).toBe(countyItems[0]?.n);
    const statuses = await rig.db.orderStatus.toArray();
    expect(
      new Set(statuses.map((s) => (s as { orderId?: string }).orderId ?? s.id)).size,
      context,
    ).toBeGreaterThanOrEqual(recorded.length);
  } finally {
    await rig.close();
  }
}

describe('sync fault campaign on PGlite', () => {
  let county: CountyHandle;
  beforeAll(async () => {
    county = await startRigCounty();
  }, 120_000);
  afterAll(() => county?.close());

  for (let seed = 1; seed <= RUNS; seed++) {
    it(
      `keeps every order exactly once through faults, restarts and power cuts (seed ${seed})`,
      () => campaign(county, seed),
      180_000,
    );
  }
});

const pgAvailable = !!databaseUrl;
if (!pgAvailable && requireAll) throw new Error('DATABASE_URL is required for the PostgreSQL fault campaign');

describe.skipIf(!pgAvailable)('sync fault campaign on PostgreSQL', () => {
  let county: CountyHandle;
  const schema = `vpk_faults_${randomBytes(5).toString('hex')}`;
  let admin: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(databaseUrl!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    county = await startRigCounty({ databaseUrl: url.toString() });
  }, 120_000);
  afterAll(async () => {
    await county?.close();
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
  });

  for (let seed = 101; seed < 101 + Math.max(1, Math.floor(RUNS / 2)); seed++) {
    it(
      `keeps every order exactly once through faults and restarts (seed ${seed})`,
      () => campaign(county, seed),
      180_000,
    );
  }
});
