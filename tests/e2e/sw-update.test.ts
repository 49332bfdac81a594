/**
 * A new kiosk version must never take over in the middle of someone's order: the service worker
 * installs and waits, and only applies when the kiosk returns home after an idle timeout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { root } from '../../scripts/build';
import { hasChromium, suiteCanRun } from '../support/suites';
import { openKiosk, type KioskSession, type RunningProduct } from './product';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');
const swFile = join(root, 'dist/app/sw.js');

describe.skipIf(!canRun)('kiosk update', () => {
  let kiosk: KioskSession;
  let product: RunningProduct;
  let page: Page;
  let original: string;

  beforeAll(async () => {
    original = readFileSync(swFile, 'utf8');
    ({ product, page } = kiosk = await openKiosk({ env: { VPK_IDLE_TIMEOUT_SECONDS: '10' } }));
  });

  afterAll(async () => {
    writeFileSync(swFile, original);
    await kiosk?.close();
  });

  const timeOrigin = () => page.evaluate(() => performance.timeOrigin);
  const waitingWorker = () =>
    page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null);

  it('waits while a villager is using the kiosk and applies on the idle return home', async () => {
    await page.goto(product.kioskUrl);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    // A villager is in a service screen when a new version is published.
    await page.getByRole('button', { name: /订票/ }).click();
    await page.getByRole('heading', { name: '您的手机号' }).waitFor();
    const before = await timeOrigin();
    writeFileSync(swFile, `${original}\n// new release ${Date.now()}\n`);
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await expect.poll(waitingWorker, { timeout: 10_000 }).toBe(true);
    expect(await timeOrigin()).toBe(before); // no reload under the villager's finger
    await expect(page.getByRole('heading', { name: '您的手机号' }).isVisible()).resolves.toBe(true);

    // Ten seconds untouched: home, the update applies, the page reloads into the new version.
    await expect.poll(timeOrigin, { timeout: 25_000, interval: 500 }).not.toBe(before);
    await page.getByRole('button', { name: /代购/ }).waitFor();
    await expect.poll(waitingWorker).toBe(false);
  });
});
