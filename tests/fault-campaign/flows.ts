/** The flows the campaign cuts, by taps as in tests/e2e (shop.test.ts, parcels.test.ts). */
import type { Page } from 'playwright-core';
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
