/** Reading the kiosk's own IndexedDB and status bar from its Chromium page. */
import type { Page } from 'playwright-core';
import { DB_NAME } from '../../app/store/db';

/** Every row of one Dexie table, read with the plain IndexedDB API (the current version). */
export function readKioskTable<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    ([name, store]) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as T[]);
          };
          req.onerror = () => reject(new Error(String(req.error)));
        };
      }),
    [DB_NAME, table] as const,
  );
}

/** The status bar says the outbox is empty (the county acknowledged everything queued). */
export async function waitSynced(page: Page, timeout = 90_000): Promise<void> {
  await expect
    .poll(() => page.locator('[data-status=pending]').innerText(), { timeout })
    .toContain('待同步 0 条');
  await expect.poll(async () => (await readKioskTable(page, 'outbox')).length, { timeout }).toBe(0);
}
