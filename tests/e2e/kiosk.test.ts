/**
 * The kiosk as a villager meets it: started as `npm start` starts it, in real Chromium, through the
 * bridge, with simulated hardware and the embedded county centre.
 */
import type { Page } from 'playwright-core';
import { hasChromium, suiteCanRun } from '../support/suites';
import { openKiosk, startProduct, type KioskSession, type RunningProduct } from './product';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');

describe.skipIf(!canRun)('kiosk in browser mode', () => {
  let kiosk: KioskSession;
  let product: RunningProduct;
  let page: Page;

  beforeAll(async () => {
    ({ product, page } = kiosk = await openKiosk());
  });

  afterAll(async () => {
    await kiosk?.close();
  });

  it('says how it started and where to find the kiosk and the county console', () => {
    const out = product.output();
    expect(out).toContain('kiosk: browser mode (Electron binary not installed), simulated hardware');
    expect(out).toContain(`kiosk:          ${product.kioskUrl}`);
    expect(out).toContain(`county console: ${product.countyUrl}/`);
    expect(out).toContain('no window opened: --no-open');
  });

  it('shows the home screen with hardware state that came through the bridge', async () => {
    await page.goto(product.kioskUrl);
    await page.getByRole('button', { name: /代购/ }).waitFor();
    // "(模拟)" is set by the shell's handler for simulated devices: it can only have come through the bridge.
    await expect
      .poll(() => page.locator('[data-status=printer]').innerText(), { timeout: 15_000 })
      .toMatch(/正常 \(模拟\)/);
    await expect.poll(() => page.locator('[data-status=locker]').innerText()).toMatch(/空闲 24\/24 \(模拟\)/);
    // The county link goes through the kiosk origin's proxy with the demo terminal's token.
    await expect
      .poll(() => page.locator('[data-status=county]').innerText(), { timeout: 20_000 })
      .toMatch(/已连接/);
    const village = /enrolled for village (\S+)/.exec(product.output())?.[1];
    expect(await page.locator('.status-bar__title').innerText()).toBe(`${village}服务点`);
    await expect.poll(() => page.locator('[data-status=pending]').innerText()).toContain('待同步 0 条');
  });

  // Every tile is built now; the 即将开通 panel itself is covered by App.test.tsx.
  it('opens a service from its tile and goes back home when tapped', async () => {
    await page.getByRole('button', { name: /缴费充值/ }).click();
    await page.getByRole('heading', { name: '您的手机号' }).waitFor();
    await page.getByRole('button', { name: '返回首页' }).click();
    await page.getByRole('button', { name: /我的订单/ }).click();
    await page.getByRole('main', { name: '我的订单' }).waitFor();
    await page.getByRole('button', { name: '返回首页' }).click();
    await page.getByRole('button', { name: /溯源/ }).waitFor();
  });

  it('still shows the home screen after a reload with the server side stopped', async () => {
    // The service worker must control the page before the servers go away.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    expect(await product.stop()).toBe(0);
    expect(product.output()).toContain('stopped');

    await page.reload();
    await page.getByRole('button', { name: /取件/ }).waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.locator('[data-status=printer]').innerText(), { timeout: 15_000 })
      .toContain('终端服务断开');
    await expect
      .poll(() => page.locator('[data-status=county]').innerText(), { timeout: 15_000 })
      .toMatch(/离线/);
  });

  it('reuses the data on a second start', async () => {
    const firstDevice = /demo terminal: (\S+)/.exec(product.output())?.[1];
    const ports = {
      kioskPort: Number(new URL(product.kioskUrl).port),
      countyPort: Number(new URL(product.countyUrl).port),
    };
    const again = await startProduct({ dataDir: product.dataDir, ...ports });
    try {
      expect(again.output()).toContain('build is up to date');
      expect(/demo terminal: (\S+)/.exec(again.output())?.[1]).toBe(firstDevice);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });
});
