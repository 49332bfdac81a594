/**
 * main.ts against a fake 'electron' (the binary never runs here): what it asks Electron for, in
 * which order, and what it does when it must not start. The kiosk runtime is replaced by a fake
 * whose handlers are the real handler table; the bundled main with the real runtime is exercised in
 * scripts/build-shell.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IpcMainInvokeEvent } from 'electron';
import { ConfigError } from '../common/config';
import { IPC_INVOKE_CHANNEL } from './api';
import { createHandlers } from './handlers';
import { createSimulatedHardware } from './hardware';
import type { KioskRuntime, KioskRuntimeOptions } from './runtime';
import { main } from './main';

const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const state = { lock: true };
  const windows: FakeBrowserWindow[] = [];
  const ipcListeners = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();

  class FakeContents extends EventEmitter {
    setWindowOpenHandler = vi.fn();
    setVisualZoomLevelLimits = vi.fn(() => Promise.resolve());
    setZoomFactor = vi.fn();
    getURL = vi.fn(() => '');
    forcefullyCrashRenderer = vi.fn();
  }
  class FakeBrowserWindow extends EventEmitter {
    webContents = new FakeContents();
    loadURL = vi.fn(() => Promise.resolve());
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = vi.fn(() => false);
    isDestroyed = vi.fn(() => false);
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
  }
  class FakeApp extends EventEmitter {
    isPackaged = false;
    requestSingleInstanceLock = vi.fn(() => state.lock);
    whenReady = vi.fn(() => Promise.resolve());
    quit = vi.fn();
    exit = vi.fn();
    relaunch = vi.fn();
  }
  const app = new FakeApp();
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: {
      handle: vi.fn((channel: string, l: (e: unknown, ...a: unknown[]) => unknown) =>
        ipcListeners.set(channel, l),
      ),
    },
    Menu: { setApplicationMenu: vi.fn() },
    powerSaveBlocker: { start: vi.fn(() => 1) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onBeforeRequest: vi.fn() },
      },
    },
  };
  return { state, windows, ipcListeners, electron, app, FakeContents, startKioskRuntime: vi.fn() };
});
vi.mock('electron', () => fake.electron);
vi.mock('./runtime', () => ({ startKioskRuntime: fake.startKioskRuntime }));

const PORT = 8799;
const URL_ = `http://127.0.0.1:${PORT}/`;
const here = fileURLToPath(new URL('.', import.meta.url));
const hardware = createSimulatedHardware();
const close = vi.fn(() => Promise.resolve());

const configDir = mkdtempSync(join(tmpdir(), 'vpk-main-'));
afterAll(() => rmSync(configDir, { recursive: true, force: true }));

beforeEach(() => {
  vi.clearAllMocks();
  fake.app.removeAllListeners();
  fake.windows.length = 0;
  fake.ipcListeners.clear();
  fake.state.lock = true;
  const configFile = join(configDir, 'vpk.config.json');
  writeFileSync(configFile, '{}');
  vi.stubEnv('VPK_CONFIG', configFile);
  vi.stubEnv('VPK_KIOSK_PORT', String(PORT));
  vi.stubEnv('VPK_KIOSK_LOG_LEVEL', 'silent');
  fake.startKioskRuntime.mockImplementation((opts: KioskRuntimeOptions) =>
    Promise.resolve({
      url: `http://127.0.0.1:${opts.config.kiosk.port}/`,
      handlers: createHandlers({ hardware, info: () => ({}) as never }),
      close,
    } as Partial<KioskRuntime>),
  );
});
afterEach(() => vi.unstubAllEnvs());

const onlyWindow = () => {
  expect(fake.windows).toHaveLength(1);
  return fake.windows[0]!;
};

describe('the Electron main process', () => {
  it('opens one locked-down kiosk window on the kiosk origin, shown once painted', async () => {
    await main();
    const win = onlyWindow();
    expect(win.options).toMatchObject({ kiosk: true, show: false });
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: true, // app.isPackaged is false here
      preload: join(here, 'preload.cjs'),
    });
    expect(win.loadURL).toHaveBeenCalledWith(URL_);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });

  it('starts the runtime as the Electron shell with the app beside the shell folder', async () => {
    await main();
    expect(fake.startKioskRuntime).toHaveBeenCalledWith(
      expect.objectContaining({ shell: 'electron', appDir: join(here, '..', 'app') }),
    );
  });

  it('registers the kiosk IPC channel, answering kiosk-origin frames through the handler table', async () => {
    await main();
    const listener = fake.ipcListeners.get(IPC_INVOKE_CHANNEL);
    const event = { senderFrame: { url: URL_ } } as IpcMainInvokeEvent;
    expect(await listener?.(event, 'printer.status', {})).toMatchObject({
      ok: true,
      value: { simulated: true },
    });
  });

  it('hardens the default session and every webContents, and registers IPC, before the page loads', async () => {
    await main();
    const { defaultSession } = fake.electron.session;
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(defaultSession.webRequest.onBeforeRequest).toHaveBeenCalled();
    const contents = new fake.FakeContents();
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    // The page may call window.kiosk as soon as it loads: session rules and IPC come first.
    const loaded = onlyWindow().loadURL.mock.invocationCallOrder[0]!;
    expect(defaultSession.webRequest.onBeforeRequest.mock.invocationCallOrder[0]).toBeLessThan(loaded);
    expect(fake.electron.ipcMain.handle.mock.invocationCallOrder[0]).toBeLessThan(loaded);
  });

  it('removes the menu and keeps the display awake', async () => {
    await main();
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(fake.electron.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
  });

  it('quits at once, opening nothing, when another instance holds the lock', async () => {
    fake.state.lock = false;
    await main();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
    expect(fake.startKioskRuntime).not.toHaveBeenCalled();
  });

  it('brings its window forward when a second instance starts', async () => {
    await main();
    const win = onlyWindow();
    win.isMinimized.mockReturnValue(true);
    fake.app.emit('second-instance', {}, [], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('closes the runtime before it lets the app quit', async () => {
    await main();
    const event = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledTimes(1));
    // The quit it then asks for goes through.
    const again = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('relaunches the app, after closing the runtime, when the renderer keeps crashing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await main();
      const win = onlyWindow();
      for (let i = 0; i < 6; i++)
        win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
      expect(win.loadURL).toHaveBeenCalledTimes(1 + 5); // the first load, then five reloads
      await vi.advanceTimersByTimeAsync(15_000);
      expect(fake.app.relaunch).toHaveBeenCalledTimes(1);
      expect(close).toHaveBeenCalledTimes(1);
      await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(0));
      expect(win.loadURL).toHaveBeenCalledTimes(6);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the technician a configuration error naming the variable, and exits with code 1', async () => {
    vi.stubEnv('VPK_KIOSK_PORT', 'eighty');
    await main();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith(
      expect.stringContaining('配置有误'),
      expect.stringContaining('VPK_KIOSK_PORT'),
    );
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.windows).toHaveLength(0);
  });

  it('names a device setting the drivers refuse as a configuration error', async () => {
    fake.startKioskRuntime.mockRejectedValueOnce(
      new ConfigError('配置有误 / invalid configuration:\n  setting "kiosk.hardware.printer.target": bad'),
    );
    await main();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith(
      expect.stringContaining('配置有误'),
      expect.stringContaining('kiosk.hardware.printer.target'),
    );
    expect(fake.app.exit).toHaveBeenCalledWith(1);
  });

  it('shows an error and exits with code 1 when the kiosk server cannot start', async () => {
    fake.startKioskRuntime.mockRejectedValueOnce(new Error('listen EADDRINUSE: address already in use'));
    await main();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith(
      expect.any(String),
      expect.stringContaining('EADDRINUSE'),
    );
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.windows).toHaveLength(0);
  });
});
