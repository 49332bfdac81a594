/**
 * 代购 as a villager does it, in real Chromium against `npm start` (bridge, simulated hardware, the
 * embedded county): choose a category and a product, put it in the cart, check out with a phone number
 * and cash, see the order number — and the order arrives at the county exactly once.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { formatFen } from '../../app/components/money';
import { hasChromium, suiteCanRun } from '../support/suites';
import { openKiosk, type KioskSession, type RunningProduct } from './product';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');

const COUNTY_ID = 'cn-429005';
const VILLAGE_ID = 'cn-429005-t01-v01';

interface CountyOrder {
  id: string;
  villageId: string;
  phone: string;
  totalFen: number;
  payment: string;
  delivery: string;
  status: string;
}

describe.skipIf(!canRun)('shop (代购) in browser mode', () => {
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

  async function countyOrders(): Promise<CountyOrder[]> {
    const token = (await readFile(join(product.dataDir, 'county', 'admin-token'), 'utf8')).trim();
    const res = await fetch(
      `${product.countyUrl}/api/v1/admin/counties/${COUNTY_ID}/orders?villageId=${VILLAGE_ID}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(res.status).toBe(200);
    return (await res.json()) as CountyOrder[];
  }

  it('places an order by taps, and the county receives it exactly once', async () => {
    await page.goto(product.kioskUrl);
    await page.getByRole('button', { name: /代购/ }).click();
    // The categories arrive with the first pull from the county.
    await page.getByRole('button', { name: '化肥', exact: true }).click({ timeout: 30_000 });

    const first = page.locator('.product-row').first();
    const name = (await first.locator('.product-row__name').innerText()).trim();
    await first.click();
    await page.getByRole('heading', { name, exact: true }).waitFor();
    await page.getByRole('button', { name: '加入购物车' }).click();
    await page.getByRole('heading', { name: '购物车' }).waitFor();
    await page.getByRole('button', { name: '去结算' }).click();

    for (const digit of '13800138000') await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('radio', { name: /现金/ }).click();
    await page.getByRole('button', { name: '确认下单' }).click();

    await page.getByRole('heading', { name: '下单成功' }).waitFor();
    const orderNo = await page.locator('[data-order-no]').getAttribute('data-order-no');
    expect(orderNo).toMatch(/^\d{4,}$/);
    expect(await page.locator('.done-view__pay').innerText()).toBe('现金：请到柜台付款');
    const orderId = await page.locator('[data-order-id]').getAttribute('data-order-id');
    expect(orderId).toBeTruthy();

    // A new outbox row wakes the sync engine; the county's ack empties the outbox.
    await expect
      .poll(() => page.locator('[data-status=pending]').innerText(), { timeout: 30_000 })
      .toContain('待同步 0 条');
    await expect.poll(() => page.locator('[data-sync]').getAttribute('data-sync')).toBe('sent');

    const ours = (await countyOrders()).filter((o) => o.id === orderId);
    expect(ours).toHaveLength(1);
    const shownTotal = await page.locator('.done-view__total .money').innerText();
    expect(ours[0]).toMatchObject({
      villageId: VILLAGE_ID,
      phone: '13800138000',
      payment: 'cash',
      delivery: 'point',
      status: 'received',
    });
    expect(formatFen(ours[0]!.totalFen)).toBe(shownTotal);

    // 完成 goes home, and the shop opens again with an empty cart.
    await page.getByRole('button', { name: '完成，返回首页' }).click();
    await page.getByRole('button', { name: /代购/ }).click();
    expect(await page.locator('.shop-bar__cart').getAttribute('data-pieces')).toBe('0');
  });

  it('takes an order found by pinyin with the link down, and sends it when the link returns', async () => {
    await page.getByRole('button', { name: /拼音搜索/ }).click();
    await context.setOffline(true);
    await expect.poll(() => page.locator('[data-status=county]').innerText()).toMatch(/离线/);
    for (const key of 'niaosu') await page.getByRole('button', { name: key, exact: true }).click();
    const first = page.locator('.product-row').first();
    const name = (await first.locator('.product-row__name').innerText()).trim();
    expect(name).toContain('尿素');
    await first.click();
    await page.getByRole('button', { name: '加入购物车' }).click();
    await page.getByRole('button', { name: '去结算' }).click();
    for (const digit of '15912345678') await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('radio', { name: /扫码支付/ }).click();
    await page.getByRole('button', { name: '确认下单' }).click();

    await page.getByRole('heading', { name: '下单成功' }).waitFor();
    expect(await page.locator('.done-view__pay').innerText()).toBe('扫码支付：等待确认');
    const orderId = await page.locator('[data-order-id]').getAttribute('data-order-id');
    expect(await page.locator('[data-sync]').getAttribute('data-sync')).toBe('queued');
    await expect.poll(() => page.locator('[data-status=pending]').innerText()).toContain('待同步 1 条');
    expect((await countyOrders()).some((o) => o.id === orderId)).toBe(false);

    await context.setOffline(false);
    await expect
      .poll(() => page.locator('[data-sync]').getAttribute('data-sync'), { timeout: 60_000 })
      .toBe('sent');
    await expect.poll(() => page.locator('[data-status=pending]').innerText()).toContain('待同步 0 条');
    const ours = (await countyOrders()).filter((o) => o.id === orderId);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ phone: '15912345678', payment: 'epay', delivery: 'point' });
  });
});
