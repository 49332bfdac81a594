/** `npm start` with a wrong setting stops before touching anything and names the setting. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../scripts/build';

describe('npm start configuration', () => {
  it('refuses a wrong value with a message naming the setting and its variable', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'vpk-start-')), 'data');
    const run = spawnSync(join(root, 'node_modules/.bin/tsx'), ['scripts/start.ts', '--no-open'], {
      cwd: root,
      env: { ...process.env, VPK_DATA_DIR: dataDir, VPK_KIOSK_PORT: 'eighty', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('kiosk.port');
    expect(run.stderr).toContain('VPK_KIOSK_PORT');
    expect(existsSync(dataDir)).toBe(false); // nothing was created
  });
});
