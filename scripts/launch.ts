/**
 * Where the kiosk window comes from on this machine: Electron when its binary is installed
 * (production terminals), otherwise Chromium in app mode (browser mode), otherwise no window at all
 * (a server, CI, `--no-open`). Decisions only — start.ts acts on them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The electron npm package keeps its binary's path in path.txt once downloaded. We never
 * `require('electron')` to find out: the package tries to download the binary on require.
 */
export function electronBinary(root: string): string | undefined {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

export const chromiumCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH && existsSync(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
  return chromiumCandidates.find((p) => existsSync(p));
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export type WindowPlan =
  | { kind: 'electron'; binary: string }
  | { kind: 'chromium'; binary: string }
  | { kind: 'none'; reason: string };

export function planWindow(opts: {
  root: string;
  noOpen: boolean;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}): WindowPlan {
  const electron = electronBinary(opts.root);
  if (electron) return { kind: 'electron', binary: electron };
  if (opts.noOpen) return { kind: 'none', reason: '--no-open' };
  if (!hasDisplay(opts.env, opts.platform))
    return { kind: 'none', reason: 'no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  const chromium = findChromium(opts.env);
  if (chromium) return { kind: 'chromium', binary: chromium };
  return { kind: 'none', reason: 'no Chromium or Chrome found (set CHROMIUM_PATH)' };
}

/** Chromium as a kiosk window: its own profile under data/, app mode, no first-run noise. */
export function chromiumArgs(url: string, profileDir: string, kiosk = false): string[] {
  return [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    ...(kiosk ? ['--kiosk'] : []),
  ];
}
