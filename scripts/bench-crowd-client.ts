/**
 * The crowd of kiosks for bench-crowd.ts, in its own process: `node --import tsx
 * scripts/bench-crowd-client.ts JOB.json` prints a CrowdResult as JSON. Each kiosk pushes 5 orders,
 * then pulls; told 503 BUSY it waits as its engine does — the larger of Retry-After and its jittered
 * backoff (sync/pacing.ts) — and asks again.
 */
import { readFileSync } from 'node:fs';
import { ulid } from 'ulid';
import { backoffDelay, DEFAULT_BACKOFF } from '../sync/pacing';
import { crowdHeaders, type CrowdJob, type CrowdResult } from './bench-crowd';
import { stats } from './bench-stats';

export async function runCrowd(job: CrowdJob): Promise<CrowdResult> {
  const { url, cursor, label, spreadMs, devices } = job;
  const kiosks = devices.length;
  const headers = crowdHeaders;
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
            const res = await fetch(url + path, { ...init, headers: headers(d.token) });
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

if (process.argv[1]?.endsWith('bench-crowd-client.ts')) {
  const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as CrowdJob;
  process.stdout.write(JSON.stringify(await runCrowd(job)));
}
