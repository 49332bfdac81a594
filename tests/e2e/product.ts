/**
 * Runs the product exactly as `npm start` does (scripts/start.ts in a child process), on free ports
 * and a throw-away data directory, and drives it with the system Chromium through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { root } from '../../scripts/build';
import { CHROMIUM_FLAGS, chromiumPath } from '../support/suites';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningProduct {
  kioskUrl: string;
  countyUrl: string;
  dataDir: string;
  output: () => string;
  /** Sends Ctrl-C (SIGINT) and resolves with the exit code. */
  stop(): Promise<number | null>;
  child: ChildProcess;
}

/** Set by the e2e global setup: a data directory the product already initialised once. */
export const TEMPLATE_ENV = 'VPK_E2E_DATA_TEMPLATE';

function freshDataDir(fromTemplate: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpk-e2e-'));
  const template = process.env[TEMPLATE_ENV];
  if (fromTemplate && template && existsSync(template)) cpSync(template, dir, { recursive: true });
  return dir;
}

export async function startProduct(
  opts: { dataDir?: string; kioskPort?: number; countyPort?: number; env?: Record<string, string> } = {},
): Promise<RunningProduct> {
  // The template is the demo product (its own county, the demo terminal enrolled): a terminal pointed
  // at another county must start empty, as a new terminal in the field does.
  const dataDir = opts.dataDir ?? freshDataDir(opts.env?.VPK_COUNTY_URL === undefined);
  const kioskPort = opts.kioskPort ?? (await freePort());
  const countyPort = opts.countyPort ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VPK_DATA_DIR: dataDir,
    VPK_KIOSK_PORT: String(kioskPort),
    VPK_COUNTY_PORT: String(countyPort),
    VPK_SIMULATE: '1',
    VPK_KIOSK_LOG_LEVEL: 'warn',
    VPK_COUNTY_LOG_LEVEL: 'warn',
    ...opts.env,
  };
  // The product's default is the embedded database; CI's DATABASE_URL is for the PostgreSQL suites.
  delete env.DATABASE_URL;
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  // Node with the tsx loader, not the tsx CLI: Ctrl-C reaches our process itself, not a relaying wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-open'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up in time:\n${out}`)), 150_000);
    const check = () => {
      if (out.includes('press Ctrl-C to stop')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${out}`));
    });
  });

  return {
    kioskUrl: `http://127.0.0.1:${kioskPort}/`,
    countyUrl: `http://127.0.0.1:${countyPort}`,
    dataDir,
    output: () => out,
    child,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [...CHROMIUM_FLAGS],
  });
}

export interface KioskSession {
  product: RunningProduct;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Closes the browser, then stops the product with Ctrl-C; resolves with its exit code. */
  close(): Promise<number | null>;
}

/** The product as `npm start` runs it, and a Chromium page on a 1280 px kiosk screen. */
export async function openKiosk(
  opts: { env?: Record<string, string>; height?: number } = {},
): Promise<KioskSession> {
  const product = await startProduct(opts.env ? { env: opts.env } : {});
  const browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1280, height: opts.height ?? 800 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  return {
    product,
    browser,
    context,
    page,
    close: async () => {
      await browser.close();
      return product.stop();
    },
  };
}
