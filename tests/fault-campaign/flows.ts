/**
 * The flows the campaign cuts or disturbs, by taps as in tests/e2e: checkout, intake and pickup
 * (shop.test.ts, parcels.test.ts) for the kills; 寄件, 快递交接 and 日结 (send.test.ts,
 * cash-day.test.ts) for the printer faults at the counter.
 */
import type { Page } from 'playwright-core';
import { formatFen } from '../../app/components/money';
import { signInOperator } from '../e2e/operator';

const tap = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

/**
 * 代购 from the home screen to 下单成功; resolves with the order id the screen shows (the villager's
 * acknowledgement). `onConfirmTap` is called just before 确认下单 is tapped.
 */
export async function checkout(page: Page, phone: string, onConfirmTap: () => void): Promise<string> {
  await page.getByRole('button', { name: /代购/ }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: '化肥', exact: true }).click({ timeout: 30_000 });
  const first = page.locator('.product-row').first();
  await first.click();
  await page.getByRole('button', { name: '加入购物车' }).click();
  await page.getByRole('button', { name: '去结算' }).click();
  for (const digit of phone) await tap(page, digit);
  await page.getByRole('radio', { name: /现金/ }).click();
  onConfirmTap();
  await page.getByRole('button', { name: '确认下单' }).click();
  await page.getByRole('heading', { name: '下单成功' }).waitFor();
  const id = await page.locator('[data-order-id]').getAttribute('data-order-id');
  if (!id) throw new Error('下单成功 without an order id');
  return id;
}

/**
 * 快递代收 by the operator: sign in, waybill, carrier, phone, a small compartment; resolves with the
 * pickup code once the door has closed and the parcel is saved.
 */
export async function intake(
  page: Page,
  waybill: string,
  phone: string,
  codeTimeout = 45_000,
): Promise<string> {
  await signInOperator(page);
  await tap(page, '快递代收');
  await page.getByRole('heading', { name: '快递代收' }).waitFor();
  const field = page.getByLabel('运单号');
  await field.fill(waybill);
  await field.blur();
  await tap(page, '中通快递');
  for (const d of phone) await tap(page, d);
  await page.getByRole('button', { name: /^小格（空 \d+）$/ }).click();
  const code = page.locator('[data-pickup-code]');
  await code.waitFor({ timeout: codeTimeout });
  return (await code.getAttribute('data-pickup-code')) ?? '';
}

/** 取件 by a villager: the code on the keypad, the door opens and closes. */
export async function pickup(page: Page, code: string): Promise<void> {
  await page.locator('[data-service=pickup]').click({ timeout: 30_000 });
  await page.getByRole('heading', { name: '取件', exact: true }).waitFor();
  for (const d of code) await tap(page, d);
  await tap(page, '取件');
  await page.getByText('取件完成，谢谢！').waitFor({ timeout: 45_000 });
}

/** The operator's sign-in gate, when it shows (a flow may reach it already signed in). */
async function signInIfAsked(page: Page): Promise<void> {
  const gate = page.getByRole('heading', { name: '操作员登录' });
  if (!(await gate.isVisible())) return;
  await page.getByRole('button', { name: /演示操作员/ }).click({ timeout: 30_000 });
  for (const d of '123456') await tap(page, d);
}

/**
 * 寄件 as in tests/e2e/send.test.ts: the villager enters sender and recipient by taps, the operator
 * weighs (2.5 kg) and takes the cash fee; resolves with the shipment id once 寄件成功 shows (stored).
 */
export async function sendParcel(page: Page, senderPhone: string): Promise<string> {
  const keys = async (text: string) => {
    for (const k of text) await tap(page, k);
  };
  await page.getByRole('button', { name: /^寄件/ }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: /^我要寄件/ }).click();
  await tap(page, '张');
  await keys('san');
  await tap(page, '下一步');
  await keys(senderPhone);
  await tap(page, '下一步');
  await tap(page, '李');
  await keys('si');
  await tap(page, '下一步');
  await keys('13987654321');
  await tap(page, '下一步');
  for (const place of ['湖北省', '武汉市', '洪山区']) await tap(page, place);
  await tap(page, '下一步');
  await keys('12');
  await tap(page, '号');
  await tap(page, '下一步');
  await page.getByRole('heading', { name: '请核对寄件信息' }).waitFor();
  await tap(page, '交给操作员称重收费');
  await page
    .getByRole('heading', { name: /操作员登录|操作员：称重收费/ })
    .first()
    .waitFor();
  await signInIfAsked(page);
  await page.getByRole('radio', { name: '中通快递' }).click({ timeout: 30_000 });
  await keys('2.5');
  await page.getByRole('button', { name: /^收现金 .* 并打印面单$/ }).click();
  await page.getByRole('heading', { name: '寄件成功' }).waitFor();
  const id = await page.locator('[data-shipment-id]').getAttribute('data-shipment-id');
  if (!id) throw new Error('寄件成功 without a shipment id');
  return id;
}

/** 快递交接 from the home screen: the operator hands everything waiting for 中通快递 to the courier. */
export async function dispatchToCourier(page: Page): Promise<void> {
  await signInOperator(page);
  await tap(page, '快递交接');
  await page.getByRole('radio', { name: '中通快递' }).click();
  await page.getByRole('button', { name: /^确认交接/ }).click();
  await page.getByText(/^交接完成：寄出 \d+ 件/).waitFor();
}

/** Notes and coins, largest first, in fen (as the count screen offers them). */
const FACES = [10000, 5000, 2000, 1000, 500, 100, 50, 10];

/**
 * 日结 from the home screen: opens the day with a ¥200 float if it is not open, counts the drawer
 * note by note to what the ledger expects (a remainder below ¥0.10 is explained as 找零出错) and
 * closes; resolves once 今天已日结 shows (the close is stored) with what was expected and counted.
 */
export async function closeCashDay(page: Page): Promise<{ expectedFen: number; countedFen: number }> {
  await signInOperator(page);
  await tap(page, '日结');
  const opening = page.getByRole('heading', { name: '开始营业' });
  const count = page.getByRole('button', { name: '点钞日结', exact: true });
  await opening.or(count).first().waitFor();
  if (await opening.isVisible()) {
    for (const d of '200') await tap(page, d);
    await tap(page, '确认备用金，开始营业');
    // Gone once the float is in the ledger the count screen reads.
    await opening.waitFor({ state: 'hidden' });
  }
  await count.click();
  // What the count screen expects (the ledger as it stands once the float is in).
  const expected = await page.locator('.cashday__count .facts dd').first().innerText();
  // formatFen's text (¥1,216.00): always two decimals, so its digits are the fen.
  const expectedFen = Number(expected.replace(/[^\d-]/g, ''));
  let rest = expectedFen;
  for (const face of FACES) {
    const pieces = Math.floor(rest / face);
    rest -= pieces * face;
    const plus = page.getByRole('button', { name: `${formatFen(face)} 加一张` });
    for (let i = 0; i < pieces; i++) await plus.click();
  }
  if (rest > 0) await page.getByRole('radio', { name: '找零出错', exact: true }).click();
  await tap(page, '确认日结');
  await page.getByRole('heading', { name: '今天已日结' }).waitFor();
  return { expectedFen, countedFen: expectedFen - rest };
}
