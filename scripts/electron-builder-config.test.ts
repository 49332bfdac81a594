/**
 * electron-builder.yml, checked without packaging (the Electron download is not reachable from our
 * build machines, ARCHITECTURE.md §3): against electron-builder's own JSON schema
 * (app-builder-lib/scheme.json, validated the way electron-builder does it, with ajv), and against
 * the repository — the files it names exist, the main entry is inside what it packs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { suiteCanRun } from '../tests/support/suites';
import { root } from './build';

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  afterPack: string;
  npmRebuild: boolean;
  nodeGypRebuild: boolean;
  buildDependenciesFromSource: boolean;
  linux: { target: string[]; executableName: string; maintainer: string };
  win: { target: string[] };
  [key: string]: unknown;
}

const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };

function schemaPath(): string | undefined {
  try {
    return createRequire(join(root, 'package.json')).resolve('app-builder-lib/scheme.json');
  } catch {
    return undefined;
  }
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder’s own JSON schema', (ctx) => {
    const path = schemaPath();
    if (!path) {
      suiteCanRun('electron-builder’s JSON schema', false, 'npm install --save-dev electron-builder');
      ctx.skip();
      return;
    }
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as object);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('packs the main entry package.json names, and not the county console', () => {
    expect(pkg.main).toBe('dist/shell/main.cjs');
    expect(config.files).toContain('dist/**');
    expect(config.files).toContain('!dist/county-admin/**');
  });

  it('builds AppImage and deb for Linux and an NSIS installer for Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/); // deb needs a maintainer address
    expect(config.win.target).toEqual(['nsis']);
  });

  it('unpacks serialport’s prebuilt addon from the asar and rebuilds no native module', () => {
    expect(config.asarUnpack).toEqual(['node_modules/@serialport/bindings-cpp/prebuilds/**']);
    const prebuilds = join(root, 'node_modules/@serialport/bindings-cpp/prebuilds');
    expect(readdirSync(prebuilds)).toEqual(expect.arrayContaining(['linux-x64', 'win32-x64']));
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('runs the fuses hook after packing, from a file inside the project', () => {
    expect(config.afterPack).toBe('./scripts/electron-fuses.cjs');
    expect(existsSync(join(root, config.afterPack))).toBe(true);
    const hook = createRequire(import.meta.url)(join(root, config.afterPack)) as unknown;
    expect(typeof hook).toBe('function');
  });
});
