/**
 * Sync benchmarks (ARCHITECTURE.md §9), run by `npm run bench`; figures, never pass/fail.
 *
 *   5,000 queued orders through a 400 kbps / 400 ms RTT link (budget ≤ 60 s, ≤ 150 bytes per order)
 *   the same through a 2G-like link (~20 kbps, 600 ms RTT, 3% of requests lost)
 *   the county holding 500 kiosks syncing at once (budget p95 ≤ 250 ms), on PGlite and, when
 *   DATABASE_URL is set, PostgreSQL
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ulid } from 'ulid';
import { DEMO_VILLAGE_ID, seedCounties } from '../assets/seed';
import { recordAction } from '../app/store/outbox';
import { provisionDevice } from '../county/devices';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../sync/protocol';
import { startKioskRig, startRigCounty, type CountyHandle } from '../tests/support/sync-rig';

const say = (line: string) => process.stdout.write(`${line}\n`);

function stats(samples: number[]): { median: number; p95: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95), n: s.length };
}

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

/**
 * 500 kiosks syncing: `spreadMs` 0 is the worst case (every kiosk at the same instant, e.g. the
 * county coming back after an outage); 10 s is a morning peak as the links come up.
 */
async function manyKiosks(
  county: CountyHandle,
  label: string,
  kiosks: number,
  spreadMs: number,
): Promise<void> {
  const villages = seedCounties.flatMap((c) => c.townships.flatMap((t) => t.villages.map((v) => v.id)));
  const devices = [];
  for (let i = 0; i < kiosks; i++) {
    devices.push(
      await provisionDevice(county.county.db, villages[i % villages.length] ?? DEMO_VILLAGE_ID, `bench-${i}`),
    );
  }
  // Each kiosk starts from the head of the feed (steady state), then pushes 5 orders and pulls.
  const base = county.county.url;
  const headers = (token: string) => ({
    authorization: `Bearer ${token}`,
    [PROTOCOL_HEADER]: PROTOCOL_VERSION,
    'content-type': 'application/json',
  });
  const head = async (token: string) => {
    let cursor = '0';
    for (;;) {
      const res = await fetch(`${base}/api/v1/sync/pull?cursor=${cursor}&limit=1000`, {
        headers: headers(token),
      });
      const page = (await res.json()) as { cursor: string; hasMore: boolean };
      cursor = page.cursor;
      if (!page.hasMore) return cursor;
    }
  };
  const cursors = await Promise.all(devices.slice(0, 1).map((d) => head(d.token)));
  const latencies: number[] = [];
  let errors = 0;
  const t0 = Date.now();
  await Promise.all(
    devices.map(async (d, k) => {
      await new Promise((r) => setTimeout(r, (k / kiosks) * spreadMs));
      const mutations = Array.from({ length: 5 }, (_, j) => ({
        id: ulid(),
        seq: j + 1,
        type: 'order.placed',
        at: new Date().toISOString(),
        payload: {
          orderId: `load-${label}-${k}-${j}`,
          phone: '13900139000',
          lines: [{ itemId: 'sku-010001', name: '尿素', qty: 1, unitPriceFen: 13500 }],
          totalFen: 13500,
          payment: 'cash',
        },
      }));
      for (const [path, init] of [
        ['/api/v1/sync/push', { method: 'POST', body: JSON.stringify({ deviceId: d.deviceId, mutations }) }],
        [`/api/v1/sync/pull?cursor=${cursors[0]}&limit=200`, { method: 'GET' }],
      ] as const) {
        const s = Date.now();
        try {
          const res = await fetch(base + path, { ...init, headers: headers(d.token) });
          await res.arrayBuffer();
          if (!res.ok) errors++;
        } catch {
          errors++;
        }
        latencies.push(Date.now() - s);
      }
    }),
  );
  const r = stats(latencies);
  say(
    `${label.padEnd(34)} ${kiosks} kiosks ${spreadMs ? `over ${spreadMs / 1000} s` : 'at one instant'}: p50 ${r.median} ms, p95 ${r.p95} ms over ${r.n} requests, ` +
      `${errors} errors, ${((Date.now() - t0) / 1000).toFixed(1)} s wall`,
  );
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
    await manyKiosks(county, 'county on PGlite', 500, 10_000);
    await manyKiosks(county, 'county on PGlite', 500, 0);
  } finally {
    await county.close();
  }
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `vpk_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    const pgCounty = await startRigCounty({ databaseUrl: u.toString() });
    try {
      await manyKiosks(pgCounty, 'county on PostgreSQL', 500, 10_000);
      await manyKiosks(pgCounty, 'county on PostgreSQL', 500, 0);
    } finally {
      await pgCounty.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  } else {
    say('county on PostgreSQL: skipped (set DATABASE_URL)');
  }
}

if (process.argv[1]?.endsWith('bench-sync.ts')) await benchSync();
