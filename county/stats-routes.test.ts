import ExcelJS from 'exceljs';
import { seedCounties } from '../assets/seed';
import type { Db } from './db';
import { generateStatsData, sumTotals, type GeneratedCounty } from './generate-stats-data';
import { REPORT_COLUMNS, type MonthlyReport } from './report-columns';
import type { CountyServer } from './server';
import type { DashboardResponse } from './stats-routes';
import { envelope, openTestDb, orderPayload, PROTOCOL_HEADERS } from './testing';
import {
  ADMIN_HEADERS as admin,
  enrolKiosk,
  pullAsKiosk,
  testCountyServer,
  type TestKiosk,
} from './testing-server';

const GEN = 'gen-api';
const base = `/api/v1/admin/counties/${GEN}`;
const NOW = new Date('2026-11-03T04:00:00Z');
const MONTH = '2026-09';

interface OrderRow {
  id: string;
  villageId: string;
  phone: string;
  status: string;
  totalFen: number;
  settledTotalFen: number | null;
}

describe('statistics API and console lists', () => {
  let db: Db;
  let app: CountyServer;
  let gen: GeneratedCounty;
  const get = async <T>(url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };

  beforeAll(async () => {
    db = await openTestDb({ seed: true });
    gen = await generateStatsData(db, {
      countyId: GEN,
      townships: 2,
      villagesPerTownship: 3,
      endMonth: '2026-10',
      months: 14,
      ordersPerMonth: 15,
      seed: 11,
    });
    app = testCountyServer(db, { now: () => NOW });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('reports a month whose orders reconcile with the order list of that month', async () => {
    const report = await get<MonthlyReport>(`${base}/stats/report?month=${MONTH}`);
    // The order list as county staff page through it: CST days of the month, 1000 a page.
    const orders: OrderRow[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await get<OrderRow[]>(
        `${base}/orders?from=${MONTH}-01&to=2026-10-01&limit=1000&offset=${offset}`,
      );
      orders.push(...page);
      if (page.length < 1000) break;
    }
    const counted = orders.filter((o) => o.status !== 'cancelled' && o.status !== 'rejected');
    const fen = (rows: OrderRow[]) => rows.reduce((sum, o) => sum + (o.settledTotalFen ?? o.totalFen), 0);
    expect(report.rows.map((r) => r.level)).toEqual([
      'county',
      'township',
      'village',
      'village',
      'village',
      'township',
      'village',
      'village',
      'village',
    ]);
    const [county] = report.rows;
    expect(county!.figures.orders).toEqual({ n: counted.length, fen: fen(counted) });
    expect(county!.figures.buyers).toBe(new Set(orders.map((o) => o.phone)).size);
    for (const row of report.rows.filter((r) => r.level === 'village')) {
      const mine = counted.filter((o) => o.villageId === row.villageId);
      expect(row.figures.orders).toEqual({ n: mine.length, fen: fen(mine) });
    }
    // …and the list itself is what the generator wrote for that month.
    const all = gen.townships.flatMap((t) => t.villages.map((v) => v.id));
    expect(fen(counted)).toBe(sumTotals(gen, all, MONTH).ordersFen);
  });

  it('downloads the report as an XLSX whose cells hold the same figures', async () => {
    const report = await get<MonthlyReport>(`${base}/stats/report?month=${MONTH}`);
    const res = await app.inject({
      method: 'GET',
      url: `${base}/stats/report.xlsx?month=${MONTH}`,
      headers: admin,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('月度报送'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(REPORT_COLUMNS.map((c) => c.header));
    const col = (name: string) => REPORT_COLUMNS.findIndex((c) => c.header === name) + 1;
    report.rows.forEach((row, i) => {
      const cells = sheet.getRow(4 + i);
      expect(Math.round(Number(cells.getCell(col('交易额（元）')).value) * 100)).toBe(
        row.figures.transactions.fen,
      );
      expect(Math.round(Number(cells.getCell(col('代购金额（元）')).value) * 100)).toBe(
        row.figures.orders.fen,
      );
      expect(cells.getCell(col('进港包裹')).value).toBe(row.figures.parcelsIn);
      expect(cells.getCell(col('村')).value ?? '').toBe(row.villageName);
    });
  });

  it('downloads the report as CSV in UTF-8 with a byte-order mark, one line per row', async () => {
    const report = await get<MonthlyReport>(`${base}/stats/report?month=${MONTH}`);
    const res = await app.inject({
      method: 'GET',
      url: `${base}/stats/report.csv?month=${MONTH}`,
      headers: admin,
    });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]!.split(',')).toEqual(REPORT_COLUMNS.map((c) => c.header));
    expect(lines).toHaveLength(1 + report.rows.length);
    const amount = lines[1]!.split(',')[REPORT_COLUMNS.findIndex((c) => c.header === '代购金额（元）')]!;
    expect(Math.round(Number(amount) * 100)).toBe(report.rows[0]!.figures.orders.fen);
  });

  it('drills down from the county to a township to a village', async () => {
    const county = await get<DashboardResponse>(`${base}/stats/dashboard?month=2026-10`);
    expect(county.level).toBe('county');
    expect(county.series).toHaveLength(24);
    expect(county.children.map((c) => c.id)).toEqual(gen.townships.map((t) => t.id));
    const t = gen.townships[1]!;
    const township = await get<DashboardResponse>(`${base}/stats/dashboard?month=2026-10&townshipId=${t.id}`);
    expect(township.level).toBe('township');
    expect(township.children.map((c) => c.id)).toEqual(t.villages.map((v) => v.id));
    expect(township.series.at(-1)).toEqual(county.children[1]!.figures);
    const v = t.villages[2]!;
    const village = await get<DashboardResponse>(`${base}/stats/dashboard?month=2026-10&villageId=${v.id}`);
    expect(village).toMatchObject({
      level: 'village',
      township: { id: t.id },
      village: { id: v.id },
      children: [],
    });
    expect(village.series.at(-1)).toEqual(township.children[2]!.figures);
    expect(village.series.at(-1)!.orders.fen).toBe(sumTotals(gen, [v.id], '2026-10').ordersFen);
  });

  it('refuses a bad month, an unknown village and a missing token, and changes nothing', async () => {
    const bad = await app.inject({
      method: 'GET',
      url: `${base}/stats/dashboard?month=2026-13`,
      headers: admin,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('YYYY-MM');
    const unknown = await app.inject({
      method: 'GET',
      url: `${base}/stats/dashboard?villageId=nope`,
      headers: admin,
    });
    expect(unknown.statusCode).toBe(404);
    const anonymous = await app.inject({ method: 'GET', url: `${base}/stats/report?month=${MONTH}` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('records new jobs entered by staff and counts them in the month', async () => {
    const village = gen.townships[0]!.villages[0]!.id;
    const month = '2026-10';
    const before = await get<DashboardResponse>(
      `${base}/stats/dashboard?month=${month}&villageId=${village}`,
    );
    const refused = await app.inject({
      method: 'POST',
      url: `${base}/job-records`,
      headers: admin,
      payload: { villageId: village, month: '2026-1', jobs: 2 },
    });
    expect(refused.statusCode).toBe(400);
    const created = await app.inject({
      method: 'POST',
      url: `${base}/job-records`,
      headers: admin,
      payload: { villageId: village, month, jobs: 4, note: '快递收发员' },
    });
    expect(created.statusCode).toBe(201);
    const after = await get<DashboardResponse>(`${base}/stats/dashboard?month=${month}&villageId=${village}`);
    expect(after.series.at(-1)!.jobs).toBe(before.series.at(-1)!.jobs + 4);
    expect(after.series.at(-1)!.jobsToDate).toBe(before.series.at(-1)!.jobsToDate + 4);
    const id = created.json<{ id: string }>().id;
    expect(
      (await app.inject({ method: 'DELETE', url: `${base}/job-records/${id}`, headers: admin })).statusCode,
    ).toBe(204);
    const gone = await get<DashboardResponse>(`${base}/stats/dashboard?month=${month}&villageId=${village}`);
    expect(gone.series.at(-1)!.jobs).toBe(before.series.at(-1)!.jobs);
  });

  describe('with real terminals of a seeded county', () => {
    const county = seedCounties[0]!;
    const [villageA, villageB] = county.townships[0]!.villages;
    const seeded = `/api/v1/admin/counties/${county.id}`;
    const kiosks: TestKiosk[] = [];
    /** Everything new for a kiosk since its last pull (it keeps its cursor, as a kiosk does). */
    const pull = (k: TestKiosk) => pullAsKiosk(app, k);

    beforeAll(async () => {
      for (const v of [villageA!, villageB!]) kiosks.push(await enrolKiosk(app, db, v.id, v.name));
    });

    it('shows the version and unsynced backlog a terminal reports on push, and counts it active', async () => {
      const [k] = kiosks;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: {
          ...PROTOCOL_HEADERS,
          authorization: `Bearer ${k!.token}`,
          'x-vpk-pending': '17',
          'x-vpk-app-version': '0.1.0',
        },
        payload: {
          deviceId: k!.deviceId,
          mutations: [envelope('order.placed', orderPayload('o-backlog'), 1)],
        },
      });
      expect(res.statusCode).toBe(200);
      const terminals = await get<{ id: string; pendingBacklog: number | null; appVersion: string | null }[]>(
        `${seeded}/terminals`,
      );
      expect(terminals.find((t) => t.id === k!.deviceId)).toMatchObject({
        pendingBacklog: 17,
        appVersion: '0.1.0',
      });
      expect(terminals.find((t) => t.id === kiosks[1]!.deviceId)).toMatchObject({ pendingBacklog: null });
      // A malformed header is ignored, never a failed sync.
      const odd = await app.inject({
        method: 'GET',
        url: `/api/v1/sync/pull?cursor=${k!.cursor}`,
        headers: { ...PROTOCOL_HEADERS, authorization: `Bearer ${k!.token}`, 'x-vpk-pending': 'lots' },
      });
      expect(odd.statusCode).toBe(200);
      const [row] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM device_activity_month WHERE device_id = $1 AND month = '2026-11-01'`,
        [k!.deviceId],
      );
      expect(row!.n).toBe(1);
    });

    it('publishes a notice with target villages to those villages’ kiosks only', async () => {
      const [a, b] = kiosks;
      const refused = await app.inject({
        method: 'POST',
        url: `${seeded}/notices`,
        headers: admin,
        payload: {
          title: '停电通知',
          body: '明日停电',
          category: 'service',
          villageIds: ['no-such-village'],
        },
      });
      expect(refused.statusCode).toBe(404);
      const res = await app.inject({
        method: 'POST',
        url: `${seeded}/notices`,
        headers: admin,
        payload: {
          title: '停电通知',
          body: '明日 9 时至 12 时停电',
          category: 'service',
          urgent: true,
          villageIds: [villageA!.id],
        },
      });
      expect(res.statusCode).toBe(201);
      const notice = res.json<{ id: string; villageIds: string[] }>();
      expect(notice.villageIds).toEqual([villageA!.id]);
      const seenA = (await pull(a!)).filter((c) => c.entity === 'notice' && c.id === notice.id);
      const seenB = (await pull(b!)).filter((c) => c.entity === 'notice' && c.id === notice.id);
      expect(seenA.at(-1)).toMatchObject({ op: 'upsert', data: { title: '停电通知', urgent: true } });
      expect(seenB.every((c) => c.op === 'delete')).toBe(true);
      // Widened to the whole county: now B gets it too.
      await app.inject({
        method: 'PUT',
        url: `${seeded}/notices/${notice.id}`,
        headers: admin,
        payload: { title: '停电通知', body: '明日 9 时至 12 时停电', category: 'service', urgent: true },
      });
      expect((await pull(b!)).filter((c) => c.id === notice.id).at(-1)).toMatchObject({ op: 'upsert' });
      const listed = await get<{ id: string; villageIds: string[] }[]>(`${seeded}/notices`);
      expect(listed.find((n) => n.id === notice.id)!.villageIds).toEqual([]);
      const notices = await db.query(`SELECT 1 FROM notices WHERE title = '停电通知'`);
      expect(notices).toHaveLength(1); // the refused one wrote nothing
    });
  });
});
