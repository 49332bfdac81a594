/** Signing in at the operator gate, as an operator does: tap 操作员, tap your name, type the PIN. */
import type { Page } from 'playwright-core';

/** The demo accounts `npm start` creates (scripts/demo-device.ts). */
export const DEMO_OPERATOR = { name: '演示操作员', pin: '123456' } as const;
export const DEMO_TECHNICIAN = { name: '演示技术员', pin: '888888' } as const;

/** From any screen with the 操作员 entry (home) to the operator menu. */
export async function signInOperator(
  page: Page,
  who: { name: string; pin: string } = DEMO_OPERATOR,
): Promise<void> {
  await page.getByRole('button', { name: /操作员/ }).click();
  // The accounts arrive with a pull: wait for the name rather than failing at once.
  await page.getByRole('button', { name: new RegExp(who.name) }).click({ timeout: 30_000 });
  for (const digit of who.pin) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('heading', { name: '操作员', exact: true }).waitFor({ timeout: 15_000 });
}
