/**
 * A full cash day at the point (issue 7), in real Chromium against `npm start` (bridge, simulated
 * printer, the embedded county): the operator enters the float, books in a county delivery note,
 * sells two of it at the counter by scanning; a villager places a cash order; a bill paid in cash is
 * failed by the county and refunded from the cash day; the operator counts the drawer (one yuan
 * short, with the reason) and closes. The day report is read back from the bytes the emulated
 * printer decoded, and the county holds the close, the sale and the received delivery note.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type * as Axe from 'axe-core';
import { formatFen } from '../../app/components/money';
import { hasChromium, suiteCanRun } from '../support/suites';
import { signInOperator } from './operator';
import { openKiosk, type KioskSession, type RunningProduct } from './product';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');

const COUNTY_ID = 'cn-429005';
const VILLAGE_ID = 'cn-429005-t01-v01';
const PHONE = '13800138000';
/** Notes and coins, largest first, in fen (as the count screen offers them). */
const FACES = [10000, 5000, 2000, 1000, 500, 100, 50, 10];
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical findings on the page as it is now (as accessibility.test.ts). */
async function seriousA11yFindings(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof Axe }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Receipts print the full-width yuan sign (GB18030 ￥). */
const onPaper = (fen: number) => formatFen(fen).replace('¥', '￥');

interface Item {
  id: string;
  barcode: string | null;
  name: string;
  priceFen: number;
}

describe.skipIf(!canRun)('a cash day (日结) in browser mode', () => {
  let kiosk: KioskSession;
  let product: RunningProduct;
  let page: Page;
  let context: BrowserContext;
  let item: Item;
  let orderTotalFen = 0;
  let parcelFeeFen = 0;

  beforeAll(async () => {
    ({ product } = kiosk = await openKiosk({ height: 1000 }));
    // axe is injected as a script, which the kiosk's CSP (rightly) refuses: this context bypasses it.
    context = await kiosk.browser.newContext({
      viewport: { width: 1280, height: 1000 },
      locale: 'zh-CN',
      bypassCSP: true,
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  async function admin(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Response> {
    const token = (await readFile(join(product.dataDir, 'county', 'admin-token'), 'utf8')).trim();
    return fetch(`${product.countyUrl}/api/v1/admin/counties/${COUNTY_ID}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }
  const tap = (name: string | RegExp, role: 'button' | 'radio' | 'tab' = 'button') =>
    page.getByRole(role, { name, exact: typeof name === 'string' }).click();
  const pendingZero = () =>
    expect
      .poll(() => page.locator('[data-status=pending]').innerText(), { timeout: 30_000 })
      .toContain('待同步 0 条');
  /** The link comes back: the 'online' event makes the kiosk sync (push and pull) at once. */
  async function blinkLink() {
    await context.setOffline(true);
    await context.setOffline(false);
  }
  /**
   * A keyboard-wedge scanner: the code's keys and Enter within the same millisecond, as the scanner
   * types them (Playwright's own typing goes through the protocol key by key, slower than a scanner
   * on a busy machine, and the kiosk rightly takes that for a person).
   */
  async function scan(code: string) {
    await page.evaluate(
      (keys) => {
        for (const key of keys) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
      },
      [...code, 'Enter'],
    );
  }
  const money = async (selector: string) => (await page.locator(selector).first().innerText()).trim();

  it('opens the day with a float and books in a delivery note the county published', async () => {
    const items = (await (await admin('GET', '/items?limit=400')).json()) as Item[];
    item = items.find((i) => i.barcode && i.priceFen > 0 && i.priceFen < 5000)!;
    expect(item).toBeDefined();
    const note = await admin('POST', '/delivery-notes', {
      villageId: VILLAGE_ID,
      lines: [{ itemId: item.id, qty: 10, unitCostFen: Math.floor(item.priceFen * 0.8) }],
    });
    expect(note.status).toBe(201);
    const { id: noteId } = (await note.json()) as { id: string };

    await page.goto(product.kioskUrl);
    await signInOperator(page);
    await tap('日结');
    await page.getByRole('heading', { name: '开始营业' }).waitFor();
    for (const digit of '200') await tap(digit);
    await tap('确认备用金，开始营业');
    await page.getByText('今天的现金收支（1 笔）').waitFor();

    await tap('返回操作员菜单');
    await tap('进销存');
    await tap('收货', 'tab');
    await page.getByRole('button', { name: /送货单 .* 1 种商品/ }).click({ timeout: 30_000 });
    await tap('确认收货');
    await page.getByRole('status').getByText('已收货，库存已增加').waitFor();
    await tap('库存', 'tab');
    await expect
      .poll(() => page.locator(`[data-item="${item.id}"] [data-qty]`).getAttribute('data-qty'))
      .toBe('10');

    await pendingZero();
    const notes = (await (await admin('GET', `/delivery-notes?villageId=${VILLAGE_ID}`)).json()) as {
      id: string;
      receivedAt: string | null;
    }[];
    expect(notes.find((n) => n.id === noteId)?.receivedAt).toBeTruthy();
  });

  it('sells two at the counter by scanning, with change and a printed receipt', async () => {
    await tap('卖货', 'tab');
    await page.getByText('扫商品条码，或在下面点选').waitFor();
    await scan(item.barcode!);
    await page.getByText(`${item.name} × 1`).waitFor();
    await scan(item.barcode!);
    await page.getByText(`${item.name} × 2`).waitFor();
    expect(await money('[data-fact=total] .money')).toBe(formatFen(2 * item.priceFen));
    for (const digit of '100') await tap(digit);
    await tap('收款完成');
    await page.getByText('已收款 · 单号 S0001').waitFor();
    await page.getByRole('status').getByText('小票已打印').waitFor({ timeout: 15_000 });
    expect(await seriousA11yFindings(page)).toEqual([]);
    await tap('库存', 'tab');
    expect(await page.locator(`[data-item="${item.id}"] [data-qty]`).getAttribute('data-qty')).toBe('8');
  });

  it('counts a villager’s cash order (代购) in the drawer', async () => {
    await tap('返回操作员菜单');
    await tap('返回首页');
    await tap(/代购/);
    await page.getByRole('button', { name: '化肥', exact: true }).click({ timeout: 30_000 });
    await page.locator('.product-row').first().click();
    await tap('加入购物车');
    await tap('去结算');
    for (const digit of PHONE) await tap(digit);
    await tap(/现金/, 'radio');
    await tap('确认下单');
    await page.getByRole('heading', { name: '下单成功' }).waitFor();
    const shown = await money('.done-view__total .money');
    orderTotalFen = Math.round(Number(shown.replace(/[¥,]/g, '')) * 100);
    await tap('完成，返回首页');
  });

  it('refunds a bill the county failed, from the cash day', async () => {
    await tap(/缴费充值/);
    for (const digit of PHONE) await tap(digit);
    await tap('下一步');
    await tap('新缴费');
    await tap('电费', 'radio');
    await tap(/电表户号/);
    for (const digit of '3300123456')
      await page.getByRole('dialog').getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await tap('¥50.00', 'radio');
    await tap('已收现金，确认缴费');
    await page.getByRole('heading', { name: '已记录缴费' }).waitFor();
    const intentId = await page.locator('[data-request-id]').getAttribute('data-request-id');
    await pendingZero();
    const failed = await admin('POST', `/bill-intents/${intentId}/answer`, {
      action: 'fail',
      note: '户号不存在',
    });
    expect(failed.status).toBe(200);
    await blinkLink();

    await tap('返回首页');
    await signInOperator(page);
    await tap('日结');
    await page.getByText('待退款（1 笔）').waitFor({ timeout: 30_000 });
    await tap('付款 ¥50.00');
    await page.getByRole('status').getByText('已退款 ¥50.00 给 138****8000').waitFor();
    await page.getByText('待退款（0 笔）').waitFor();
  });

  it('takes the storage fee of an overdue parcel (快递保管费) into the drawer', async () => {
    // The county sets this village's rule: 3 days free, then ¥0.50 a day.
    const rule = await admin('PUT', `/villages/${VILLAGE_ID}/settings`, {
      overdueDays: 3,
      storageFeeFenPerDay: 50,
    });
    expect(rule.status).toBe(200);
    await blinkLink();
    // A parcel taken in five days ago (intake itself is the parcels suite's): written where the
    // kiosk keeps it, as the intake flow would have: 2 started days over the limit, ¥1.00.
    await page.evaluate(
      async (storedAt) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open('village-kiosk');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(new Error('open failed'));
        });
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('parcels', 'readwrite');
          tx.objectStore('parcels').put({
            id: 'p-overdue-1',
            waybill: 'YD9990001',
            carrier: '韵达快递',
            phone: '13800138000',
            location: { kind: 'shelf', code: '3-1-3001' },
            codeHash: 'not-a-real-code',
            status: 'stored',
            storedAt,
            mutationId: 'm-overdue-1',
          });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(new Error('write failed'));
        });
        db.close();
      },
      new Date(Date.now() - 5 * 86_400_000 + 3_600_000).toISOString(),
    );
    await tap('返回操作员菜单');
    await tap(/快递代收/);
    await tap('超期件');
    await page.getByText('超期件 1 件（超过 3 天未取）').waitFor({ timeout: 30_000 });
    await tap('收现金 ¥1.00');
    await page.getByText('已收保管费 ¥1.00').waitFor();
    parcelFeeFen = 100;
    await tap('返回操作员菜单');
    await tap('日结');
  });

  it('closes one yuan short with a reason, prints the day report and the county receives the close', async () => {
    const expectedFen = 20_000 + 2 * item.priceFen + orderTotalFen + 5_000 - 5_000 + parcelFeeFen;
    expect(await money('[data-fact=expected] .money')).toBe(formatFen(expectedFen));
    await tap('点钞日结');
    // Count one yuan less than the ledger, note by note (what cannot be made of notes adds to it).
    let rest = expectedFen - 100;
    for (const face of FACES) {
      const pieces = Math.floor(rest / face);
      rest -= pieces * face;
      const plus = page.getByRole('button', { name: `${formatFen(face)} 加一张` });
      for (let i = 0; i < pieces; i++) await plus.click();
    }
    const countedFen = expectedFen - 100 - rest;
    expect(await seriousA11yFindings(page)).toEqual([]);
    expect(await money('[data-fact=counted] .money')).toBe(formatFen(countedFen));
    await tap('找零出错', 'radio');
    await tap('确认日结');
    await page.getByRole('heading', { name: '今天已日结' }).waitFor();
    await page.getByRole('status').getByText('日结报表已打印').waitFor({ timeout: 15_000 });

    // The report as the emulated printer decoded it from the ESC/POS bytes.
    await tap('返回操作员菜单');
    await tap('设备诊断');
    const receipt = page.getByLabel('模拟打印机：最后一张小票');
    await expect.poll(() => receipt.innerText(), { timeout: 15_000 }).toContain('日结报表');
    const text = await receipt.innerText();
    for (const line of [
      `备用金 1 笔`,
      `代购现金 1 笔`,
      `卖货 1 笔`,
      `缴费充值 1 笔`,
      `退款 1 笔`,
      `应存现金`,
      onPaper(expectedFen),
      `-${onPaper(expectedFen - countedFen)}`,
      '差额原因：找零出错',
      '操作员签字',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(new RegExp(`实点现金\\s+${onPaper(countedFen).replace('.', '\\.')}`));

    await pendingZero();
    const days = (await (await admin('GET', `/cash-days?villageId=${VILLAGE_ID}`)).json()) as {
      expectedFen: number;
      countedFen: number;
      floatFen: number;
      reason: string;
      totals: { kind: string; count: number; amountFen: number }[];
    }[];
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ expectedFen, countedFen, floatFen: 20_000, reason: '找零出错' });
    expect(days[0]!.totals).toEqual([
      { kind: 'order', count: 1, amountFen: orderTotalFen },
      { kind: 'sale', count: 1, amountFen: 2 * item.priceFen },
      { kind: 'bill', count: 1, amountFen: 5_000 },
      { kind: 'parcel_fee', count: 1, amountFen: parcelFeeFen },
      { kind: 'refund', count: 1, amountFen: -5_000 },
    ]);
    const sales = (await (await admin('GET', `/shop-sales?villageId=${VILLAGE_ID}`)).json()) as {
      totalFen: number;
    }[];
    expect(sales.map((s) => s.totalFen)).toEqual([2 * item.priceFen]);
  });
});
