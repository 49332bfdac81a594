/**
 * Suites that need something from the machine (Chromium, socat, a PostgreSQL server) skip when it is
 * missing on a developer's machine and say why. CI sets VPK_REQUIRE_ALL_SUITES=1, which turns every
 * such skip into a failure, so a green CI never hides a suite that did not run.
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const requireAll = process.env.VPK_REQUIRE_ALL_SUITES === '1';

/** Returns true when the suite may run; false (with a printed reason) when it must skip. */
export function suiteCanRun(what: string, available: boolean, hint: string): boolean {
  if (available) return true;
  const message = `${what} is not available here (${hint})`;
  if (requireAll) throw new Error(`${message}; VPK_REQUIRE_ALL_SUITES=1 forbids skipping`);
  process.stderr.write(`[skip] ${message}: suite skipped\n`);
  return false;
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium without a sandbox, GPU or any call home: every test browser starts with these. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
] as const;

export function hasChromium(): boolean {
  return existsSync(chromiumPath);
}

export function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const databaseUrl = process.env.DATABASE_URL;
