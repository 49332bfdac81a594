/**
 * Sync benchmarks (ARCHITECTURE.md §9), run by `npm run bench`; figures, never pass/fail.
 *
 *   5,000 queued orders through a 400 kbps / 400 ms RTT link (budget ≤ 60 s, ≤ 150 bytes per order)
 *   the same through a 2G-like link (~20 kbps, 600 ms RTT, 3% of requests lost)
 *   the county holding 500 kiosks syncing at once (budget p95 ≤ 250 ms), on PGlite and, when
 *   DATABASE_URL is set, PostgreSQL with admission control and without it (bench-crowd.ts)
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ulid } from 'ulid';
import { recordAction } from '../app/store/outbox';
import { startKioskRig, startRigCounty, type CountyHandle } from '../tests/support/sync-rig';
import { crowd, crowdLine } from './bench-crowd';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function queuedOrders(
  county: CountyHandle,
  label: string,
  link: { bytesPerSecond: number; rttMs: number; faultRate?: number },
  orders: number,
): Promise<void> {
  const rig = await startKioskRig(county, {
    link: { ...link, seed: 3, faults: ['drop-request', 'drop-response'] },
    name: `bench-${label}`,
    timeoutMs: 60_000,
  });
  try {
    // Steady state first: the catalogue is already on the kiosk, as it is after the first day.
    rig.link.setFaultRate(0);
    const pullStart = Date.now();
    while ((await rig.engine.runOnce()).kind !== 'ok');
    const pullMs = Date.now() - pullStart;
    const pulledBytes = rig.link.bytesDown;
    for (let i = 0; i < orders; i++) {
      const orderId = `bench-${label}-${i}`;
      const qty = 1 + (i % 4);
      const unit = 1000 + ((i * 37) % 20000);
      await recordAction(rig.db, {
        table: 'sideEffects',
        row: { id: orderId, kind: 'print', status: 'pending', createdAt: '', ref: orderId },
        type: 'order.placed',
        payload: {
          orderId,
          phone: `138${String(10_000_000 + i).slice(-8)}`,
          lines: [
            { itemId: `sku-0${10001 + (i % 2000)}`, name: `商品 ${i % 2000}`, qty, unitPriceFen: unit },
          ],
          totalFen: qty * unit,
          payment: i % 5 === 0 ? 'epay' : 'cash',
        },
        newId: ulid,
      });
    }
    rig.link.setFaultRate(link.faultRate ?? 0);
    const up0 = rig.link.bytesUp;
    const down0 = rig.link.bytesDown;
    const t0 = Date.now();
    let cycles = 0;
    while ((await rig.db.outbox.count()) > 0 && cycles < 500) {
      await rig.engine.runOnce({ pull: false });
      cycles++;
    }
    const seconds = (Date.now() - t0) / 1000;
    const up = rig.link.bytesUp - up0;
    const down = rig.link.bytesDown - down0;
    say(
      `${label.padEnd(34)} ${orders} orders in ${seconds.toFixed(1)} s, ${(up / orders).toFixed(1)} bytes/order up ` +
        `(+${(down / orders).toFixed(1)} down), ${cycles} cycles; first catalogue pull ${(pullMs / 1000).toFixed(1)} s, ` +
        `${Math.round(pulledBytes / 1024)} KiB`,
    );
  } finally {
    await rig.close();
  }
}

export async function benchSync(): Promise<void> {
  say('\nsync');
  const county = await startRigCounty();
  try {
    if (process.env.BENCH_SKIP_LINK !== '1')
      await queuedOrders(county, '400 kbps / 400 ms RTT', { bytesPerSecond: 50_000, rttMs: 400 }, 5000);
    if (process.env.BENCH_SKIP_LINK !== '1' && process.env.BENCH_SKIP_2G !== '1')
      await queuedOrders(
        county,
        '2G: 20 kbps / 600 ms, 3% loss',
        { bytesPerSecond: 2_500, rttMs: 600, faultRate: 0.03 },
        5000,
      );
    if (process.env.BENCH_SKIP_PGLITE_CROWD !== '1') await crowds(county, 'county on PGlite');
  } finally {
    await county.close();
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    say('county on PostgreSQL: skipped (set DATABASE_URL)');
    return;
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // Admission control at its default, and switched off (the figures before it was built).
    for (const [label, admission] of [
      ['county on PostgreSQL', undefined],
      ['county on PostgreSQL, no admission', { maxInFlight: 10_000 }],
    ] as const) {
      const schema = `vpk_bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      const pgCounty = await startRigCounty({ databaseUrl: u.toString(), ...(admission && { admission }) });
      try {
        await crowds(pgCounty, label);
      } finally {
        await pgCounty.close();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      }
    }
  } finally {
    await admin.end();
  }
}

/** 500 kiosks arriving over 10 s (a morning as the links come up), then all at one instant (the county back after an outage). */
async function crowds(county: CountyHandle, label: string): Promise<void> {
  for (const spreadMs of [10_000, 0]) {
    const r = await crowd(county.county, label, 500, spreadMs);
    say(crowdLine(label, 500, spreadMs, r));
  }
}

if (process.argv[1]?.endsWith('bench-sync.ts')) await benchSync();
