/**
 * What the Electron main process does, as plain functions that receive Electron objects as
 * parameters. main.ts calls them with the real objects; the tests call them with fakes, because the
 * Electron binary never runs on our build machines (ARCHITECTURE.md §3). Hence `import type` only.
 *
 * Invariants (ARCHITECTURE.md §3.1):
 * - the page is the kiosk origin `http://127.0.0.1:<port>` and nothing else, ever: no navigation, no
 *   window, no webview and no network request leaves it;
 * - hardware is reached only through IPC_INVOKE_CHANNEL, and only from a kiosk-origin frame;
 * - nothing throws across IPC: every answer is a Result value;
 * - a kiosk must come back by itself: a crashed or hung renderer is reloaded, forever.
 */
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  IpcMain,
  IpcMainInvokeEvent,
  Session,
  WebContents,
} from 'electron';
import { fail, IPC_INVOKE_CHANNEL, type Result } from './api';
import { dispatch, type Handlers } from './handlers';
import { isAllowedOrigin, kioskOrigin } from './security';
import { isBlockedShortcut } from './shortcuts';
import type { Logger } from '../common/logger';

/** The page's background (app/styles.css --bg), so the window never flashes white before paint. */
export const KIOSK_BACKGROUND = '#f4f1ea';

/**
 * The permissions the kiosk origin gets. ARCHITECTURE.md §4 asks for persistent storage
 * (`navigator.storage.persist()`) so Chromium never evicts the IndexedDB that holds unsynced orders.
 * The camera (video only — `media` is judged by `grantsMedia`) photographs produce for 代销 and goods
 * for 退换货. Microphone, geolocation, notifications, HID/serial/USB from the page etc. are refused.
 */
export const KIOSK_PERMISSIONS: ReadonlySet<string> = new Set(['persistent-storage']);

/** `media` only for the camera: a request that includes audio (the microphone) is refused whole. */
export const grantsMedia = (mediaTypes: readonly string[] | undefined): boolean =>
  mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'video');

const parse = (url: string): URL | undefined => (URL.canParse(url) ? new URL(url) : undefined);

/** True for a URL on the kiosk origin itself (scheme, host and port; `new URL`, never `.includes`). */
export const isKioskUrl = (url: string, port: number): boolean => parse(url)?.origin === kioskOrigin(port);

/** Where the page may navigate: its own origin (devtools:// only matters unpackaged). */
export function isAllowedNavigation(url: string, port: number): boolean {
  return isKioskUrl(url, port) || parse(url)?.protocol === 'devtools:';
}

/** Which network requests the session lets through: the origin, its bridge socket, inline data. */
export function isAllowedRequest(url: string, port: number): boolean {
  const u = parse(url);
  if (u === undefined) return false;
  switch (u.protocol) {
    case 'http:':
      return u.origin === kioskOrigin(port);
    case 'ws:':
      return u.host === `127.0.0.1:${port}`;
    case 'data:':
    case 'blob:':
    case 'devtools:':
      return true;
    default:
      return false;
  }
}

/**
 * The IPC half of the Electron transport. The sender frame is checked because any frame of any
 * webContents can call ipcRenderer; method and input are checked by dispatch against the contract.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: Handlers,
  logger: Logger,
  port: number,
): void {
  const log = logger.child({ module: 'ipc' });
  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Result<unknown>> => {
      const frameUrl = event.senderFrame?.url ?? '';
      const name = typeof method === 'string' ? method : typeof method;
      if (!isAllowedOrigin(frameUrl, port)) {
        log.warn({ frameUrl, method: name }, 'IPC call refused: sender is not the kiosk origin');
        return fail('BAD_REQUEST', `拒绝调用 / call refused: ${name} from a frame outside the kiosk origin`);
      }
      try {
        return await dispatch(handlers, method, input, log);
      } catch (error) {
        // dispatch already turns handler errors into results; this is the last net, because a
        // rejection would reach the page as an opaque "Error invoking remote method".
        log.error({ method: name, err: error }, 'dispatch threw');
        return fail('INTERNAL', `内部错误 / ${name} failed`);
      }
    },
  );
}

export function kioskWindowOptions(
  preloadPath: string,
  opts: { devTools: boolean },
): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND,
    // Shown on 'ready-to-show' (main.ts), so a villager never sees a half-painted window.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      // The preload is a single bundled file because a sandboxed preload can only require 'electron'.
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: opts.devTools,
      navigateOnDragDrop: false,
      // Middle-click would open links in new windows; nothing on a touchscreen needs it.
      disableBlinkFeatures: 'Auxclick',
      // A page stuck in an alert() loop can be escaped by the window, not only by a restart.
      safeDialogs: true,
    },
  };
}

type HardenableContents = Pick<
  WebContents,
  'on' | 'setWindowOpenHandler' | 'setVisualZoomLevelLimits' | 'setZoomFactor'
>;

/** Applied to every webContents the app creates (app 'web-contents-created'), not only the window's. */
export function hardenWebContents(contents: HardenableContents, port: number, logger: Logger): void {
  const log = logger.child({ module: 'web-contents' });
  const guard = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isAllowedNavigation(event.url, port)) return;
    event.preventDefault();
    log.warn({ url: event.url, kind }, 'navigation off the kiosk origin refused');
  };
  contents.on('will-navigate', guard('navigate'));
  contents.on('will-redirect', guard('redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url }, 'window.open refused');
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview refused');
  });
  // Before the page and before Chromium's own accelerators see the key (both keyDown and keyUp, so
  // no half of a combination reaches anything).
  contents.on('before-input-event', (event, input) => {
    if (!isBlockedShortcut(input)) return;
    event.preventDefault();
    if (input.type === 'keyDown') log.info({ key: input.key }, 'kiosk-leaving shortcut blocked');
  });

  // Pinch and ctrl+wheel zoom would leave the touch layout unusable until someone finds a keyboard.
  // Limits are re-applied after each load because a navigation may reset them.
  const lockZoom = (): void => {
    contents.setVisualZoomLevelLimits(1, 1).catch((err: unknown) => log.warn({ err }, 'zoom limits not set'));
  };
  lockZoom();
  contents.on('did-finish-load', lockZoom);
  contents.on('zoom-changed', () => contents.setZoomFactor(1));
}

/** Deny by default at the session: permissions and the network, for every page and worker in it. */
export function hardenSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>,
  port: number,
  logger?: Logger,
): void {
  const log = logger?.child({ module: 'session' });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed =
      permission === 'media'
        ? grantsMedia('mediaTypes' in details ? details.mediaTypes : undefined)
        : KIOSK_PERMISSIONS.has(permission);
    const granted = allowed && isKioskUrl(details.requestingUrl, port);
    if (!granted) log?.warn({ permission, url: details.requestingUrl }, 'permission request refused');
    callback(granted);
  });
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin, details) =>
      (permission === 'media'
        ? grantsMedia(details.mediaType ? [details.mediaType] : undefined)
        : KIOSK_PERMISSIONS.has(permission)) && isKioskUrl(requestingOrigin, port),
  );
  session.webRequest.onBeforeRequest((details, callback) => {
    const cancel = !isAllowedRequest(details.url, port);
    if (cancel)
      log?.warn({ url: details.url, type: details.resourceType }, 'request off the kiosk origin cancelled');
    callback({ cancel });
  });
}

export interface SuperviseOptions {
  /** How long the page may stay unresponsive before its renderer is killed and the page reloaded. */
  hangReloadMs: number;
  /** Where to go after a failure; default the URL that was showing. main.ts passes the home URL. */
  url?: string;
  /**
   * Past `crashLimit` failures within `crashWindowMs` (default 5 in 10 min), wait `crashLoopDelayMs`
   * and then `relaunch` the whole app (main.ts: app.relaunch() + exit), which also replaces a GPU
   * process or main-process state that a reload cannot; without `relaunch`, reload after the pause.
   */
  crashLimit?: number;
  crashWindowMs?: number;
  crashLoopDelayMs?: number;
  relaunch?: () => void;
  /** Pause before retrying a main-frame load that failed (e.g. the origin server was not up yet). */
  loadRetryMs?: number;
  now?: () => number;
}

export interface RendererSupervisor {
  /** Crashes and hangs counted in the current crash window. */
  recentFailures(): number;
  stop(): void;
}

type SupervisedWindow = Pick<BrowserWindow, 'loadURL' | 'isDestroyed' | 'on'> & {
  webContents: Pick<WebContents, 'on' | 'getURL' | 'forcefullyCrashRenderer'>;
};

/**
 * Brings the page back after a renderer crash, a hang or a failed load. There is no "give up": a
 * crash loop slows down and then restarts the app (and logs at error level, which is what the county
 * sees), because a kiosk with a dead screen is worse than one that retries every few seconds.
 */
export function superviseRenderer(
  win: SupervisedWindow,
  logger: Logger,
  opts: SuperviseOptions,
): RendererSupervisor {
  const log = logger.child({ module: 'renderer-supervisor' });
  const contents = win.webContents;
  const now = opts.now ?? Date.now;
  const limit = opts.crashLimit ?? 5;
  const windowMs = opts.crashWindowMs ?? 10 * 60_000;
  const loopDelayMs = opts.crashLoopDelayMs ?? 15_000;
  let failures: number[] = [];
  let hangTimer: ReturnType<typeof setTimeout> | undefined;
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  let killedByUs = false;
  let stopped = false;

  const load = (): void => {
    reloadTimer = undefined;
    if (stopped || win.isDestroyed()) return;
    const target = opts.url ?? contents.getURL();
    win.loadURL(target).catch((err: unknown) => log.error({ err, url: target }, 'reload failed'));
  };
  const clearHang = (): void => {
    clearTimeout(hangTimer);
    hangTimer = undefined;
  };
  // Crashes and hangs share one budget, so a page that hangs every time it loads also slows down.
  const recover = (why: Record<string, unknown>): void => {
    const t = now();
    failures = failures.filter((at) => t - at < windowMs);
    failures.push(t);
    if (reloadTimer !== undefined) return; // a reload is already on its way
    if (failures.length > limit) {
      const relaunch = opts.relaunch;
      log.error(
        { ...why, failures: failures.length, windowMs, delayMs: loopDelayMs, relaunch: !!relaunch },
        'renderer keeps failing',
      );
      reloadTimer = setTimeout(() => {
        if (relaunch === undefined || stopped) {
          load();
          return;
        }
        stop(); // nothing more from this window: the app is going away
        relaunch();
      }, loopDelayMs);
    } else {
      log.warn({ ...why, failures: failures.length }, 'renderer failed; reloading');
      load();
    }
  };

  contents.on('render-process-gone', (_event, details) => {
    clearHang();
    if (killedByUs) {
      killedByUs = false; // our own kill after a hang: already counted and already reloading
      return;
    }
    recover({ reason: details.reason, exitCode: details.exitCode });
  });
  contents.on('unresponsive', () => {
    if (hangTimer !== undefined) return;
    log.warn({ hangReloadMs: opts.hangReloadMs }, 'renderer unresponsive');
    hangTimer = setTimeout(() => {
      hangTimer = undefined;
      if (stopped || win.isDestroyed()) return;
      // Electron's documented recovery from 'unresponsive': kill the renderer, then load in a new one.
      killedByUs = true;
      contents.forcefullyCrashRenderer();
      recover({ reason: 'hung', hungMs: opts.hangReloadMs });
    }, opts.hangReloadMs);
  });
  contents.on('responsive', () => {
    if (hangTimer === undefined) return;
    clearHang();
    log.info('renderer responsive again');
  });
  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    // -3 is ERR_ABORTED: one navigation replaced by another, not a failure.
    if (!isMainFrame || errorCode === -3 || reloadTimer !== undefined) return;
    log.error({ errorCode, errorDescription, url: validatedURL }, 'page failed to load; retrying');
    reloadTimer = setTimeout(load, opts.loadRetryMs ?? 3_000);
  });

  const stop = (): void => {
    stopped = true;
    clearHang();
    clearTimeout(reloadTimer);
  };
  win.on('closed', stop);
  return { recentFailures: () => failures.filter((at) => now() - at < windowMs).length, stop };
}
