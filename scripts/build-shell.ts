/**
 * Bundles the Electron shell: kiosk-shell/main.ts → dist/shell/main.cjs and kiosk-shell/preload.ts →
 * dist/shell/preload.cjs. Run with `tsx scripts/build-shell.ts` (npm run build:shell) after the app
 * build, so the layout electron-builder packs is dist/shell (code) next to dist/app (the page).
 *
 * Why a bundle:
 * - a sandboxed preload can only `require('electron')`: anything else it imports must be inlined.
 *   buildShell checks that and fails the build, instead of the kiosk failing with a blank screen;
 * - main loads one file instead of walking hundreds of node_modules files on a slow village PC.
 *
 * Electron and native addons stay external (they ship binaries; electron-builder packs them).
 */
import { resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import * as api from '../kiosk-shell/api';
import { createLogger } from '../common/logger';

const root = fileURLToPath(new URL('..', import.meta.url));
export const defaultShellOutDir = join(root, 'dist', 'shell');

/** Loaded at run time from node_modules, never inlined. */
export const MAIN_EXTERNALS = ['electron', 'serialport', '@serialport/*', '@electric-sql/pglite'];
export const PRELOAD_EXTERNALS = ['electron'];

/*
 * The sources are ES modules and some read `import.meta.url` at load time (runtime.ts's defaultAppDir,
 * main.ts's own folder). A CJS bundle has no import.meta, so it is defined as this variable, which
 * the banner sets to the bundle's own file URL: main.cjs then finds preload.cjs beside itself and
 * the app at ../app.
 */
const IMPORT_META_URL = '__vpkImportMetaUrl';

/*
 * api.ts builds its zod schemas at load time, which esbuild cannot prove free of side effects, so
 * bundling it as is would put all of zod (~750 KB) into a preload that runs on every page load. The
 * preload needs only constants from it (validation happens in main), so for the preload bundle
 * `./api` is replaced by a module of api.ts's primitive exports, taken from the real module. If the
 * preload ever imports a schema or a function from api.ts, esbuild fails with "No matching export".
 */
export const apiConstantsPlugin: Plugin = {
  name: 'kiosk-api-constants',
  setup(b) {
    b.onResolve({ filter: /^\.\/api(\.ts)?$/ }, (args) =>
      args.importer.endsWith(join('kiosk-shell', 'preload.ts'))
        ? { path: 'api', namespace: 'kiosk-api' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'kiosk-api' }, () => ({
      loader: 'js',
      contents: Object.entries(api)
        .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
        .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
        .join('\n'),
    }));
  },
};

export interface BuildShellResult {
  main: string;
  preload: string;
  /** esbuild warnings, formatted; an empty list is the normal case. */
  warnings: string[];
}

const common: BuildOptions = {
  bundle: true,
  format: 'cjs',
  absWorkingDir: root,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'silent',
  legalComments: 'none',
};

/** The module names a bundle still `require`s at run time (its external imports). */
export function externalImports(metafile: Metafile): string[] {
  const names = Object.values(metafile.outputs).flatMap((o) =>
    o.imports.filter((i) => i.external).map((i) => i.path),
  );
  return [...new Set(names)].sort();
}

export async function buildShell(outDir: string = defaultShellOutDir): Promise<BuildShellResult> {
  const main = join(outDir, 'main.cjs');
  const preload = join(outDir, 'preload.cjs');

  const mainResult = await build({
    ...common,
    entryPoints: [join(root, 'kiosk-shell', 'main.ts')],
    outfile: main,
    platform: 'node',
    target: 'node22',
    external: MAIN_EXTERNALS,
    define: { 'import.meta.url': IMPORT_META_URL },
    // 'use strict' first: the banner comes before esbuild's own directive, which would stop being one.
    banner: {
      js: `'use strict';\nvar ${IMPORT_META_URL} = require('node:url').pathToFileURL(__filename).href;`,
    },
  });

  // platform 'browser': a sandboxed preload has no Node built-ins, so importing one must fail here.
  const preloadResult = await build({
    ...common,
    entryPoints: [join(root, 'kiosk-shell', 'preload.ts')],
    outfile: preload,
    platform: 'browser',
    target: 'es2023',
    external: PRELOAD_EXTERNALS,
    plugins: [apiConstantsPlugin],
  });

  const stray = externalImports(preloadResult.metafile!).filter((name) => !PRELOAD_EXTERNALS.includes(name));
  if (stray.length > 0) {
    throw new Error(
      `preload.cjs would require ${stray.join(', ')}: a sandboxed preload can only require electron`,
    );
  }
  const warnings = [...mainResult.warnings, ...preloadResult.warnings].map(
    (w) => `${w.location ? `${w.location.file}:${w.location.line}: ` : ''}${w.text}`,
  );
  return { main, preload, warnings };
}

// `tsx scripts/build-shell.ts [outDir]`
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const log = createLogger('build-shell');
  buildShell(process.argv[2] === undefined ? undefined : resolve(process.argv[2])).then(
    (result) => {
      for (const warning of result.warnings) log.warn(warning);
      log.info({ main: result.main, preload: result.preload }, 'shell bundled');
    },
    (error: unknown) => {
      log.error({ err: error }, 'shell build failed');
      process.exitCode = 1;
    },
  );
}
