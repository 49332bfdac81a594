/**
 * The county console in real Chromium against the county service (in this process, embedded PGlite,
 * the built console from dist/county-admin): sign in, open the dashboard for a month, drill from the
 * county into a township and a village, then download the month's report as XLSX and read it back.
 * The figures are checked against the generator's own tally, not against the server's answers.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { silentLogger } from '../../common/logger';
import type { Db } from '../../county/db';
import { generateStatsData, sumTotals, type GeneratedCounty } from '../../county/generate-stats-data';
import { REPORT_COLUMNS } from '../../county/report-columns';
import { buildCountyServer, type CountyServer } from '../../county/server';
import { fenText } from '../../county/stats-format';
import { openTestDb } from '../../county/testing';
import { hasChromium, suiteCanRun } from '../support/suites';
import { launchChromium } from './product';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');

const TOKEN = 'e2e-console-token-0123456789abcdef';
const MONTH = '2026-10';

describe.skipIf(!canRun)('county console (统计看板, 月度报送)', () => {
  let db: Db;
  let app: CountyServer;
  let browser: Browser;
  let page: Page;
  let url: string;
  let gen: GeneratedCounty;
  const total = (ids: string[]) => {
    const t = sumTotals(gen, ids, MONTH);
    return t.ordersFen + t.produceFen + t.billsFen + t.ticketsFen + t.salesFen;
  };
  const allVillages = () => gen.townships.flatMap((t) => t.villages.map((v) => v.id));

  beforeAll(async () => {
    db = await openTestDb();
    gen = await generateStatsData(db, {
      countyId: 'gen-e2e',
      countyName: '示范县',
      townships: 2,
      villagesPerTownship: 3,
      endMonth: MONTH,
      months: 14,
      ordersPerMonth: 10,
      seed: 3,
      bulk: true,
    });
    app = buildCountyServer({
      db,
      logger: silentLogger,
      adminToken: TOKEN,
      now: () => new Date('2026-11-03T04:00:00Z'),
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it('signs in, shows the month against its targets, and drills down to a village', async () => {
    await page.goto(url);
    await page.getByLabel('管理令牌').fill(TOKEN);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '统计看板' }).click();
    await page.getByLabel('统计月份').fill(MONTH);
    await page.getByRole('heading', { name: `示范县 · ${MONTH} 统计` }).waitFor();

    const kpi = (label: string) => page.locator(`[data-kpi="${label}"] dd`);
    expect(await kpi('交易额').textContent()).toBe(fenText(total(allVillages())));
    // Charts are drawn (ECharts on canvas), not just placeholders.
    await page.getByRole('img', { name: '交易额与交易笔数' }).locator('canvas').first().waitFor();

    const township = gen.townships[1]!;
    await page.getByRole('link', { name: township.name, exact: true }).click();
    await page.getByRole('heading', { name: `${township.name} · ${MONTH} 统计` }).waitFor();
    expect(await kpi('交易额').textContent()).toBe(fenText(total(township.villages.map((v) => v.id))));

    const village = township.villages[1]!;
    await page.getByRole('link', { name: village.name, exact: true }).click();
    await page.getByRole('heading', { name: `${village.name} · ${MONTH} 统计` }).waitFor();
    expect(await kpi('交易额').textContent()).toBe(fenText(total([village.id])));
    expect(await kpi('进港 / 出港包裹').textContent()).toBe(
      `${sumTotals(gen, [village.id], MONTH).parcelsIn} / ${sumTotals(gen, [village.id], MONTH).parcelsOut}`,
    );
    // The breadcrumb leads back up.
    await page.getByRole('navigation', { name: '层级' }).getByRole('link', { name: '示范县' }).click();
    await page.getByRole('heading', { name: `示范县 · ${MONTH} 统计` }).waitFor();
  });

  it('downloads the monthly report as an XLSX whose figures are the month’s', async () => {
    await page.getByRole('link', { name: '本月报送表 ›' }).click();
    await page.getByRole('heading', { name: `示范县 电子商务进农村综合示范 · ${MONTH} 月度报送` }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`示范县-${MONTH}-月度报送.xlsx`);
    const file = join(mkdtempSync(join(tmpdir(), 'vpk-report-')), 'report.xlsx');
    await download.saveAs(file);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    const col = (name: string) => REPORT_COLUMNS.findIndex((c) => c.header === name) + 1;
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => {
      if (n < 4) return;
      const level = row.getCell(col('级别')).text;
      const name = level === '全县' ? '全县' : row.getCell(col(level === '乡镇' ? '乡镇' : '村')).text;
      if (level) rows.set(name, row);
    });
    const fen = (row: ExcelJS.Row, header: string) =>
      Math.round(Number(row.getCell(col(header)).value) * 100);
    expect(fen(rows.get('全县')!, '交易额（元）')).toBe(total(allVillages()));
    for (const t of gen.townships) {
      expect(fen(rows.get(t.name)!, '交易额（元）')).toBe(total(t.villages.map((v) => v.id)));
      for (const v of t.villages) {
        const expected = sumTotals(gen, [v.id], MONTH);
        expect(fen(rows.get(v.name)!, '代购金额（元）')).toBe(expected.ordersFen);
        expect(rows.get(v.name)!.getCell(col('代购笔数')).value).toBe(expected.orders);
      }
    }
    // The printable page shows the same table.
    const printed = page.locator('table.report-table tbody tr');
    expect(await printed.count()).toBe(1 + gen.townships.length + allVillages().length);
  });

  it('fails a bill payment with a refund from its detail page, and the month no longer counts it', async () => {
    await page.getByRole('link', { name: '缴费充值', exact: true }).click();
    const filtered = page.waitForResponse((r) => r.url().includes('/bill-intents?status=pending'));
    await page.getByLabel('状态').selectOption({ label: '待处理' });
    await filtered;
    await page.locator('table tbody tr').first().getByText('待处理').waitFor();
    const first = page.locator('table tbody tr').first().getByRole('link');
    const id = (await first.textContent())!;
    const [bill] = await db.query<{ paid: number; month: string }>(
      `SELECT paid_cash_fen AS paid, left(stats_month(received_at)::text, 7) AS month FROM bill_intents
       WHERE county_id = 'gen-e2e' AND id = $1 AND status = 'pending'`,
      [id],
    );
    expect(bill).toBeDefined();
    const countBills = async () =>
      (
        await db.query<{ n: number }>(
          `SELECT coalesce(sum(n), 0)::int AS n FROM stats_village_month
         WHERE county_id = 'gen-e2e' AND metric = 'bill' AND month = $1::date`,
          [`${bill!.month}-01`],
        )
      )[0]!.n;
    const before = await countBills();
    await first.click();
    await page.getByRole('heading', { name: `缴费充值 · ${id}` }).waitFor();
    const form = page.getByRole('form', { name: '缴费失败并退款' });
    await form.getByRole('button', { name: '缴费失败并退款' }).click();
    await form.getByText('请填写原因').waitFor(); // nothing sent without a reason
    await form.getByLabel('原因').fill('户号不存在');
    await form.getByRole('button', { name: '缴费失败并退款' }).click();
    await form.getByText('缴费失败并退款：已完成').waitFor();
    const [after] = await db.query<{ status: string; refund: number }>(
      `SELECT status, refund_fen AS refund FROM bill_intents WHERE county_id = 'gen-e2e' AND id = $1`,
      [id],
    );
    expect(after).toEqual({ status: 'failed', refund: bill!.paid });
    expect(await countBills()).toBe(before - 1);
  });

  it('uploads a carrier’s parcel manifest for a village and lists it as not yet arrived', async () => {
    const village = gen.townships[0]!.villages[2]!;
    await page.getByRole('link', { name: '包裹清单', exact: true }).click();
    await page.getByText('上传快递公司清单').click();
    const form = page.getByRole('form', { name: '上传清单' });
    await form.getByLabel('村').selectOption(village.id);
    await form.getByLabel('文件').setInputFiles({
      name: 'manifest.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'waybill,carrier,phone,recipientName\nYT9988776655,圆通,13912345678,王大爷\n',
        'utf8',
      ),
    });
    await form.getByRole('button', { name: '上传清单' }).click();
    await form.getByText(/上传清单：已导入/).waitFor();
    const row = page.locator('table tbody tr', { hasText: 'YT9988776655' });
    await row.waitFor();
    expect(await row.textContent()).toContain(village.name);
    expect(await row.textContent()).toContain('未到');
  });
});
