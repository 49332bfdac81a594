/**
 * The product for the fault campaign (tests/fault-campaign): the same parts `npm start` composes —
 * county centre on PGlite (seeded, demo terminal and operators), the kiosk runtime (origin server,
 * KioskApi bridge, emulated printer and locker boards) — but in this process, so the campaign can
 * count lock-open commands on the emulated board bus and act as the villager's hand (jam a lock,
 * silence a board, take the paper out). The kiosk app itself runs in a Chromium that this module
 * starts as a plain child process on a persistent profile, so it can be SIGKILLed like a power cut
 * and started again on the same IndexedDB.
 *
 * The whole-kiosk kills (shell and window together) use tests/support/whole-kiosk.ts instead, which
 * runs the runtime in a child process on real-hardware configuration; it shares this module's
 * Chromium launcher, data directory template and board-bus decoding.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../common/config';
import { silentLogger } from '../../common/logger';
import { startCounty, type RunningCounty } from '../../county/main';
import { exampleLockerConfig } from '../../drivers/locker/compartments';
import * as generic from '../../drivers/locker/generic-codec';
import * as kerong from '../../drivers/locker/kerong-codec';
import { createSimulatedHardware, type SimulatedHardware } from '../../kiosk-shell/hardware';
import type { PrintJob } from '../../kiosk-shell/api';
import { startKioskRuntime, type KioskRuntime } from '../../kiosk-shell/runtime';
import { ensureDemoDevice, ensureDemoOperators } from '../../scripts/demo-device';
import { freePort, TEMPLATE_ENV } from '../e2e/product';
import { startFaultyLink, type FaultyLink } from './faulty-link';
import { CHROMIUM_FLAGS, chromiumPath } from './suites';

export const CAMPAIGN_ADMIN_TOKEN = 'fault-campaign-admin-token-0123456789';

export interface FaultProduct {
  dataDir: string;
  county: RunningCounty;
  kiosk: KioskRuntime;
  hardware: SimulatedHardware;
  /** Between the kiosk's /county proxy and the county: slows sync so kills land inside it. */
  link: FaultyLink;
  kioskUrl: string;
  villageId: string;
  /** Lock-open commands seen on the emulated board bus, per compartment id, since the start. */
  opensByCompartment(): Map<string, number>;
  /** GET on the county's admin API. */
  admin<T>(path: string): Promise<T>;
  /** The kiosk's print queue, as 设备诊断 lists it (through the bridge, as the app asks). */
  printJobs(): Promise<PrintJob[]>;
  close(): Promise<void>;
}

/**
 * A new data directory for a campaign's product: a copy of the e2e global setup's template (county
 * database created, migrated and seeded, demo terminal enrolled) when there is one, as the e2e
 * suites start — a county seeded from nothing costs each file ~10 s of the campaign's budget.
 */
export function campaignDataDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const template = process.env[TEMPLATE_ENV];
  if (template && existsSync(template)) cpSync(template, dir, { recursive: true });
  return dir;
}

/**
 * The county side both campaign products share: a data directory (from the template), the county on
 * it (seeded, the demo terminal enrolled there, its operators), and the link the kiosk reaches it by,
 * with `rttMs` added round-trip time.
 */
export async function startCampaignCounty(prefix: string, rttMs = 0) {
  const dataDir = campaignDataDir(prefix);
  const county = await startCounty({
    port: 0,
    dataDir,
    adminToken: CAMPAIGN_ADMIN_TOKEN,
    logger: silentLogger,
    seed: true,
  });
  const device = await ensureDemoDevice({ county, dataDir, logger: silentLogger });
  await ensureDemoOperators(county.db, device.villageId);
  const link = await startFaultyLink({ target: () => county.url, rttMs, faultRate: 0 });
  return { dataDir, county, device, link };
}

export async function startFaultProduct(opts: { doorAutoCloseMs?: number; rttMs?: number } = {}) {
  const { dataDir, county, device, link } = await startCampaignCounty('vpk-fault-', opts.rttMs);
  const port = await freePort();
  writeFileSync(join(dataDir, 'vpk.config.json'), '{}');
  const config = loadConfig({
    env: { VPK_DATA_DIR: dataDir, VPK_KIOSK_PORT: String(port), VPK_SIMULATE: '1', VPK_COUNTY_URL: link.url },
    file: join(dataDir, 'vpk.config.json'),
  });
  const hardware = createSimulatedHardware({
    locker: {
      protocol: config.kiosk.hardware.locker.protocol,
      compartments:
        config.kiosk.hardware.locker.compartments ??
        exampleLockerConfig(config.kiosk.hardware.locker.protocol).compartments,
    },
    doorAutoCloseMs: opts.doorAutoCloseMs ?? 1500,
  });
  const kiosk = await startKioskRuntime({
    config,
    shell: 'browser',
    logger: silentLogger,
    hardware,
    configFile: join(dataDir, 'vpk.config.json'),
    env: { VPK_COUNTY_URL: link.url },
  });
  const lockers = hardware.lockers;
  const idOf = new Map(lockers.config.compartments.map((c) => [`${c.board}/${c.lock}`, c.id]));
  const product: FaultProduct = {
    dataDir,
    county,
    kiosk,
    hardware,
    link,
    kioskUrl: kiosk.url,
    villageId: device.villageId,
    opensByCompartment: () => {
      const counts = new Map<string, number>();
      for (const frame of lockers.emulator.received) {
        const open = decodeOpen(lockers.config.protocol, frame);
        if (!open) continue;
        const id = idOf.get(`${open.board}/${open.lock}`) ?? `${open.board}/${open.lock}`;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    },
    admin: async <T>(path: string) => {
      const res = await fetch(`${county.url}/api/v1/admin${path}`, {
        headers: { authorization: `Bearer ${CAMPAIGN_ADMIN_TOKEN}` },
      });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    printJobs: async () => {
      const r = await kiosk.handlers['printer.jobs']({});
      if (!r.ok) throw new Error(r.error.message);
      return r.value.jobs;
    },
    close: async () => {
      await kiosk.close();
      await link.close();
      await county.close();
      // ~100 MB a campaign (the county's database); FAULT_SEED replays a run that needs looking at.
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return product;
}

/**
 * A product and one kiosk window on a fresh profile that stays up for the whole file (the suites that
 * turn hardware faults on, not kills); `close()` closes both and removes the profile.
 */
export async function startFaultKiosk(profilePrefix: string) {
  const product = await startFaultProduct();
  const profile = mkdtempSync(join(tmpdir(), profilePrefix));
  const k = await launchKioskChromium(profile).catch(async (error: unknown) => {
    await product.close();
    throw error;
  });
  const close = async () => {
    await k.close();
    await product.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { product, k, close };
}

/** A lock-open request on the board bus (either protocol), or undefined for any other frame. */
export function decodeOpen(protocol: string, frame: Uint8Array): { board: number; lock: number } | undefined {
  if (protocol === 'generic') {
    const req = generic.decodeRequest(frame);
    return req?.kind === 'open' ? { board: req.board, lock: req.lock } : undefined;
  }
  const req = kerong.decodeRequest(frame);
  return req?.kind === 'unlock' ? { board: req.board, lock: req.lock } : undefined;
}

/**
 * Chromium as the kiosk window: a child process of ours on a persistent profile (real IndexedDB on
 * disk; the app asks for strict durability), driven over CDP. `kill()` is SIGKILL to its whole
 * process group — browser, renderer and storage service die at once, nothing is flushed on the way.
 */
export interface KioskChromium {
  browser: Browser;
  page: Page;
  child: ChildProcess;
  kill(): Promise<void>;
  close(): Promise<void>;
}

export async function launchKioskChromium(profileDir: string): Promise<KioskChromium> {
  const child = spawn(
    chromiumPath,
    [
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profileDir}`,
      ...CHROMIUM_FLAGS,
      '--lang=zh-CN',
      '--window-size=1280,1000',
      'about:blank',
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${err}`)), 60_000);
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(() => reject(new Error(`Chromium exited:\n${err}`)));
  });
  const browser = await chromium.connectOverCDP(wsUrl);
  const context = browser.contexts()[0]!;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1280, height: 1000 });
  const kill = async () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await exited;
    await browser.close().catch(() => undefined);
  };
  return {
    browser,
    page,
    child,
    kill,
    close: async () => {
      await browser.close().catch(() => undefined);
      await kill();
    },
  };
}
