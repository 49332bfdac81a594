/**
 * 代收 end to end, in real Chromium against `npm start` (bridge, emulated locker boards and printer,
 * the embedded county): the operator stores a parcel (the emulated door opens, and the parcel is saved
 * only after it swings shut), the pickup slip's ESC/POS bytes are decoded by the printer emulator
 * (code and QR), a villager types the code, the door opens and closes — and the county has the parcel
 * collected exactly once after sync.
 *
 * The emulated doors close by themselves 20 s after opening (kiosk-shell/hardware.ts), as a person
 * would close them: that wait is most of this file's run time.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { hasChromium, suiteCanRun } from '../support/suites';
import { signInOperator } from './operator';
import { openKiosk, type KioskSession, type RunningProduct } from './product';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');

const COUNTY_ID = 'cn-429005';
const VILLAGE_ID = 'cn-429005-t01-v01';
const WAYBILL = `ZT${Date.now() % 1_000_000_000_000}`;
const DOOR = { timeout: 45_000 };

interface CountyParcel {
  id: string;
  waybill: string;
  status: string;
  collectMethod: string | null;
}

describe.skipIf(!canRun)('parcels (代收) in browser mode', () => {
  let kiosk: KioskSession;
  let product: RunningProduct;
  let page: Page;
  let code = '';

  beforeAll(async () => {
    ({ product, page } = kiosk = await openKiosk({ height: 1000 }));
  });

  afterAll(async () => {
    await kiosk?.close();
  });

  async function countyParcels(): Promise<CountyParcel[]> {
    const token = (await readFile(join(product.dataDir, 'county', 'admin-token'), 'utf8')).trim();
    const res = await fetch(
      `${product.countyUrl}/api/v1/admin/counties/${COUNTY_ID}/parcels/waybill/${WAYBILL}?villageId=${VILLAGE_ID}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(res.status).toBe(200);
    return (await res.json()) as CountyParcel[];
  }

  const tap = (name: string) => page.getByRole('button', { name, exact: true }).click();

  it('operator intake: the door opens, the parcel is saved once it is closed, the slip prints', async () => {
    await page.goto(product.kioskUrl);
    await signInOperator(page);
    await tap('快递代收');
    await page.getByRole('heading', { name: '快递代收' }).waitFor();
    const waybill = page.getByLabel('运单号');
    await waybill.fill(WAYBILL);
    await waybill.blur();
    await tap('中通快递');
    for (const d of '13912345678') await tap(d);
    await page.getByRole('button', { name: /^小格（空 \d+）$/ }).click();
    await page.getByText(/^请把包裹放入 A\d\d 号格口并关门$/).waitFor({ timeout: 15_000 });
    const pickupCode = page.locator('[data-pickup-code]');
    await pickupCode.waitFor(DOOR);
    code = (await pickupCode.getAttribute('data-pickup-code')) ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await page.getByText('取件单已打印', { exact: true }).waitFor({ timeout: 15_000 });
  });

  it('the printer emulator decoded the slip: the big code, the compartment and the QR', async () => {
    await tap('返回操作员菜单');
    await tap('设备诊断');
    const receipt = page.getByLabel('模拟打印机：最后一张小票');
    await expect.poll(() => receipt.innerText(), { timeout: 15_000 }).toContain('取件凭条');
    const text = await receipt.innerText();
    expect(text).toContain(code);
    expect(text).toMatch(/格口：A\d\d（小格）/);
    expect(text).toContain(`[QR VPK1:P:${VILLAGE_ID}:${code}]`);
    expect(text).toContain(WAYBILL);
    await tap('返回');
  });

  it('a villager types the code, the door opens and closes, and the county has it collected once', async () => {
    await page.goto(product.kioskUrl);
    await page.locator('[data-service=pickup]').click();
    await page.getByRole('heading', { name: '取件', exact: true }).waitFor();
    for (const d of code) await tap(d);
    await tap('取件');
    await page.getByText(/^A\d\d 号格口已打开，请取件并关门$/).waitFor({ timeout: 15_000 });
    await page.getByText('取件完成，谢谢！').waitFor(DOOR);

    // The outbox wakes the sync engine; poll the county until the collection has arrived.
    await expect
      .poll(async () => (await countyParcels()).map((p) => [p.status, p.collectMethod]), { timeout: 30_000 })
      .toEqual([['collected', 'code']]);
    // The same code does nothing now.
    await page.goto(product.kioskUrl);
    await page.locator('[data-service=pickup]').click();
    for (const d of code) await tap(d);
    await tap('取件');
    await page.getByText(/取件码不对/).waitFor();
    expect(await countyParcels()).toHaveLength(1);
  });
});
