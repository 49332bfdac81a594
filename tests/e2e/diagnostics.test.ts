/**
 * The operator's diagnostics screen, as `npm start` runs it (browser mode, simulated hardware), in
 * real Chromium: every fact on the screen comes through the bridge from the real drivers talking to
 * the protocol emulators. The page gets nothing extra for the test: the door reads open because the
 * emulated board says so when `locker.compartments` queries it, and the receipt text is what the
 * emulated printer decoded from the ESC/POS bytes it received.
 */
import type { Page } from 'playwright-core';
import { hasChromium, suiteCanRun } from '../support/suites';
import { openKiosk, type KioskSession, type RunningProduct } from './product';
import { signInOperator } from './operator';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');

describe.skipIf(!canRun)('operator diagnostics in browser mode', () => {
  let kiosk: KioskSession;
  let product: RunningProduct;
  let page: Page;

  beforeAll(async () => {
    ({ product, page } = kiosk = await openKiosk({ height: 900 }));
  });

  afterAll(async () => {
    await kiosk?.close();
  });

  it('is reached from the operator menu: 操作员 → 设备诊断', async () => {
    await page.goto(product.kioskUrl);
    await signInOperator(page);
    await page.getByRole('button', { name: '设备诊断' }).click();
    await page.getByRole('heading', { name: '设备诊断' }).waitFor();
    await page.getByText('当前为模拟设备').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.locator('[data-fact=printer-state]').innerText(), { timeout: 15_000 })
      .toBe('正常');
    await expect.poll(() => page.locator('[data-compartment]').count(), { timeout: 15_000 }).toBe(24);
  });

  it('opens a compartment: the screen says so and the emulated board reports the door open', async () => {
    const a03 = page.locator('[data-compartment="A03"]');
    expect(await a03.getAttribute('data-door')).toBe('closed');
    await page.getByRole('button', { name: '开门 A03' }).click();
    await page.getByText('A03 已开门', { exact: true }).waitFor();
    // Re-read from the boards after the open (the emulated doors swing shut again after 20 s).
    await expect.poll(() => a03.getAttribute('data-door'), { timeout: 10_000 }).toBe('open');
    expect(await a03.innerText()).toContain('门开');
    // The neighbours did not move.
    expect(await page.locator('[data-compartment="A02"]').getAttribute('data-door')).toBe('closed');
    expect(await page.locator('[data-compartment="A04"]').getAttribute('data-door')).toBe('closed');
  });

  it('prints a test page and shows the receipt the emulated printer received', async () => {
    const receipt = page.getByLabel('模拟打印机：最后一张小票');
    expect(await receipt.innerText()).toContain('还没有打印过小票');
    await page.getByRole('button', { name: '打印测试页' }).click();
    await page.getByRole('status').getByText('测试页已打印', { exact: true }).waitFor({ timeout: 15_000 });
    await expect.poll(() => receipt.innerText(), { timeout: 10_000 }).toContain('打印测试页');
    const text = await receipt.innerText();
    expect(text).toContain('PRINTER TEST PAGE');
    expect(text).toContain('模拟打印机 58mm');
    expect(text).toContain('中文：村级电子商务服务点');
    // The job is in the print queue, printed, and can be printed again.
    await page.getByRole('button', { name: '重印 打印测试页' }).waitFor();
  });
});
