/**
 * 缴费充值 and 订票 as a villager does them, in real Chromium against `npm start`: a bill paid in cash
 * with the link down reaches the county when the link returns; the county fails it and the kiosk
 * shows 待退款 with the amount. A ticket request confirmed by the county shows its seat.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { hasChromium, suiteCanRun } from '../support/suites';
import { openKiosk, type KioskSession, type RunningProduct } from './product';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');

const COUNTY_ID = 'cn-429005';
const PHONE = '13800138000';

describe.skipIf(!canRun)('villager requests (缴费, 订票) in browser mode', () => {
  let kiosk: KioskSession;
  let product: RunningProduct;
  let page: Page;
  let context: BrowserContext;

  beforeAll(async () => {
    ({ product, page, context } = kiosk = await openKiosk());
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  async function admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const token = (await readFile(join(product.dataDir, 'county', 'admin-token'), 'utf8')).trim();
    return fetch(`${product.countyUrl}/api/v1/admin/counties/${COUNTY_ID}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }

  const tap = (name: string | RegExp, role: 'button' | 'radio' = 'button') =>
    page.getByRole(role, { name, exact: typeof name === 'string' }).click();

  async function enterPhone() {
    for (const digit of PHONE) await tap(digit);
    await tap('下一步');
  }

  /** The link comes back: the 'online' event makes the kiosk sync (push and pull) at once. */
  async function blinkLink() {
    await context.setOffline(true);
    await context.setOffline(false);
  }

  const pendingZero = () =>
    expect
      .poll(() => page.locator('[data-status=pending]').innerText(), { timeout: 30_000 })
      .toContain('待同步 0 条');

  it('pays a bill with the link down; the county fails it and the kiosk shows 待退款 with the amount', async () => {
    await page.goto(product.kioskUrl);
    await tap(/缴费充值/);
    await context.setOffline(true);
    await expect.poll(() => page.locator('[data-status=county]').innerText()).toMatch(/离线/);

    await enterPhone();
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
    expect(intentId).toBeTruthy();
    await page.getByText('已保存，联网后自动发送到县中心').waitFor();
    expect((await (await admin('GET', `/bill-intents?phone=${PHONE}`)).json()) as unknown[]).toEqual([]);

    await context.setOffline(false);
    await pendingZero();
    const bills = (await (await admin('GET', `/bill-intents?phone=${PHONE}`)).json()) as { id: string }[];
    expect(bills.map((b) => b.id)).toEqual([intentId]);

    const failed = await admin('POST', `/bill-intents/${intentId}/answer`, {
      action: 'fail',
      note: '户号不存在',
    });
    expect(failed.status).toBe(200);
    await blinkLink();
    const row = page.locator(`[data-bill="${intentId}"]`);
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('待退款 ¥50.00');
    expect(await row.innerText()).toContain('缴费失败（户号不存在）');
    expect(await row.getAttribute('data-refund')).toBe('due');
  });

  it('requests a ticket; the county confirms it and the kiosk shows the seat', async () => {
    await tap('返回首页');
    await tap(/订票/);
    await enterPhone();
    await tap('新订票');
    await tap(/潜江城区（园林客运站）$/, 'radio');
    await tap(/^明天/, 'radio');
    await tap(/多一人/);
    await tap('提交订票');
    await page.getByRole('heading', { name: '订票已提交' }).waitFor();
    const requestId = await page.locator('[data-request-id]').getAttribute('data-request-id');
    await pendingZero();

    const confirmed = await admin('POST', `/ticket-requests/${requestId}/answer`, {
      action: 'confirm',
      seat: '12、13号',
      departsAt: '2030-01-01T07:30:00+08:00',
      priceFen: 3000,
    });
    expect(confirmed.status).toBe(200);
    await blinkLink();
    const row = page.locator(`[data-ticket="${requestId}"]`);
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('座位 12、13号');
    expect(await row.innerText()).toContain('已出票');
    expect(await row.innerText()).toContain('票价 ¥30.00');
  });
});
