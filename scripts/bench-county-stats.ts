/**
 * County statistics benchmark (issue 8), run by `npm run bench`; figures, never pass/fail.
 *
 *   a county of 600 villages (20 townships × 30) with two years of synced history, on embedded PGlite:
 *   the dashboard at county, township and village level, and the monthly report (JSON and XLSX),
 *   each through the HTTP API as the console calls it (budget: under a second)
 *
 * Generating the county takes minutes, so the database is kept in the system's temp folder and reused
 * by the next run (BENCH_STATS_FRESH=1 regenerates it). `npx tsx scripts/bench-county-stats.ts` runs it alone.
 */
import { existsSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { silentLogger } from '../common/logger';
import { openDatabase } from '../county/db';
import { generateStatsData } from '../county/generate-stats-data';
import { migrate } from '../county/migrate';
import { buildCountyServer } from '../county/server';
import { fmt, stats } from './bench-stats';

const say = (line: string) => process.stdout.write(`${line}\n`);
const COUNTY = 'bench-county';
const END = '2026-10';
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TOKEN = 'bench-admin-token-0123456789';

export async function benchCountyStats(): Promise<void> {
  const dir = join(tmpdir(), 'vpk-bench-county-stats-v1');
  if (process.env.BENCH_STATS_FRESH === '1') rmSync(dir, { recursive: true, force: true });
  const fresh = !existsSync(dir);
  const db = await openDatabase({ dataDir: dir });
  try {
    await migrate(db, silentLogger);
    const [exists] = await db.query('SELECT 1 FROM counties WHERE id = $1', [COUNTY]);
    if (!exists) {
      const t0 = Date.now();
      const gen = await generateStatsData(db, {
        countyId: COUNTY,
        countyName: '基准县',
        townships: 20,
        villagesPerTownship: 30,
        endMonth: END,
        months: 24,
        bulk: true,
      });
      await db.exec('ANALYZE');
      say(
        `county stats: generated 600 villages × 24 months, ${gen.rows.toLocaleString('en-US')} rows in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
      );
    } else if (!fresh) {
      say(`county stats: reusing the generated county in ${dir}`);
    }
    const [counts] = await db.query<{ orders: number; parcels: number }>(
      `SELECT (SELECT count(*) FROM orders WHERE county_id = $1) AS orders,
              (SELECT count(*) FROM parcels WHERE county_id = $1) AS parcels`,
      [COUNTY],
    );
    const app = buildCountyServer({
      db,
      logger: silentLogger,
      adminToken: TOKEN,
      adminUiDir: join(tmpdir(), 'none'),
      now: () => new Date('2026-11-03T04:00:00Z'),
    });
    const base = `/api/v1/admin/counties/${COUNTY}`;
    const cases: [string, string][] = [
      ['dashboard, county (24 months)', `${base}/stats/dashboard?month=${END}`],
      ['dashboard, township', `${base}/stats/dashboard?month=${END}&townshipId=${COUNTY}-t07`],
      ['dashboard, village', `${base}/stats/dashboard?month=${END}&villageId=${COUNTY}-t07-v012`],
      ['monthly report (JSON, 621 rows)', `${base}/stats/report?month=${END}`],
      ['monthly report (XLSX)', `${base}/stats/report.xlsx?month=${END}`],
    ];
    say(
      `\ncounty statistics, 600 villages, 2 years (${counts!.orders.toLocaleString('en-US')} orders, ${counts!.parcels.toLocaleString('en-US')} parcels), PGlite:`,
    );
    // PGlite runs in this process on one thread, so the process's CPU time per request is what the
    // request costs on an idle machine; wall time also counts waiting for a busy CPU (shared runners).
    say(
      `(load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs; "cpu" = this process's CPU time)`,
    );
    for (const [name, url] of cases) {
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < RUNS + 1; i++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });
        const used = process.cpuUsage(c0);
        const ms = performance.now() - t0;
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
        if (i === 0) continue; // the first call warms the cache
        wall.push(ms);
        cpu.push((used.user + used.system) / 1000);
      }
      say(fmt(name, '1000 ms', stats(wall)));
      say(fmt(`  … cpu`, '1000 ms', stats(cpu)));
    }
    await app.close();
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchCountyStats();
