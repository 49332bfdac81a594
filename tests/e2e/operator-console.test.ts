/**
 * The operator console as `npm start` runs it (browser mode, simulated printer, embedded county): a
 * villager's order prints its receipt; the operator signs in (a wrong PIN first), finds the receipt in
 * 小票记录 and reprints it — the emulated printer's paper says 重印 —, registers a villager with
 * consent, and the registration reaches the county's villager count.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { hasChromium, suiteCanRun } from '../support/suites';
import { DEMO_OPERATOR } from './operator';
import { openKiosk, type KioskSession, type RunningProduct } from './product';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');
const COUNTY_ID = 'cn-429005';
const VILLAGE_ID = 'cn-429005-t01-v01';

describe.skipIf(!canRun)('operator console in browser mode', () => {
  let kiosk: KioskSession;
  let product: RunningProduct;
  let page: Page;

  beforeAll(async () => {
    ({ product, page } = kiosk = await openKiosk({ height: 1000 }));
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  const tap = (name: string | RegExp, exact = true) =>
    page.getByRole('button', typeof name === 'string' ? { name, exact } : { name }).click();

  it('prints the receipt of a villager’s order when it is confirmed', async () => {
    expect(product.output()).toContain('演示操作员 PIN 123456');
    await page.goto(product.kioskUrl);
    await tap(/代购/);
    await page.getByRole('button', { name: '化肥', exact: true }).click({ timeout: 30_000 });
    await page.locator('.product-row').first().click();
    await tap('加入购物车');
    await tap('去结算');
    for (const digit of '13800138000') await tap(digit);
    await page.getByRole('radio', { name: /现金/ }).click();
    await tap('确认下单');
    await page.getByRole('heading', { name: '下单成功' }).waitFor();
    await page.getByText('小票已打印，请收好').waitFor({ timeout: 15_000 });
    await tap('完成，返回首页');
  });

  it('signs the operator in after a wrong PIN, and reprints the receipt from 小票记录', async () => {
    await tap(/操作员/);
    await page.getByRole('button', { name: new RegExp(DEMO_OPERATOR.name) }).click({ timeout: 30_000 });
    for (const digit of '000000') await tap(digit);
    await page.getByText('密码不对，还可以再试 4 次').waitFor();
    for (const digit of DEMO_OPERATOR.pin) await tap(digit);
    await page.getByText('演示操作员（操作员）').waitFor();
    // An operator does not get the technician's tasks.
    expect(await page.getByRole('button', { name: '终端设置' }).count()).toBe(0);

    await tap('小票记录');
    const job = page.locator('[data-job]', { hasText: '代购小票 0001' });
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 15_000 }).toBe('printed');
    await tap('重印 代购小票 0001');
    await page.getByText('已打印：代购小票 0001').waitFor();
    await job.getByText(/共打印 2 次/).waitFor();

    await tap('返回');
    await tap('设备诊断');
    const paper = page.getByLabel('模拟打印机：最后一张小票');
    await expect.poll(() => paper.innerText(), { timeout: 15_000 }).toContain('重印');
    expect(await paper.innerText()).toContain('代购小票');
    await tap('返回');
  });

  it('registers a consenting villager, and the county counts them', async () => {
    await tap('村民登记');
    await tap('登记新村民');
    for (const digit of '13900000001') await tap(digit);
    await page.getByRole('checkbox', { name: /村民已同意登记/ }).click();
    await tap('登记');
    await page.getByText('已登记 139 **** 0001').waitFor();

    const token = (await readFile(join(product.dataDir, 'county', 'admin-token'), 'utf8')).trim();
    const usage = async () => {
      const res = await fetch(`${product.countyUrl}/api/v1/admin/counties/${COUNTY_ID}/villager-usage`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const rows = (await res.json()) as { villageId: string; villagers: number }[];
      return rows.find((r) => r.villageId === VILLAGE_ID)?.villagers;
    };
    await expect.poll(usage, { timeout: 60_000, interval: 1_000 }).toBe(1);
  });

  it('asks for the PIN again once the operator has gone back to the home screen', async () => {
    await tap('返回');
    await tap('返回首页');
    await tap(/操作员/);
    await page.getByRole('heading', { name: '操作员登录' }).waitFor();
  });
});
