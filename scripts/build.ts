/**
 * Builds what `npm start` and the e2e tests serve: the kiosk app (dist/app) and the county console
 * (dist/county-admin). `ensureBuilt` rebuilds only when a source is newer than its build, so a
 * second `npm start` starts at once.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const root = fileURLToPath(new URL('..', import.meta.url));

interface Target {
  name: string;
  config: string;
  output: string; // a file the build always writes
  sources: string[];
}

export const targets: Target[] = [
  {
    name: 'kiosk app',
    config: join(root, 'app/vite.config.ts'),
    output: join(root, 'dist/app/index.html'),
    sources: [join(root, 'app'), join(root, 'kiosk-shell/api.ts')],
  },
  {
    name: 'county console',
    config: join(root, 'county/admin/vite.config.ts'),
    output: join(root, 'dist/county-admin/index.html'),
    sources: [join(root, 'county/admin')],
  },
];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isStale(target: Target): boolean {
  if (!existsSync(target.output)) return true;
  const built = statSync(target.output).mtimeMs;
  return target.sources.some((s) => existsSync(s) && newestMtime(s) > built);
}

export async function buildTarget(
  target: Target,
  log: (line: string) => void = () => undefined,
): Promise<void> {
  log(`building ${target.name} (${relative(root, target.config)})…`);
  await build({ configFile: target.config, logLevel: 'warn', mode: 'production' });
}

export async function ensureBuilt(
  opts: { force?: boolean; log?: (line: string) => void } = {},
): Promise<string[]> {
  const built: string[] = [];
  for (const target of targets) {
    if (opts.force || isStale(target)) {
      await buildTarget(target, opts.log);
      built.push(target.name);
    }
  }
  return built;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureBuilt({ force: process.argv.includes('--force'), log: (l) => process.stdout.write(`${l}\n`) });
}
