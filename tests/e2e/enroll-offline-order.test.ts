/**
 * A village terminal of a county that runs elsewhere, as in the field: the operator enrolls it with
 * a code the county issued, the county goes down, a villager's order is recorded offline, the county
 * comes back — and the order is in the county's order list exactly once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, suiteCanRun } from '../support/suites';
import { startCountyProcess, type CountyProcess } from './county-process';
import { signInOperator } from './operator';
import { freePort, launchChromium, startProduct, type RunningProduct } from './product';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');
const COUNTY_ID = 'cn-429005';
const VILLAGE_ID = 'cn-429005-t01-v01';
const OPERATOR = { name: '王芳', pin: '246810' };

describe.skipIf(!canRun)('a terminal enrolled by its operator, working through a county outage', () => {
  let county: CountyProcess;
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${county.url}/api/v1/admin/counties/${COUNTY_ID}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${county.adminToken}`, 'content-type': 'application/json' },
    });

  beforeAll(async () => {
    county = await startCountyProcess({
      dataDir: mkdtempSync(join(tmpdir(), 'vpk-e2e-county-')),
      port: await freePort(),
    });
    product = await startProduct({ env: { VPK_COUNTY_URL: county.url } });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterEach(async (ctx) => {
    // A failing step leaves a picture of what the villager or operator saw.
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({ path: join(tmpdir(), 'vpk-e2e-failure.png') });
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await county?.stop();
  });

  it('starts without a county of its own and says the terminal is not enrolled', () => {
    expect(product.output()).toContain('not started here: kiosk.countyUrl is set');
    expect(product.output()).toContain('terminal: not enrolled');
  });

  it('is enrolled by the operator with the code the county issued', async () => {
    const res = await admin('/enrollment-codes', {
      method: 'POST',
      body: JSON.stringify({ villageId: VILLAGE_ID }),
    });
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };
    // The village's operator account, which the terminal pulls once it is enrolled.
    const account = await admin('/operators', {
      method: 'POST',
      body: JSON.stringify({ villageId: VILLAGE_ID, ...OPERATOR }),
    });
    expect(account.status).toBe(201);

    await page.goto(product.kioskUrl);
    await expect
      .poll(() => page.locator('[data-status=county]').innerText(), { timeout: 20_000 })
      .toMatch(/未注册/);
    await page.getByRole('button', { name: /操作员/ }).click();
    await page.getByRole('button', { name: '终端注册' }).click();
    // The county prints the code as ABCD-EFGH for reading aloud; the operator types the letters.
    for (const ch of code.replace(/-/g, ''))
      await page.getByRole('button', { name: ch, exact: true }).click();
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.getByText(/本终端已注册到 潜江市/).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('button', { name: '返回首页' }).click();
    await expect
      .poll(() => page.locator('[data-status=county]').innerText(), { timeout: 30_000 })
      .toMatch(/已连接/);

    // A used code is refused the second time (it is one-time).
    const again = await fetch(`${county.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-vpk-protocol': '1.0' },
      body: JSON.stringify({ code, deviceName: 'thief' }),
    });
    expect(again.status).toBe(400);
  });

  it('records an order while the county is down and delivers it exactly once when it is back', async () => {
    // The catalogue arrived with the first pull after enrollment.
    await page.getByRole('button', { name: /代购/ }).click();
    await page.getByRole('button', { name: '化肥', exact: true }).click({ timeout: 60_000 });

    await county.stop(); // the county centre is down (its process is gone)

    await page.locator('.product-row').first().click();
    await page.getByRole('button', { name: '加入购物车' }).click();
    await page.getByRole('button', { name: '去结算' }).click();
    for (const digit of '13912345678') await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('radio', { name: /现金/ }).click();
    await page.getByRole('button', { name: '确认下单' }).click();
    await page.getByRole('heading', { name: '下单成功' }).waitFor();
    const orderId = await page.locator('[data-order-id]').getAttribute('data-order-id');
    await page.getByRole('button', { name: '完成，返回首页' }).click();
    await expect
      .poll(() => page.locator('[data-status=pending]').innerText(), { timeout: 15_000 })
      .toContain('待同步 1 条');
    await expect
      .poll(() => page.locator('[data-status=county]').innerText(), { timeout: 30_000 })
      .toMatch(/离线/);

    await county.start(); // back, with the same database

    // The operator does not wait for the engine's backoff: 操作员 → 同步状态 → 立即同步.
    await signInOperator(page, OPERATOR);
    await page.getByRole('button', { name: '同步状态' }).click();
    await expect
      .poll(
        async () => {
          await page
            .getByRole('button', { name: '立即同步' })
            .click({ timeout: 5_000 })
            .catch(() => undefined);
          return page.locator('[data-fact=pending]').innerText();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBe('0');

    const orders = (await (await admin(`/orders?villageId=${VILLAGE_ID}`)).json()) as { id: string }[];
    expect(orders.filter((o) => o.id === orderId)).toHaveLength(1);

    // Syncing again changes nothing at the county.
    await page.getByRole('button', { name: '立即同步' }).click();
    const again = (await (await admin(`/orders?villageId=${VILLAGE_ID}`)).json()) as { id: string }[];
    expect(again.filter((o) => o.id === orderId)).toHaveLength(1);
  });
});
