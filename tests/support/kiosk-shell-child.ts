/**
 * The kiosk's Node side as its own process, for the fault campaign's whole-kiosk kills
 * (tests/support/whole-kiosk.ts): the same composition as `npm start` in browser mode
 * (scripts/start.ts) — configuration from the environment and VPK_CONFIG, the kiosk logger with its
 * ring, startKioskRuntime — and nothing else (no build, no county, no window), so a SIGKILL of this
 * process is exactly the death of the shell: origin server, KioskApi bridge, print queue and the open
 * serial port and printer connection, all at once.
 *
 * Started as `node --import tsx tests/support/kiosk-shell-child.ts`; says `ready <url>` on stdout
 * once the origin listens. SIGTERM closes it cleanly (the end of a campaign), SIGKILL is the fault.
 */
import { join, resolve } from 'node:path';
import { loadConfig } from '../../common/config';
import { createKioskLogger } from '../../kiosk-shell/log-ring';
import { startKioskRuntime } from '../../kiosk-shell/runtime';

const loaded = loadConfig();
const config = { ...loaded, dataDir: resolve(loaded.dataDir) };
const { logger, ring } = createKioskLogger(
  'kiosk',
  config.kiosk.logLevel,
  join(config.dataDir, 'logs', 'kiosk.log'),
);
const kiosk = await startKioskRuntime({
  config,
  shell: 'browser',
  logger: logger.child({ module: 'kiosk' }),
  logRing: ring,
  env: process.env,
});
process.on('SIGTERM', () => {
  void kiosk.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
process.stdout.write(`ready ${kiosk.url}\n`);
