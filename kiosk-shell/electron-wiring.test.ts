/**
 * The main process's rules, exercised on fakes shaped like Electron's objects (EventEmitter-based
 * webContents and window, a session recording its handlers). Electron itself never loads here.
 */
import { EventEmitter } from 'node:events';
import type { BrowserWindow, Session, WebContents } from 'electron';
import pino from 'pino';
import { silentLogger } from '../common/logger';
import {
  hardenSession,
  hardenWebContents,
  isAllowedRequest,
  kioskWindowOptions,
  superviseRenderer,
} from './electron-wiring';

const PORT = 8765;
const HOME = `http://127.0.0.1:${PORT}/`;

class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler = vi.fn((h: (details: { url: string }) => { action: string }) => {
    this.openHandler = h;
  });
  setVisualZoomLevelLimits = vi.fn(() => Promise.resolve());
  setZoomFactor = vi.fn();
  getURL = vi.fn(() => `${HOME}#/shop`);
  forcefullyCrashRenderer = vi.fn();
}

class FakeWindow extends EventEmitter {
  webContents = new FakeContents();
  loadURL = vi.fn(() => Promise.resolve());
  isDestroyed = vi.fn(() => false);
}

const asContents = (c: FakeContents) => c as unknown as WebContents;
const asWindow = (w: FakeWindow) => w as unknown as BrowserWindow;

/** A logger whose lines the test can read (pino levels: 40 warn, 50 error). */
type LogLine = { level: number; msg: string; [k: string]: unknown };
function capturingLogger() {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'trace' },
    { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) },
  );
  return { logger, lines };
}

function navigation(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('hardenWebContents', () => {
  let contents: FakeContents;
  beforeEach(() => {
    contents = new FakeContents();
    hardenWebContents(asContents(contents), PORT, silentLogger);
  });

  it.each([
    'https://evil.example/',
    'http://localhost:8765/', // same server, but another origin: another (empty) IndexedDB
    'http://127.0.0.1:9999/',
    'https://127.0.0.1:8765/',
    'file:///etc/passwd',
    'javascript:alert(1)',
  ])('prevents navigating and redirecting to %s', (url) => {
    for (const name of ['will-navigate', 'will-redirect']) {
      const event = navigation(url);
      contents.emit(name, event, url);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
  });

  it('lets the page move within its own origin', () => {
    for (const url of [HOME, `${HOME}#/parcels/pickup`, `${HOME}operator?tab=sync`]) {
      const event = navigation(url);
      contents.emit('will-navigate', event, url);
      contents.emit('will-redirect', event, url);
      expect(event.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('denies every window.open, even to the kiosk origin', () => {
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: HOME })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a webview', () => {
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.preventDefault).toHaveBeenCalled();
  });

  const key = (key: string, mods: Partial<Record<'alt' | 'control' | 'meta' | 'shift', boolean>> = {}) => {
    const event = { preventDefault: vi.fn() };
    const input = { type: 'keyDown', key, alt: false, control: false, meta: false, shift: false, ...mods };
    contents.emit('before-input-event', event, input);
    contents.emit('before-input-event', event, { ...input, type: 'keyUp' });
    return event.preventDefault.mock.calls.length;
  };

  it.each<[string, string, Partial<Record<'alt' | 'control' | 'meta' | 'shift', boolean>>]>([
    ['Alt+F4 (close the window)', 'F4', { alt: true }],
    ['Ctrl+W (close)', 'w', { control: true }],
    ['Ctrl+Q (quit)', 'q', { control: true }],
    ['Cmd+Q', 'q', { meta: true }],
    ['Ctrl+Shift+I (devtools)', 'I', { control: true, shift: true }],
    ['Ctrl+Shift+J (console)', 'J', { control: true, shift: true }],
    ['Ctrl+Shift+C (inspect)', 'C', { control: true, shift: true }],
    ['F12 (devtools)', 'F12', {}],
    ['F11 (leave full screen)', 'F11', {}],
    ['Ctrl+P (print dialog)', 'p', { control: true }],
    ['Ctrl+S (save page)', 's', { control: true }],
    ['Ctrl+O (open file)', 'o', { control: true }],
    ['Ctrl+U (view source)', 'u', { control: true }],
    ['Ctrl+N (new window)', 'n', { control: true }],
    ['Ctrl+= (zoom)', '=', { control: true }],
    ['Alt+Left (history back)', 'ArrowLeft', { alt: true }],
    ['the keyboard’s Back key', 'BrowserBack', {}],
  ])('blocks %s, key down and key up', (_what, name, mods) => {
    expect(key(name, mods)).toBe(2);
  });

  it.each<[string, string, Partial<Record<'alt' | 'control' | 'meta' | 'shift', boolean>>]>([
    ['typing', 'a', {}],
    ['capitals', 'W', { shift: true }],
    ['Enter from a scanner', 'Enter', {}],
    ['Ctrl+R (reload)', 'r', { control: true }],
    ['F5 (reload)', 'F5', {}],
    ['AltGr characters (Ctrl+Alt)', 'q', { control: true, alt: true }],
    ['Backspace on a number pad', 'Backspace', {}],
  ])('lets %s through', (_what, name, mods) => {
    expect(key(name, mods)).toBe(0);
  });

  it('locks pinch zoom, re-locks it after each load, and undoes ctrl+wheel zoom', () => {
    expect(contents.setVisualZoomLevelLimits).toHaveBeenLastCalledWith(1, 1);
    contents.emit('did-finish-load');
    expect(contents.setVisualZoomLevelLimits).toHaveBeenCalledTimes(2);
    contents.emit('zoom-changed', {}, 'in');
    expect(contents.setZoomFactor).toHaveBeenCalledWith(1);
  });
});

describe('hardenSession', () => {
  type RequestHandler = (wc: unknown, permission: string, cb: (ok: boolean) => void, details: object) => void;
  type CheckHandler = (wc: unknown, permission: string, origin: string, details: object) => boolean;
  type BeforeRequest = (details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void;
  let onRequest: RequestHandler;
  let onCheck: CheckHandler;
  let onBeforeRequest: BeforeRequest;

  beforeEach(() => {
    const session = {
      setPermissionRequestHandler: (h: RequestHandler) => void (onRequest = h),
      setPermissionCheckHandler: (h: CheckHandler) => void (onCheck = h),
      webRequest: { onBeforeRequest: (l: BeforeRequest) => void (onBeforeRequest = l) },
    };
    hardenSession(session as unknown as Session, PORT, silentLogger);
  });

  const ask = (permission: string, requestingUrl: string, extra: object = {}) => {
    const cb = vi.fn();
    onRequest({}, permission, cb, { requestingUrl, isMainFrame: true, ...extra });
    return cb.mock.calls[0]?.[0] as boolean;
  };

  it.each(['geolocation', 'notifications', 'hid', 'serial', 'usb', 'openExternal', 'clipboard-read'])(
    'denies the %s permission, asked or checked, even to the kiosk page',
    (permission) => {
      expect(ask(permission, HOME)).toBe(false);
      expect(onCheck({}, permission, `http://127.0.0.1:${PORT}`, {})).toBe(false);
    },
  );

  it('grants the camera to the kiosk page for produce photos, never the microphone or another origin', () => {
    expect(ask('media', HOME, { mediaTypes: ['video'] })).toBe(true);
    expect(onCheck({}, 'media', `http://127.0.0.1:${PORT}`, { mediaType: 'video' })).toBe(true);
    expect(ask('media', HOME, { mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(ask('media', HOME, { mediaTypes: ['audio'] })).toBe(false);
    expect(ask('media', HOME, {})).toBe(false);
    expect(onCheck({}, 'media', `http://127.0.0.1:${PORT}`, { mediaType: 'audio' })).toBe(false);
    expect(ask('media', 'https://evil.example/', { mediaTypes: ['video'] })).toBe(false);
  });

  it('grants persistent storage to the kiosk origin only, so unsynced orders are never evicted', () => {
    expect(ask('persistent-storage', HOME)).toBe(true);
    expect(onCheck({}, 'persistent-storage', `http://127.0.0.1:${PORT}`, {})).toBe(true);
    expect(ask('persistent-storage', 'https://evil.example/')).toBe(false);
    expect(onCheck({}, 'persistent-storage', 'http://localhost:8765', {})).toBe(false);
  });

  it.each([
    [`${HOME}assets/index-abc.js`, false],
    [`${HOME}county/api/v1/sync/pull?cursor=0`, false],
    [`ws://127.0.0.1:${PORT}/kiosk-bridge/socket`, false],
    ['data:image/png;base64,AAAA', false],
    [`blob:${HOME}0b7c-11ee`, false],
    ['devtools://devtools/bundled/devtools_app.html', false],
    ['https://evil.example/track.gif', true],
    ['http://192.168.1.1/', true],
    ['http://127.0.0.1:9999/', true],
    ['ws://127.0.0.1:9999/', true],
    ['http://localhost:8765/', true],
    ['file:///C:/Windows/win.ini', true],
    ['not a url', true],
  ])('%s → cancel: %s', (url, cancel) => {
    const cb = vi.fn();
    onBeforeRequest({ url }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel });
    expect(isAllowedRequest(url, PORT)).toBe(!cancel);
  });
});

describe('kioskWindowOptions', () => {
  it('asks for a locked-down, full-screen kiosk window that shows only when painted', () => {
    const options = kioskWindowOptions('/opt/vpk/dist/shell/preload.cjs', { devTools: false });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true, show: false });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(options.webPreferences).toMatchObject({
      preload: '/opt/vpk/dist/shell/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('offers devtools only when asked (unpackaged)', () => {
    expect(kioskWindowOptions('p', { devTools: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('superviseRenderer', () => {
  let win: FakeWindow;
  let log: ReturnType<typeof capturingLogger>;
  beforeEach(() => {
    vi.useFakeTimers();
    win = new FakeWindow();
    log = capturingLogger();
  });
  afterEach(() => vi.useRealTimers());

  const crash = (reason = 'crashed') =>
    win.webContents.emit('render-process-gone', {}, { reason, exitCode: 139 });

  it('reloads the home page at once when the renderer crashes, and logs why', () => {
    superviseRenderer(asWindow(win), log.logger, { hangReloadMs: 10_000, url: HOME });
    crash('oom');
    expect(win.loadURL).toHaveBeenCalledWith(HOME);
    expect(log.lines.find((l) => l.reason === 'oom')).toMatchObject({ level: 40 });
  });

  it('reloads the page that was showing when no home URL is given', () => {
    superviseRenderer(asWindow(win), log.logger, { hangReloadMs: 10_000 });
    crash();
    expect(win.loadURL).toHaveBeenCalledWith(`${HOME}#/shop`);
  });

  it('kills and reloads a renderer still unresponsive after hangReloadMs, and only then', () => {
    superviseRenderer(asWindow(win), log.logger, { hangReloadMs: 10_000, url: HOME });
    win.webContents.emit('unresponsive');
    vi.advanceTimersByTime(9_999);
    expect(win.loadURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(win.loadURL).toHaveBeenCalledTimes(1);
    // The kill itself reports the renderer gone; that must not cause a second reload.
    crash('killed');
    expect(win.loadURL).toHaveBeenCalledTimes(1);
  });

  it('leaves a renderer alone that becomes responsive again before the delay', () => {
    superviseRenderer(asWindow(win), log.logger, { hangReloadMs: 10_000, url: HOME });
    win.webContents.emit('unresponsive');
    vi.advanceTimersByTime(6_000);
    win.webContents.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(win.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(win.loadURL).not.toHaveBeenCalled();
  });

  it('past 5 failures in 10 minutes, logs an error and keeps reloading after a pause', () => {
    const supervisor = superviseRenderer(asWindow(win), log.logger, {
      hangReloadMs: 10_000,
      url: HOME,
      crashLoopDelayMs: 30_000,
    });
    for (let i = 0; i < 5; i++) {
      crash();
      vi.advanceTimersByTime(60_000);
    }
    expect(win.loadURL).toHaveBeenCalledTimes(5);
    expect(log.lines.some((l) => l.level >= 50)).toBe(false);

    crash();
    expect(supervisor.recentFailures()).toBe(6);
    expect(win.loadURL).toHaveBeenCalledTimes(5);
    expect(log.lines.at(-1)).toMatchObject({ level: 50, msg: 'renderer keeps failing' });
    vi.advanceTimersByTime(30_000);
    expect(win.loadURL).toHaveBeenCalledTimes(6);

    // Ten quiet minutes later the budget is back and a crash reloads at once again.
    vi.advanceTimersByTime(10 * 60_000);
    crash();
    expect(win.loadURL).toHaveBeenCalledTimes(7);
  });

  it('past the crash limit, relaunches the whole app after the pause instead of reloading', () => {
    const relaunch = vi.fn();
    superviseRenderer(asWindow(win), log.logger, {
      hangReloadMs: 10_000,
      url: HOME,
      crashLoopDelayMs: 30_000,
      relaunch,
    });
    for (let i = 0; i < 5; i++) crash();
    expect(win.loadURL).toHaveBeenCalledTimes(5);
    crash();
    crash(); // more crashes while the relaunch is pending change nothing
    vi.advanceTimersByTime(29_999);
    expect(relaunch).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(relaunch).toHaveBeenCalledTimes(1);
    expect(win.loadURL).toHaveBeenCalledTimes(5);
    expect(log.lines.find((l) => l.msg === 'renderer keeps failing')).toMatchObject({
      level: 50,
      relaunch: true,
    });
    // The app is going away: the window is not reloaded behind its back.
    crash();
    vi.advanceTimersByTime(60_000);
    expect(win.loadURL).toHaveBeenCalledTimes(5);
    expect(relaunch).toHaveBeenCalledTimes(1);
  });

  it('does not relaunch for a window closed during the pause', () => {
    const relaunch = vi.fn();
    superviseRenderer(asWindow(win), log.logger, { hangReloadMs: 10_000, url: HOME, relaunch });
    for (let i = 0; i < 6; i++) crash();
    win.emit('closed');
    vi.advanceTimersByTime(60_000);
    expect(relaunch).not.toHaveBeenCalled();
  });

  it('retries a main-frame load that failed, but not an aborted one or a subframe', () => {
    superviseRenderer(asWindow(win), log.logger, { hangReloadMs: 10_000, url: HOME, loadRetryMs: 3_000 });
    win.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', HOME, true);
    win.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', `${HOME}frame`, false);
    vi.advanceTimersByTime(10_000);
    expect(win.loadURL).not.toHaveBeenCalled();
    win.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', HOME, true);
    vi.advanceTimersByTime(3_000);
    expect(win.loadURL).toHaveBeenCalledWith(HOME);
  });

  it('does nothing more once the window is closed', () => {
    superviseRenderer(asWindow(win), log.logger, { hangReloadMs: 10_000, url: HOME });
    win.webContents.emit('unresponsive');
    win.emit('closed');
    win.isDestroyed.mockReturnValue(true);
    vi.advanceTimersByTime(60_000);
    crash();
    expect(win.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(win.loadURL).not.toHaveBeenCalled();
  });
});
