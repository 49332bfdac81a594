/**
 * 寄件 as it happens at the counter, in real Chromium against `npm start` (bridge, simulated printer,
 * the embedded county): a villager enters sender and recipient by taps, the operator signs in, weighs
 * and takes the fee; the label's ESC/POS bytes are decoded by the emulated printer; the shipment
 * reaches the county exactly once; a tracking event the county records comes back to the kiosk's
 * 我的寄件 list.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { hasChromium, suiteCanRun } from '../support/suites';
import { openKiosk, type KioskSession, type RunningProduct } from './product';

const canRun = suiteCanRun('Chromium', hasChromium(), 'apt-get install chromium');

const COUNTY_ID = 'cn-429005';
const SENDER_PHONE = '13812345678';

describe.skipIf(!canRun)('send a parcel (寄件) in browser mode', () => {
  let kiosk: KioskSession;
  let product: RunningProduct;
  let page: Page;
  let shipmentId: string;

  beforeAll(async () => {
    ({ product, page } = kiosk = await openKiosk({ height: 900 }));
  });

  afterAll(async () => {
    await kiosk?.close();
  });

  async function admin(method: 'GET' | 'POST', path: string, body?: unknown) {
    const token = (await readFile(join(product.dataDir, 'county', 'admin-token'), 'utf8')).trim();
    return fetch(`${product.countyUrl}/api/v1/admin/counties/${COUNTY_ID}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }

  const tap = (name: string) => page.getByRole('button', { name, exact: true }).click();
  const keys = async (text: string) => {
    for (const k of text) await tap(k);
  };
  const next = () => tap('下一步');

  /** The operator's sign-in gate, when it shows: the demo operator and PIN that `npm start` creates. */
  async function signInIfAsked() {
    const gate = page.getByRole('heading', { name: '操作员登录' });
    if (!(await gate.isVisible())) return;
    // The accounts arrive with the first pull from the county.
    await page.getByRole('button', { name: /演示操作员/ }).click({ timeout: 30_000 });
    await keys('123456');
  }

  it('takes a parcel from the villager, charges the fee and prints the label after saving it', async () => {
    await page.goto(product.kioskUrl);
    await page.getByRole('button', { name: /^寄件/ }).click();
    await page.getByRole('button', { name: /^我要寄件/ }).click();

    await tap('张');
    await keys('san');
    await next();
    await keys(SENDER_PHONE);
    await next();
    await tap('李');
    await keys('si');
    await next();
    await keys('13987654321');
    await next();
    await tap('湖北省');
    await tap('武汉市');
    await tap('洪山区');
    await next();
    await keys('12');
    await tap('号');
    await next();
    await page.getByRole('heading', { name: '请核对寄件信息' }).waitFor();
    expect(await page.locator('[data-review=recipient]').innerText()).toContain('湖北省武汉市洪山区12号');
    await tap('交给操作员称重收费');

    await page
      .getByRole('heading', { name: /操作员登录|操作员：称重收费/ })
      .first()
      .waitFor();
    await signInIfAsked();
    await page.getByRole('radio', { name: '中通快递' }).click({ timeout: 30_000 });
    await keys('2.5');
    expect(await page.getByLabel('运费').innerText()).toBe('¥16.00');
    await tap('收现金 ¥16.00 并打印面单');

    await page.getByRole('heading', { name: '寄件成功' }).waitFor();
    shipmentId = (await page.locator('[data-shipment-id]').getAttribute('data-shipment-id'))!;
    expect(shipmentId).toBeTruthy();
    await expect
      .poll(() => page.locator('[data-print]').getAttribute('data-print'), { timeout: 15_000 })
      .toBe('printed');
    await page.getByRole('button', { name: '完成，返回首页' }).click();

    // The emulated printer decoded the label's ESC/POS bytes; diagnostics shows what it read.
    await page.getByRole('button', { name: '操作员' }).click();
    await signInIfAsked();
    await page.getByRole('button', { name: '设备诊断' }).click();
    const receipt = page.getByLabel('模拟打印机：最后一张小票');
    await expect.poll(() => receipt.innerText(), { timeout: 15_000 }).toContain('寄件单');
    const label = await receipt.innerText();
    expect(label).toContain('快递：中通快递');
    expect(label).toContain(`寄件人：张san ${SENDER_PHONE}`);
    expect(label).toContain('收件人：李si 13987654321');
    expect(label.replace(/\n/g, '')).toContain('地址：湖北省武汉市洪山区12号');
    expect(label).toMatch(/重量 +2\.50 kg/);
    expect(label).toMatch(/运费 +￥16\.00/);
  });

  it('reaches the county exactly once after sync', async () => {
    await expect
      .poll(() => page.locator('[data-status=pending]').innerText(), { timeout: 60_000 })
      .toContain('待同步 0 条');
    const res = await admin('GET', `/shipments/${shipmentId}`);
    expect(res.status).toBe(200);
    // Applied, not refused: nothing of this point's sending is among what the county rejected.
    const rejected = (await (await admin('GET', '/rejected-mutations')).json()) as { type: string }[];
    expect(rejected.filter((r) => r.type === 'parcel.sent')).toEqual([]);
    expect(await res.json()).toMatchObject({
      id: shipmentId,
      carrier: '中通快递',
      weightGrams: 2500,
      feeFen: 1600,
      status: 'accepted',
      recipient: { name: '李si', province: '湖北省', city: '武汉市', county: '洪山区', address: '12号' },
    });
  });

  it('shows a tracking event the county records in 我的寄件', async () => {
    const event = await admin('POST', `/shipments/${shipmentId}/events`, {
      status: 'in_transit',
      place: '武汉转运中心',
    });
    expect(event.status).toBe(201);

    // Pull now rather than wait for the engine's timer: 操作员 → 同步状态 → 立即同步.
    await tap('返回');
    await tap('同步状态');
    await tap('立即同步');
    await tap('返回');
    await tap('返回首页');

    await page.getByRole('button', { name: /^寄件/ }).click();
    await page.getByRole('button', { name: /^我的寄件/ }).click();
    await keys(SENDER_PHONE);
    await tap('查询');
    const card = page.locator(`[data-shipment="${shipmentId}"]`);
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 30_000 }).toBe('in_transit');
    expect(await card.innerText()).toContain('运输中');
    expect(await card.innerText()).toContain('武汉转运中心');
  });

  it('hands the shipment to the courier on a printed dispatch manifest that reaches the county', async () => {
    await tap('返回首页');
    await page.getByRole('button', { name: '操作员' }).click();
    await signInIfAsked();
    await tap('快递交接');
    await page.getByRole('radio', { name: '中通快递' }).click();
    const item = page.locator(`[data-shipment="${shipmentId}"]`);
    expect(await item.getAttribute('aria-checked')).toBe('true');
    await page.getByRole('button', { name: /^确认交接/ }).click();
    await page.getByText(/^交接完成：寄出 1 件/).waitFor();
    await page.getByText('交接单已打印，请快递员签字').waitFor({ timeout: 15_000 });

    await tap('返回操作员菜单');
    await tap('设备诊断');
    const receipt = page.getByLabel('模拟打印机：最后一张小票');
    await expect.poll(() => receipt.innerText(), { timeout: 15_000 }).toContain('揽收交接单');
    const paper = await receipt.innerText();
    expect(paper).toContain('快递：中通快递');
    expect(paper).toMatch(/0001 李si +2\.50 kg/);
    expect(paper).toContain('快递员签字：');

    await expect
      .poll(() => page.locator('[data-status=pending]').innerText(), { timeout: 60_000 })
      .toContain('待同步 0 条');
    const res = await admin('GET', `/shipments/${shipmentId}`);
    // The county's tracking status (in transit) is newer news than the handover, so it stays.
    expect(await res.json()).toMatchObject({
      manifestId: expect.any(String) as string,
      status: 'in_transit',
    });
  });
});
