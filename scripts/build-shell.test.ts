/**
 * The shell bundles, built for real into a temporary dist/. Besides looking at the files, the tests
 * run them the way Electron would, minus Electron: the preload in a context whose `require` knows
 * only 'electron' (a sandboxed preload), and the bundled main in a child Node process whose
 * 'electron' is a stub (a node_modules/electron next to the temporary dist/), starting the real
 * kiosk runtime on a free port and serving the app from dist/app.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import { IPC_INVOKE_CHANNEL } from '../kiosk-shell/api';
import { buildShell, type BuildShellResult } from './build-shell';

let root: string;
let built: BuildShellResult;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'vpk-shell-'));
  built = await buildShell(join(root, 'dist', 'shell'));
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const requires = (code: string) =>
  [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);

describe('buildShell', () => {
  it('writes dist/shell/main.cjs and dist/shell/preload.cjs', () => {
    expect(built.main).toBe(join(root, 'dist', 'shell', 'main.cjs'));
    expect(built.preload).toBe(join(root, 'dist', 'shell', 'preload.cjs'));
    expect(readFileSync(built.main, 'utf8').length).toBeGreaterThan(0);
    expect(built.warnings).toEqual([]);
  });

  it('gives the preload no require but electron, and leaves zod out of it', () => {
    const code = readFileSync(built.preload, 'utf8');
    expect(requires(code)).toEqual(['electron']);
    expect(code.length).toBeLessThan(5_000);
  });

  it('produces a preload that works where only electron can be required (sandbox)', () => {
    const exposed = new Map<string, { invoke: (m: string, i: unknown) => unknown }>();
    const invoke = vi.fn((...args: unknown[]) => Promise.resolve(args));
    const electron = {
      contextBridge: { exposeInMainWorld: (k: string, v: { invoke: () => unknown }) => exposed.set(k, v) },
      ipcRenderer: { invoke },
    };
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`module not found: ${name}`);
    };
    const module = { exports: {} };
    runInNewContext(readFileSync(built.preload, 'utf8'), {
      require: sandboxRequire,
      module,
      exports: module.exports,
    });
    void exposed.get('kiosk')?.invoke('printer.status', {});
    expect(invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'printer.status', {});
  });

  it('leaves electron to be required at run time instead of inlining the npm package', () => {
    const code = readFileSync(built.main, 'utf8');
    expect(requires(code)).toContain('electron');
    expect(code).not.toContain('node_modules/electron/');
    expect(code).not.toContain('Electron failed to install correctly');
  });

  it('runs: the bundled main serves dist/app on the kiosk origin and answers IPC', async () => {
    mkdirSync(join(root, 'dist', 'app'), { recursive: true });
    writeFileSync(join(root, 'dist', 'app', 'index.html'), '<!doctype html><title>built kiosk app</title>');
    mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'electron', 'index.js'), STUB_ELECTRON);
    writeFileSync(join(root, 'drive.cjs'), DRIVER);
    writeFileSync(join(root, 'vpk.config.json'), '{}');
    const port = await freePort();

    const { stdout } = await promisify(execFile)(process.execPath, ['drive.cjs', built.main], {
      cwd: root,
      timeout: 30_000,
      env: {
        PATH: process.env.PATH,
        VPK_KIOSK_PORT: String(port),
        VPK_DATA_DIR: join(root, 'data'),
        VPK_KIOSK_LOG_LEVEL: 'silent',
        VPK_SIMULATE: '1',
      },
    });
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(report).toMatchObject({
      url: `http://127.0.0.1:${port}/`,
      preload: built.preload,
      kiosk: true,
      sandbox: true,
      printer: { ok: true, value: { simulated: true } },
      refused: { ok: false, error: { code: 'BAD_REQUEST' } },
      quit: true,
    });
    expect(report.page).toContain('built kiosk app');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Just enough of Electron's main-process API for main.ts; records what it is asked. */
const STUB_ELECTRON = `
const { EventEmitter } = require('node:events');
const record = { windows: [], ipc: new Map() };
const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  quit: () => app.emit('stub-quit'),
  exit: (code) => { process.exitCode = code; app.emit('stub-quit'); },
});
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = Object.assign(new EventEmitter(), {
      setWindowOpenHandler() {}, setVisualZoomLevelLimits: () => Promise.resolve(), setZoomFactor() {},
      getURL: () => this.url ?? '', forcefullyCrashRenderer() {},
    });
    record.windows.push(this);
  }
  loadURL(url) { this.url = url; return Promise.resolve(); }
  isDestroyed() { return false; }
  show() {}
}
const noop = () => undefined;
module.exports = {
  app, BrowserWindow, record,
  dialog: { showErrorBox: (title, text) => process.stderr.write(title + ': ' + text + '\\n') },
  ipcMain: { handle: (channel, fn) => record.ipc.set(channel, fn) },
  Menu: { setApplicationMenu: noop },
  powerSaveBlocker: { start: () => 1 },
  session: { defaultSession: { setPermissionRequestHandler: noop, setPermissionCheckHandler: noop,
    webRequest: { onBeforeRequest: noop } } },
};
`;

/** Starts the bundled main, drives it like a page would, then quits it. */
const DRIVER = `
const electron = require('electron');
const { main } = require(process.argv[2]);
(async () => {
  await main();
  const win = electron.record.windows[0];
  const invoke = electron.record.ipc.get('${IPC_INVOKE_CHANNEL}');
  const page = await (await fetch(win.url)).text();
  const printer = await invoke({ senderFrame: { url: win.url } }, 'printer.status', {});
  const refused = await invoke({ senderFrame: { url: 'https://evil.example/' } }, 'printer.status', {});
  const quit = new Promise((resolve) => electron.app.once('stub-quit', () => resolve(true)));
  electron.app.emit('before-quit', { preventDefault() {} });
  const { kiosk, webPreferences } = win.options;
  const report = { url: win.url, preload: webPreferences.preload, kiosk, sandbox: webPreferences.sandbox,
    page, printer, refused, quit: await quit };
  process.stdout.write(JSON.stringify(report) + '\\n');
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(2); });
`;
