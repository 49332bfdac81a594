/**
 * The county holding 500 kiosks syncing (ARCHITECTURE.md §9: p95 ≤ 250 ms on two cores), driven over
 * HTTP as kiosks drive it: each pushes 5 orders, then pulls. A kiosk told 503 BUSY (admission control,
 * county/admission.ts) waits as its engine does — the larger of Retry-After and its own jittered
 * backoff — and asks again, so the figures include what admission costs the crowd, not only what it
 * saves the requests it takes.
 *
 * Reported per run: latency of every answer (the budget's figure, refusals included), of the answers
 * that did work, how many were refused, and each kiosk's time from its first request to its pull
 * done ("synced").
 */
import { ulid } from 'ulid';
import { DEMO_VILLAGE_ID, seedCounties } from '../assets/seed';
import type { Db } from '../county/db';
import { provisionDevice } from '../county/devices';
import { backoffDelay, DEFAULT_BACKOFF } from '../sync/pacing';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../sync/protocol';
import { stats, type Stats } from './bench-stats';

export interface CrowdResult {
  all: Stats;
  worked: Stats;
  synced: Stats;
  refused: number;
  errors: number;
  wallS: number;
}

export async function crowd(
  county: { url: string; db: Db },
  label: string,
  kiosks: number,
  spreadMs: number,
): Promise<CrowdResult> {
  const villages = seedCounties.flatMap((c) => c.townships.flatMap((t) => t.villages.map((v) => v.id)));
  const devices = [];
  for (let i = 0; i < kiosks; i++) {
    devices.push(
      await provisionDevice(county.db, villages[i % villages.length] ?? DEMO_VILLAGE_ID, `bench-${i}`),
    );
  }
  const headers = (token: string) => ({
    authorization: `Bearer ${token}`,
    [PROTOCOL_HEADER]: PROTOCOL_VERSION,
    'content-type': 'application/json',
  });
  // Each kiosk starts from the head of the feed (steady state).
  let cursor = '0';
  for (let more = true; more;) {
    const res = await fetch(`${county.url}/api/v1/sync/pull?cursor=${cursor}&limit=1000`, {
      headers: headers(devices[0]!.token),
    });
    const page = (await res.json()) as { cursor: string; hasMore: boolean };
    cursor = page.cursor;
    more = page.hasMore;
  }

  const all: number[] = [];
  const worked: number[] = [];
  const synced: number[] = [];
  let refused = 0;
  let errors = 0;
  const t0 = Date.now();
  await Promise.all(
    devices.map(async (d, k) => {
      await new Promise((r) => setTimeout(r, (k / kiosks) * spreadMs));
      const began = Date.now();
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
      const steps = [
        ['/api/v1/sync/push', { method: 'POST', body: JSON.stringify({ deviceId: d.deviceId, mutations }) }],
        [`/api/v1/sync/pull?cursor=${cursor}&limit=200`, { method: 'GET' }],
      ] as const;
      let failures = 0;
      for (const [path, init] of steps) {
        for (;;) {
          const s = Date.now();
          let status = 0;
          let retryAfterS = 0;
          try {
            const res = await fetch(county.url + path, { ...init, headers: headers(d.token) });
            await res.arrayBuffer();
            status = res.status;
            retryAfterS = Number(res.headers.get('retry-after') ?? 0);
          } catch {
            // a refused connection: counted as an error below (status 0)
          }
          const ms = Date.now() - s;
          all.push(ms);
          if (status === 503 && retryAfterS > 0) {
            refused++;
            failures++;
            const backoff = backoffDelay(failures, Math.random, DEFAULT_BACKOFF);
            await new Promise((r) => setTimeout(r, Math.max(backoff, retryAfterS * 1000)));
            continue;
          }
          worked.push(ms);
          if (status < 200 || status >= 300) errors++;
          break;
        }
      }
      synced.push(Date.now() - began);
    }),
  );
  return {
    all: stats(all),
    worked: stats(worked),
    synced: stats(synced),
    refused,
    errors,
    wallS: (Date.now() - t0) / 1000,
  };
}

export function crowdLine(label: string, kiosks: number, spreadMs: number, r: CrowdResult): string {
  const shape = spreadMs ? `over ${spreadMs / 1000} s` : 'at one instant';
  return (
    `${label.padEnd(40)} ${kiosks} kiosks ${shape.padEnd(14)} answers p50 ${r.all.median} / p95 ${r.all.p95} ms ` +
    `(n=${r.all.n}); work done p95 ${r.worked.p95} ms; ${r.refused} refused (503), ${r.errors} errors; ` +
    `synced p50 ${(r.synced.median / 1000).toFixed(1)} s / p95 ${(r.synced.p95 / 1000).toFixed(1)} s; ` +
    `${r.wallS.toFixed(1)} s wall`
  );
}
