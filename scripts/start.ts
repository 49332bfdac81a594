/**
 * `npm start`: the whole product on one machine.
 *   1. builds what is stale (kiosk app, county console);
 *   2. starts the county centre on embedded PGlite under ./data (or DATABASE_URL), seeded on first run;
 *   3. enrolls a demo terminal for one village (once; the credentials persist in data/kiosk/);
 *   4. starts the kiosk with simulated hardware — in Electron when its binary is installed, else in
 *      browser mode (opening Chromium in app mode when there is a display), and says which.
 * Ctrl-C stops everything cleanly; the next `npm start` reuses the data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig, type ProductConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { ensureBuilt, root } from './build';
import { chromiumArgs, planWindow } from './launch';
import { ensureDemoDevice, ensureDemoOperators } from './demo-device';
import { buildShell } from './build-shell';
import { startCounty } from '../county/main';
import { startKioskRuntime } from '../kiosk-shell/runtime';
import { createKioskLogger } from '../kiosk-shell/log-ring';
import { readDevice } from '../kiosk-shell/device-store';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function adminToken(config: ProductConfig): Promise<string> {
  if (config.county.adminToken) return config.county.adminToken;
  const file = join(config.dataDir, 'county', 'admin-token');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const token = randomBytes(24).toString('base64url');
    await mkdir(join(config.dataDir, 'county'), { recursive: true });
    await writeFile(file, token, { mode: 0o600 });
    return token;
  }
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  let config: ProductConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  config = { ...config, dataDir: resolve(config.dataDir) };
  // Logs go to files under data/logs so the console shows what a person needs; the files are what a
  // village sends back with a fault report.
  const logDir = join(config.dataDir, 'logs');
  // Also kept in memory for 设备诊断's log view and export (kiosk-shell/log-ring.ts).
  const { logger, ring: kioskLogRing } = createKioskLogger(
    'kiosk',
    config.kiosk.logLevel,
    join(logDir, 'kiosk.log'),
  );
  await mkdir(config.dataDir, { recursive: true });

  const built = await ensureBuilt({ log: say });
  if (built.length === 0) say('build is up to date');

  // Ctrl-C is handled from here on, before anything is started: a signal that arrives while
  // starting (or just as "press Ctrl-C" is printed) still closes whatever is already running.
  // eslint-disable-next-line prefer-const -- assigned below, after the handler that reads it exists
  let county: Awaited<ReturnType<typeof startCounty>> | undefined;
  let kiosk: { close(): Promise<void> } | undefined;
  let child: ChildProcess | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping…`);
    child?.kill('SIGTERM');
    let failed = false;
    // Each part is closed even if another fails: the county's database must be closed cleanly.
    for (const [name, close] of [
      ['kiosk', () => kiosk?.close()],
      ['county', () => county?.close()],
    ] as const) {
      try {
        say(`  closing the ${name}…`);
        await close();
      } catch (err) {
        failed = true;
        logger.error({ err }, `closing the ${name} failed`);
        process.stderr.write(`closing the ${name} failed: ${(err as Error).message}\n`);
      }
    }
    say('stopped');
    process.exit(failed ? 1 : 0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // With kiosk.countyUrl set (VPK_COUNTY_URL), this machine is a village terminal of a county that
  // runs elsewhere: no county here, and the operator enrolls the terminal with a code from the county.
  const external = config.kiosk.countyUrl;
  county = external
    ? undefined
    : await startCounty({
        host: config.county.host,
        port: config.county.port,
        dataDir: config.dataDir,
        databaseUrl: config.county.databaseUrl,
        adminToken: await adminToken(config),
        admission: config.county.admission,
        logger: createLogger('county', config.county.logLevel, join(logDir, 'county.log')),
        seed: true,
      });
  const countyUrl = external ?? county!.url;
  if (county) {
    say(
      `county centre: ${county.url}  (${config.county.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`})`,
    );
    const device = await ensureDemoDevice({ county, dataDir: config.dataDir, logger });
    say(`demo terminal: ${device.deviceId} enrolled for village ${device.villageName} (${device.villageId})`);
    const operators = await ensureDemoOperators(county.db, device.villageId);
    say(
      `operator sign-in (操作员): ${operators.map((o) => `${o.name} PIN ${o.pin}`).join(', ')} — demonstration only`,
    );
  } else {
    const device = await readDevice(config.dataDir);
    say(`county centre: ${external} (not started here: kiosk.countyUrl is set)`);
    say(
      device
        ? `terminal: ${device.deviceId} enrolled for village ${device.villageId}`
        : 'terminal: not enrolled — 操作员 → 终端注册, with a code from the county (npm run county -- enrollment-code)',
    );
  }

  const plan = planWindow({ root, noOpen: args.has('--no-open') });
  const kioskUrl = `http://127.0.0.1:${config.kiosk.port}/`;

  if (plan.kind === 'electron') {
    await buildShell();
    say(`kiosk: Electron (binary found), ${config.kiosk.simulate ? 'simulated' : 'real'} hardware`);
    child = spawn(plan.binary, [join(root, 'dist/shell/main.cjs')], {
      stdio: 'inherit',
      env: { ...process.env, VPK_COUNTY_URL: countyUrl, VPK_DATA_DIR: config.dataDir },
    });
  } else {
    kiosk = await startKioskRuntime({
      config: { ...config, kiosk: { ...config.kiosk, countyUrl } },
      shell: 'browser',
      logger: logger.child({ module: 'kiosk' }),
      logRing: kioskLogRing,
      // The county URL chosen here is an override, as for Electron: settings show it as such.
      env: { ...process.env, VPK_COUNTY_URL: countyUrl },
    });
    const simulated = config.kiosk.simulate ? 'simulated hardware' : 'real hardware';
    say(`kiosk: browser mode (Electron binary not installed), ${simulated}`);
    if (plan.kind === 'chromium') {
      say(`opening Chromium in app mode: ${plan.binary}`);
      child = spawn(plan.binary, chromiumArgs(kioskUrl, join(config.dataDir, 'chromium-profile')), {
        stdio: 'ignore',
      });
      child.on('error', (err) => logger.warn({ err }, 'could not open Chromium'));
    } else {
      say(`no window opened: ${plan.reason}`);
    }
  }

  say('');
  say(`  kiosk:          ${kioskUrl}`);
  if (county)
    say(
      `  county console: ${county.url}/   (admin token in ${join(config.dataDir, 'county', 'admin-token')})`,
    );
  say('');
  say(`  logs:           ${logDir}`);
  say('');
  say('press Ctrl-C to stop');

  child?.on('exit', (code) => {
    if (plan.kind === 'electron') void stop(`Electron exited (${code})`);
  });
}

await main();
