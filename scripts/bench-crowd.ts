/**
 * The county holding 500 kiosks syncing (ARCHITECTURE.md §9: p95 ≤ 250 ms on two cores), driven over
 * HTTP from another process (bench-crowd-client.ts) as kiosks drive it: each pushes 5 orders, then
 * pulls. A kiosk told 503 BUSY (admission control, county/admission.ts) waits as its engine does —
 * the larger of Retry-After and its own jittered backoff — and asks again, so the figures include
 * what admission costs the crowd, not only what it saves the requests it takes.
 *
 * Reported per run: latency of every answer (the budget's figure, refusals included), of the answers
 * that did work, how many were refused, and each kiosk's time from its first request to its pull
 * done ("synced").
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_VILLAGE_ID, seedCounties } from '../assets/seed';
import type { Db } from '../county/db';
import { provisionDevice } from '../county/devices';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../sync/protocol';
import type { Stats } from './bench-stats';

export interface CrowdJob {
  url: string;
  cursor: string;
  label: string;
  spreadMs: number;
  devices: { deviceId: string; token: string }[];
}

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
  // Each kiosk starts from the head of the feed (steady state).
  let cursor = '0';
  for (let more = true; more;) {
    const res = await fetch(`${county.url}/api/v1/sync/pull?cursor=${cursor}&limit=1000`, {
      headers: crowdHeaders(devices[0]!.token),
    });
    const page = (await res.json()) as { cursor: string; hasMore: boolean };
    cursor = page.cursor;
    more = page.hasMore;
  }

  // The crowd runs in its own process, as kiosks are other machines: its 500 sockets and timers must
  // not share the county's event loop (they did before, and inflated every figure).
  const dir = mkdtempSync(join(tmpdir(), 'vpk-crowd-'));
  const jobFile = join(dir, 'job.json');
  const job: CrowdJob = {
    url: county.url,
    cursor,
    label,
    spreadMs,
    devices: devices.map(({ deviceId, token }) => ({ deviceId, token })),
  };
  writeFileSync(jobFile, JSON.stringify(job));
  try {
    const client = fileURLToPath(new URL('./bench-crowd-client.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', client, jobFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`crowd client exited with ${code}`);
    return JSON.parse(out) as CrowdResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const crowdHeaders = (token: string) => ({
  authorization: `Bearer ${token}`,
  [PROTOCOL_HEADER]: PROTOCOL_VERSION,
  'content-type': 'application/json',
});

export function crowdLine(label: string, kiosks: number, spreadMs: number, r: CrowdResult): string {
  const shape = spreadMs ? `over ${spreadMs / 1000} s` : 'at one instant';
  return (
    `${label.padEnd(40)} ${kiosks} kiosks ${shape.padEnd(14)} answers p50 ${r.all.median} / p95 ${r.all.p95} ms ` +
    `(n=${r.all.n}); work done p95 ${r.worked.p95} ms; ${r.refused} refused (503), ${r.errors} errors; ` +
    `synced p50 ${(r.synced.median / 1000).toFixed(1)} s / p95 ${(r.synced.p95 / 1000).toFixed(1)} s; ` +
    `${r.wallS.toFixed(1)} s wall`
  );
}
