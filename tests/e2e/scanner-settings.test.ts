/**
 * Scanner, logs and technician settings as `npm start` runs them (browser mode, simulated hardware),
 * in real Chromium: a keyboard-wedge scan and a simulated serial scan reach the page through the real
 * bridge; the shell's log is shown and exported to a file; a technician's settings land in the
 * configuration file that the next start reads, and a wrong value is refused naming the setting.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../common/config';
import { hasChromium, suiteCanRun } from '../support/suites';
import { openKiosk, type KioskSession } from './product';
import { DEMO_TECHNICIAN, signInOperator } from './operator';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');

describe.skipIf(!canRun)('scanner, logs and settings in browser mode', () => {
  let kiosk: KioskSession;
  let page: Page;
  const configFile = join(mkdtempSync(join(tmpdir(), 'vpk-e2e-config-')), 'vpk.config.json');

  beforeAll(async () => {
    writeFileSync(configFile, JSON.stringify({ kiosk: { idleTimeoutSeconds: 300 } }));
    kiosk = await openKiosk({
      height: 900,
      env: { VPK_CONFIG: configFile, VPK_KIOSK_LOG_LEVEL: 'info' },
    });
    page = kiosk.page;
    await page.goto(kiosk.product.kioskUrl);
    await signInOperator(page, DEMO_TECHNICIAN);
  });

  afterAll(async () => {
    await kiosk?.close();
  });

  it('shows a keyboard-wedge scan and a simulated serial scan on 设备诊断', async () => {
    await page.getByRole('button', { name: '设备诊断' }).click();
    await page.getByRole('heading', { name: '扫码测试' }).waitFor();
    await page.getByText('等待扫码…').waitFor();
    // A wedge scanner: keys within a few milliseconds, then Enter. Dispatched in the page in one go:
    // CDP round trips on a loaded machine can space keys wider than any scanner does.
    await page.evaluate((code) => {
      for (const key of [...code, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
    }, '6901234567892');
    await expect.poll(() => page.locator('[data-fact=scan-code]').innerText()).toBe('6901234567892');
    expect(await page.locator('[data-fact=scan-kind]').innerText()).toBe('商品条码');
    expect(await page.locator('[data-fact=scan-source]').innerText()).toBe('扫码枪（键盘式）');

    // The simulated serial scanner: its bytes go through the real SerialScanner and the bridge.
    const field = page.getByLabel('模拟扫码内容');
    await field.fill('VPK1:P:V001:482193');
    await page.getByRole('button', { name: '模拟扫码' }).click();
    await expect
      .poll(() => page.locator('[data-fact=scan-code]').innerText(), { timeout: 10_000 })
      .toBe('VPK1:P:V001:482193');
    expect(await page.locator('[data-fact=scan-kind]').innerText()).toBe('取件码');
    expect(await page.locator('[data-fact=scan-source]').innerText()).toBe('串口扫码枪');
  });

  it('shows the shell log and exports it to a file', async () => {
    await page.getByRole('button', { name: '显示最近日志' }).click();
    await expect.poll(() => page.getByLabel('运行日志').innerText()).toMatch(/信息/);
    await page.getByRole('button', { name: '导出日志' }).click();
    const status = page.getByRole('status').filter({ hasText: '已导出' });
    await status.waitFor({ timeout: 10_000 });
    const file = /到 (\S+\.txt)/.exec(await status.innerText())?.[1];
    expect(file).toBeDefined();
    expect(existsSync(file!)).toBe(true);
    expect(readFileSync(file!, 'utf8')).toContain('"level":30');
  });

  it('saves a technician’s settings to the configuration file, and refuses a wrong one by name', async () => {
    await page.getByRole('button', { name: '返回' }).last().click();
    await page.getByRole('button', { name: '终端设置' }).click();
    const idle = page.getByRole('textbox', { name: /^无操作返回首页/ });
    await expect.poll(() => idle.inputValue(), { timeout: 10_000 }).toBe('300');

    await idle.fill('5');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByRole('alert').filter({ hasText: '无操作返回首页时间' }).waitFor();
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual({ kiosk: { idleTimeoutSeconds: 300 } });

    await idle.fill('120');
    await page.getByRole('group', { name: '纸宽' }).getByRole('button', { name: '80 毫米' }).click();
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByRole('status').filter({ hasText: '需要重启终端' }).waitFor();
    const next = loadConfig({ env: {}, file: configFile });
    expect(next.kiosk.idleTimeoutSeconds).toBe(120);
    expect(next.kiosk.hardware.printer.paperWidthMm).toBe(80);
  });
});
