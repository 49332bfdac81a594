import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../common/logger';
import { startCounty } from './main';
import { summaryCounts } from './summary';
import { TEST_ADMIN_TOKEN } from './testing';

describe('startCounty', () => {
  it('migrates, listens on 127.0.0.1 and closes server and database', async () => {
    const county = await startCounty({ port: 0, adminToken: TEST_ADMIN_TOKEN, logger: silentLogger });
    try {
      expect(county.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = (await (await fetch(`${county.url}/healthz`)).json()) as { ok: boolean; db: string };
      expect(health).toMatchObject({ ok: true, db: 'pglite' });
    } finally {
      await county.close();
    }
    await expect(fetch(`${county.url}/healthz`)).rejects.toThrow();
    await expect(county.db.query('SELECT 1')).rejects.toThrow();
  });

  describe('with a data folder', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vpk-county-main-'));
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('seeds on the first start and reuses the data on the next', async () => {
      const opts = { port: 0, dataDir, adminToken: TEST_ADMIN_TOKEN, logger: silentLogger, seed: true };
      const first = await startCounty(opts);
      let before;
      try {
        await first.db.query(
          `UPDATE catalogue_items SET price_fen = 1 WHERE id = (SELECT min(id) FROM catalogue_items)`,
        );
        before = await summaryCounts(first.db);
        expect(before.items).toBeGreaterThan(0);
      } finally {
        await first.close();
      }
      const second = await startCounty(opts);
      try {
        expect(await summaryCounts(second.db)).toEqual(before);
        const [changed] = await second.db.query<{ n: number }>(
          'SELECT count(*) AS n FROM catalogue_items WHERE price_fen = 1',
        );
        expect(changed?.n).toBeGreaterThan(0); // the administrator's change survived the restart
      } finally {
        await second.close();
      }
    });
  });
});
